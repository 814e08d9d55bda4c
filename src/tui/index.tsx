import { render } from 'ink';
import { App, type ModelLoader } from './components/App.js';
import type { ExplorerModel } from './model.js';
import type { ExplorerState } from './state.js';

export type { ExplorerModel } from './model.js';
export type { ModelLoader } from './components/App.js';
export { buildModel } from './model.js';

/** Raised when the explorer cannot run: it needs a terminal on both stdin and stdout. */
export class NotATerminalError extends Error {}

export interface ExploreOptions {
  /** What the header calls the image. */
  title: string;
  color: boolean;
  /** The terminal (default: the process's stdin and stdout). */
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  initial?: Partial<Pick<ExplorerState, 'sort' | 'compare'>>;
}

const ENTER_ALT_SCREEN = '\x1b[?1049h';
const LEAVE_ALT_SCREEN = '\x1b[?1049l';

/**
 * Runs the explorer until the user quits. The only place that calls Ink's `render`. It draws on the
 * terminal's alternate screen, so the shell's screen is back as it was afterwards. `input` is a model, or
 * a loader (the image is then read behind a progress view). Rejects with the loader's error.
 */
export async function explore(input: ExplorerModel | ModelLoader, opts: ExploreOptions): Promise<void> {
  const { stdout, stdin } = opts;
  if (!stdout || !stdin) throw new NotATerminalError('no terminal');
  if (!stdout.isTTY) throw new NotATerminalError('standard output is not a terminal');
  if (!stdin.isTTY) throw new NotATerminalError('standard input is not a terminal');
  const model = typeof input === 'function' ? undefined : input;
  const load = typeof input === 'function' ? input : undefined;
  // Frames stay one row shorter than the terminal (see layout) so Ink never clears the screen, and Ink
  // wraps each frame in synchronized-output marks, so terminals that support them never show a half frame.
  stdout.write(ENTER_ALT_SCREEN);
  try {
    const instance = render(<App model={model} load={load} title={opts.title} color={opts.color} columns={stdout.columns || 80} rows={stdout.rows || 24} initial={opts.initial} />, {
      stdout,
      stdin,
      exitOnCtrlC: false,
      maxFps: 60,
    });
    await instance.waitUntilExit();
  } finally {
    stdout.write(LEAVE_ALT_SCREEN);
  }
}
