/** What went wrong while reading an image; the CLI maps every code to exit 2. */
export type ImageSourceErrorCode =
  | 'bad-reference'
  | 'not-found'
  | 'unsupported'
  | 'corrupt'
  | 'digest-mismatch'
  | 'missing-blob'
  | 'platform'
  | 'auth'
  | 'network'
  | 'timeout'
  | 'limit'
  | 'aborted';

/** A typed, user-facing error: the message names the input and what is wrong with it. */
export class ImageSourceError extends Error {
  readonly code: ImageSourceErrorCode;
  constructor(code: ImageSourceErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImageSourceError';
    this.code = code;
  }
}

export const isImageSourceError = (e: unknown): e is ImageSourceError => e instanceof ImageSourceError;

/** Wraps any error thrown while reading `what` into an ImageSourceError that names it. */
export function wrapError(e: unknown, what: string, code: ImageSourceErrorCode = 'corrupt'): ImageSourceError {
  if (e instanceof ImageSourceError) return e;
  if (isAbort(e)) return new ImageSourceError('aborted', `${what}: aborted`, { cause: e });
  const detail = e instanceof Error ? e.message : String(e);
  return new ImageSourceError(code, `${what}: ${detail}`, { cause: e });
}

export function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || (e as { code?: string }).code === 'ABORT_ERR');
}

export function checkAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new ImageSourceError('aborted', `${what}: aborted`);
}
