/** Dedenting template tag for Dockerfile snippets: strips the common indentation and the first newline. */
export function df(strings: TemplateStringsArray, ...values: unknown[]): string {
  let s = strings.raw.reduce((acc, str, i) => acc + str + (i < values.length ? String(values[i]) : ''), '');
  s = s.replace(/\\`/g, '`').replace(/\\\$/g, '$');
  if (s.startsWith('\n')) s = s.slice(1);
  const lines = s.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ ]*/.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n').replace(/[ ]+$/, '');
}
