import { readFileSync } from 'node:fs';

/** The docs page of a rule (docs/rules/<id>.md in the package), or undefined. */
export function readRuleDoc(id: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(id)) return undefined;
  try {
    return readFileSync(new URL(`../../docs/rules/${id}.md`, import.meta.url), 'utf8');
  } catch {
    return undefined;
  }
}
