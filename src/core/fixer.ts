import type { Edit, Span } from './diagnostic.js';

type At = Span | { readonly span: Span };

function spanOf(at: At): Span {
  return 'span' in at ? at.span : at;
}

export interface Fixer {
  replace(at: At, text: string): Edit;
  insertBefore(at: At, text: string): Edit;
  insertAfter(at: At, text: string): Edit;
  remove(at: At): Edit;
}

export const fixer: Fixer = {
  replace: (at, text) => ({ span: spanOf(at), text }),
  insertBefore: (at, text) => ({ span: { start: spanOf(at).start, end: spanOf(at).start }, text }),
  insertAfter: (at, text) => ({ span: { start: spanOf(at).end, end: spanOf(at).end }, text }),
  remove: (at) => ({ span: spanOf(at), text: '' }),
};

/** Sort edits and check they do not overlap (two inserts at one point are kept in order). */
export function normalizeEdits(edits: readonly Edit[]): Edit[] | null {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (let i = 1; i < sorted.length; i++) {
    const p = sorted[i - 1];
    const c = sorted[i];
    if (c.span.start < p.span.end) return null;
  }
  return sorted;
}

export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = normalizeEdits(edits);
  if (!sorted) throw new Error('overlapping edits');
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.span.start) + e.text;
    pos = e.span.end;
  }
  return out + text.slice(pos);
}
