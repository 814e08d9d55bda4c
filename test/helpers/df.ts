/**
 * Dedenting template tag for Dockerfile snippets: strips the common indentation and the first newline.
 * Uses the cooked strings, so write a line continuation as `\\` and a backtick as \`.
 */
export function df(strings: TemplateStringsArray, ...values: unknown[]): string {
  let s = strings.reduce((acc, str, i) => acc + str + (i < values.length ? String(values[i]) : ''), '');
  if (s.startsWith('\n')) s = s.slice(1);
  const lines = s.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ ]*/.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n').replace(/[ ]+$/, '');
}
