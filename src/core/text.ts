import type { Position, Span } from './diagnostic.js';

/** Maps UTF-16 offsets to 1-based line/column and back. Lines end at \n (a preceding \r belongs to the line ending). */
export class LineIndex {
  readonly starts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // a UTF-8 byte order mark is not a column editors show
    const bom = lo === 0 && o > 0 && this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return { line: lo + 1, column: o - this.starts[lo] + 1 - bom };
  }

  offset(pos: { line: number; column: number }): number {
    const line = Math.max(1, Math.min(pos.line, this.starts.length));
    const bom = line === 1 && this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return Math.min(this.starts[line - 1] + pos.column - 1 + bom, this.text.length);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))];
  }

  /** Offset of the end of the line's content (before \r\n or \n). */
  lineEnd(line: number): number {
    const next = line < this.starts.length ? this.starts[line] - 1 : this.text.length;
    return next > 0 && this.text.charCodeAt(next - 1) === 13 && next <= this.text.length && this.text.charCodeAt(next) === 10 ? next - 1 : next;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

export function spanOf(start: number, end: number): Span {
  return { start, end };
}

export function eol(text: string): '\r\n' | '\n' {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * Order strings by UTF-16 code units. Deterministic and cheap: `localeCompare` loads ICU's collator on
 * first use (milliseconds of start-up) and orders by locale rules that are not needed for ids and paths.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
