import { ImageSourceError } from './errors.js';

/**
 * Paths are kept as "binary strings": one char per byte (latin1), so names that are not valid
 * UTF-8 survive byte for byte. `displayPath` turns them into text for people.
 */
const NON_ASCII = /[^\x00-\x7f]/;

/** Converts a name decoded by tar-stream as latin1 (raw bytes) into the internal binary form. */
export const fromLatin1 = (s: string): string => s;

/** Converts a name that was decoded as UTF-8 (PAX records) into the internal binary form. */
export function fromUtf8(s: string): string {
  return NON_ASCII.test(s) ? Buffer.from(s, 'utf8').toString('latin1') : s;
}

/** Text for people: valid UTF-8 as is, any other byte as \xNN (and a literal backslash as \\ then). */
export function displayPath(bin: string): string {
  if (!NON_ASCII.test(bin)) return bin;
  const bytes = Buffer.from(bin, 'latin1');
  const text = bytes.toString('utf8');
  if (!text.includes('\ufffd') || Buffer.from(text, 'utf8').equals(bytes)) return text;
  return escapeInvalid(bytes);
}

function escapeInvalid(bytes: Buffer): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const len = utf8SeqLen(bytes, i);
    if (len === 0) {
      out += `\\x${bytes[i].toString(16).padStart(2, '0')}`;
      i += 1;
    } else {
      const piece = bytes.subarray(i, i + len).toString('utf8');
      out += piece === '\\' ? '\\\\' : piece;
      i += len;
    }
  }
  return out;
}

function utf8SeqLen(b: Buffer, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (len === 0 || i + len > b.length) return 0;
  for (let k = 1; k < len; k++) if ((b[i + k] & 0xc0) !== 0x80) return 0;
  const valid = Buffer.from(b.subarray(i, i + len).toString('utf8'), 'utf8');
  return valid.equals(b.subarray(i, i + len)) ? len : 0;
}

/**
 * Normalises a tar entry name to "a/b/c" (no leading "./" or "/", no trailing "/", no "." parts).
 * Rejects absolute names and any ".." part: a layer must never point outside its root.
 * Returns "" for the root itself.
 */
export function normalizeEntryName(name: string, where: string): string {
  if (name.startsWith('/')) {
    throw new ImageSourceError('corrupt', `${where}: entry "${displayPath(name)}" has an absolute name`);
  }
  const parts = name.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      throw new ImageSourceError('corrupt', `${where}: entry "${displayPath(name)}" climbs out of the layer with ".."`);
    }
    out.push(p);
  }
  return out.join('/');
}

/** Resolves a hardlink target name the same way (hardlink names are relative to the layer root). */
export function normalizeLinkTarget(name: string, where: string): string {
  return normalizeEntryName(name.replace(/^\/+/, ''), where);
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

export function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}
