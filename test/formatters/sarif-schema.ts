/**
 * Validator for the official SARIF 2.1.0 JSON schema (rtm.5, shipped in @microsoft/jest-sarif).
 *
 * The file declares draft-04 (`$schema` draft-04, top-level `id`); its only draft-04-specific keyword is
 * that `id`, so it is rewritten to `$id` and validated with Ajv 8's default draft-07 dialect. One
 * `pattern` (the `language` property) is not a valid `u`-flag regular expression, hence
 * `unicodeRegExp: false`. ajv-formats is not installed: the three formats the schema uses (`uri`,
 * `uri-reference`, `date-time`) are added here by hand, strictly (ASCII only, no spaces, valid
 * percent-escapes), so format validation stays on.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

const SCHEMA_URL = new URL('../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', import.meta.url);

/** RFC 3986 characters, no space, every `%` followed by two hex digits. */
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

export function isUriReference(v: string): boolean {
  if (!URI_CHARS.test(v)) return false;
  try {
    new URL(v, 'file:///base/');
    return true;
  } catch {
    return false;
  }
}

export function isUri(v: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(v) && isUriReference(v);
}

function isDateTime(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(v) && !Number.isNaN(Date.parse(v));
}

let validator: ValidateFunction | undefined;

export function sarifValidator(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Record<string, unknown>;
  schema.$id = schema.id;
  delete schema.id;
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', isUri);
  ajv.addFormat('uri-reference', isUriReference);
  ajv.addFormat('date-time', isDateTime);
  validator = ajv.compile(schema);
  return validator;
}

/** Schema errors as readable lines (empty when valid). */
export function sarifErrors(log: unknown): string[] {
  const v = sarifValidator();
  return v(log) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
