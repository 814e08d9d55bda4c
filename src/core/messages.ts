/** Fills {{name}} placeholders. Unknown placeholders are left visible so tests catch them. */
export function interpolate(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (m, key: string) => (data && key in data ? String(data[key]) : m));
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map((m) => m[1]);
}
