import type { Rule } from './rule.js';
import pipNoCacheDir from './dockerfile/pip-no-cache-dir.js';
import syntaxError from './dockerfile/syntax-error.js';

/** Every rule, sorted by code. */
export const rules: readonly Rule[] = [syntaxError, pipNoCacheDir].sort((a, b) => a.meta.code.localeCompare(b.meta.code));

export function findRule(idOrCode: string): Rule | undefined {
  const k = idOrCode.toLowerCase();
  return rules.find((r) => r.meta.id === k || r.meta.code.toLowerCase() === k) ?? rules.find((r) => r.meta.aliases?.some((a) => a.toLowerCase() === k));
}
