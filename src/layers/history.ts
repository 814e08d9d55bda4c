/**
 * A history `created_by` line as people read it: without the `/bin/sh -c` wrapper, the `#(nop)` marker,
 * BuildKit's recorded build args (`|2 A=1 B=2`) and its ` # buildkit` suffix, on one line.
 * `/bin/sh -c apt-get update` → `RUN apt-get update`; an empty line stays empty.
 */
export function historyCommand(createdBy: string): string {
  let s = createdBy.trim();
  const m = /^(?:RUN\s+)?(?:\|\d+\s+(?:\S+=\S*\s+)*)?\/bin\/(?:ba)?sh -c\s+([\s\S]*)$/.exec(s);
  if (m) s = m[1].startsWith('#(nop)') ? m[1].slice(6).trim() : `RUN ${m[1]}`;
  return s.replace(/\s+/g, ' ').replace(/\s*#\s*buildkit$/, '').trim();
}

/** `historyCommand` cut to `max` characters with an ellipsis; `(no history)` when there is none. */
export function historyLine(createdBy: string, max: number): string {
  const s = historyCommand(createdBy) || '(no history)';
  return s.length > max ? `${s.slice(0, Math.max(1, max - 1))}…` : s;
}
