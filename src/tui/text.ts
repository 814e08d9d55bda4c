/** Terminal text helpers: display width, fitting to columns, and styled segments. */

export interface Seg {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
}
/** One screen line: segments whose widths add up to the line width. */
export type Line = Seg[];

function charWidth(cp: number): number {
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  if ((cp >= 0x300 && cp <= 0x36f) || cp === 0x200b || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  return 1;
}

/** Control characters (a newline in a file name...) would break the layout: show them as `?`. */
export const clean = (s: string): string => s.replace(/[\x00-\x1f\x7f-\x9f]/g, '?');

export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0) as number);
  return w;
}

/** Cuts to at most `w` columns, ending with `…` when cut. */
export function truncate(s: string, w: number): string {
  if (w <= 0) return '';
  if (width(s) <= w) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0) as number);
    if (used + cw > w - 1) break;
    out += ch;
    used += cw;
  }
  return `${out}…`;
}

/** Cuts from the left (`…end`): for paths, whose end matters most. */
export function truncateLeft(s: string, w: number): string {
  if (w <= 0) return '';
  if (width(s) <= w) return s;
  const chars = [...s];
  let out = '';
  let used = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const cw = charWidth(chars[i].codePointAt(0) as number);
    if (used + cw > w - 1) break;
    out = chars[i] + out;
    used += cw;
  }
  return `…${out}`;
}

/** Exactly `w` columns: truncated or padded with spaces. */
export function fit(s: string, w: number): string {
  const t = truncate(s, w);
  return t + ' '.repeat(Math.max(0, w - width(t)));
}

export const padStart = (s: string, w: number): string => ' '.repeat(Math.max(0, w - width(s))) + s;

export const seg = (text: string, style: Omit<Seg, 'text'> = {}): Seg => ({ text, ...style });

/** Makes a line exactly `w` columns: cuts segments that overflow and pads the end. */
export function fitLine(line: Line, w: number): Line {
  const out: Line = [];
  let used = 0;
  for (const s of line) {
    if (used >= w) break;
    const sw = width(s.text);
    if (used + sw <= w) {
      out.push(s);
      used += sw;
    } else {
      out.push({ ...s, text: truncate(s.text, w - used) });
      used = w;
    }
  }
  if (used < w) {
    const last = out[out.length - 1];
    const pad = ' '.repeat(w - used);
    if (last && last.inverse) out.push({ text: pad, inverse: true, color: last.color });
    else out.push({ text: pad });
  }
  return out;
}

export const lineText = (line: Line): string => line.map((s) => s.text).join('');

/** Wraps text to lines of at most `w` columns, breaking at spaces when possible. */
export function wrap(text: string, w: number): string[] {
  const out: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let rest = clean(para);
    if (rest === '') {
      out.push('');
      continue;
    }
    while (width(rest) > w) {
      let cut = -1;
      let used = 0;
      let i = 0;
      const chars = [...rest];
      for (; i < chars.length; i++) {
        const cw = charWidth(chars[i].codePointAt(0) as number);
        if (used + cw > w) break;
        used += cw;
        if (chars[i] === ' ') cut = i;
      }
      const at = cut > w / 3 ? cut : i;
      out.push(chars.slice(0, at).join('').trimEnd());
      rest = chars
        .slice(at)
        .join('')
        .replace(/^ +/, '');
    }
    out.push(rest);
  }
  return out;
}
