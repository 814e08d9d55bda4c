const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

/** A template split at its placeholders: literal, key, placeholder text, literal, key, ... */
type Compiled = readonly string[];

const compiledTemplates = new Map<string, Compiled>();

function compile(template: string): Compiled {
  let parts = compiledTemplates.get(template);
  if (parts) return parts;
  const out: string[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    out.push(template.slice(last, m.index), m[1], m[0]);
    last = m.index + m[0].length;
  }
  out.push(template.slice(last));
  parts = out;
  // templates are rule messages, a bounded set; the limit only guards against callers building them
  if (compiledTemplates.size >= 2000) compiledTemplates.clear();
  compiledTemplates.set(template, parts);
  return parts;
}

/** Fills {{name}} placeholders. Unknown placeholders are left visible so tests catch them. */
export function interpolate(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  const parts = compile(template);
  let out = parts[0];
  for (let k = 1; k < parts.length; k += 3) {
    const key = parts[k];
    out += data && key in data ? String(data[key]) : parts[k + 1];
    out += parts[k + 2];
  }
  return out;
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map((m) => m[1]);
}
