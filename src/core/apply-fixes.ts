import type { Applicability, Edit, Finding } from './diagnostic.js';
import { applyEdits, normalizeEdits } from './fixer.js';

export interface ApplyResult {
  readonly output: string;
  readonly applied: readonly Finding[];
  readonly remaining: readonly Finding[];
}

/** Apply the fixes of `findings` allowed by `allow`, skipping any that overlaps one already taken. */
export function applyFixes(text: string, findings: readonly Finding[], allow: ReadonlySet<Applicability>): ApplyResult {
  const candidates = findings
    .filter((f) => f.fix && allow.has(f.fix.applicability) && f.fix.edits.length > 0)
    .sort((a, b) => minStart(a) - minStart(b));
  const taken: Edit[] = [];
  const applied: Finding[] = [];
  const remaining: Finding[] = [];
  for (const f of candidates) {
    const edits = f.fix!.edits;
    if (normalizeEdits([...taken, ...edits]) === null) {
      remaining.push(f);
      continue;
    }
    taken.push(...edits);
    applied.push(f);
  }
  return { output: taken.length ? applyEdits(text, taken) : text, applied, remaining };
}

function minStart(f: Finding): number {
  return Math.min(...f.fix!.edits.map((e) => e.span.start));
}
