/**
 * Queries for the label-schema rules (`labelSchema` / hadolint's `label-schema`): the labels of a LABEL
 * instruction with their ARG/ENV-resolved values, the value checks per schema type, and the stages a
 * per-stage requirement (a label, a HEALTHCHECK) is missing from.
 */
import type { Span } from '../core/diagnostic.js';
import type { Instruction, KeyValue, Stage } from './nodes.js';
import type { DockerfileSource } from './source.js';
import { spdxExceptionIds, spdxLicenseIds } from './spdx-ids.js';
import { resolveWord } from './stage-queries.js';

/** The value types a label schema may name (hadolint's names). */
export const LABEL_TYPES = ['text', 'url', 'semver', 'hash', 'rfc3339', 'spdx', 'email'] as const;
export type LabelType = (typeof LABEL_TYPES)[number];

export interface Label {
  readonly ins: Instruction;
  readonly pair: KeyValue;
  /** The key with variables resolved (`raw` key when it cannot be resolved). */
  readonly key: string;
  readonly keySpan: Span;
  /** The value with quotes removed and variables resolved. */
  readonly value: string;
  /** Where to point for the value: its span, or the key when the value is absent. */
  readonly valueSpan: Span;
  /** The value references a variable: it is decided at build time (`--build-arg`), so it is not judged. */
  readonly dynamic: boolean;
}

/** The labels a LABEL instruction sets, in order. */
export function labelsOf(source: DockerfileSource, ins: Instruction): Label[] {
  if (ins.keyword !== 'LABEL') return [];
  return (ins.pairs ?? []).map((pair) => {
    const k = pair.key.includes('$') ? resolveWord(source, ins, pair.key) : undefined;
    const raw = pair.rawValue ?? '';
    const v = raw.includes('$') ? resolveWord(source, ins, raw) : undefined;
    return {
      ins,
      pair,
      key: k && !k.unknown ? k.value : pair.key,
      keySpan: pair.keySpan,
      value: v ? v.value : (pair.value ?? ''),
      valueSpan: pair.valueSpan && pair.valueSpan.end > pair.valueSpan.start ? pair.valueSpan : pair.keySpan,
      dynamic: !!v?.dynamic,
    };
  });
}

/** The schema type of a label key, when the schema names it. */
export function schemaTypeOf(schema: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(schema, key) ? schema[key].toLowerCase() : undefined;
}

/** Absolute URI (scheme and more), as in RFC 3986. */
export function isUrl(v: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(v)) return false;
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** RFC 3339 date-time: `2024-05-01T12:30:00Z`, `...T12:30:00.123+02:00` (`t`, `z` and a space for `T` allowed). */
export function isRfc3339(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/.exec(v);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]) return false;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (m[9] && (Number(m[10]) > 23 || Number(m[11]) > 59)) return false;
  return true;
}

/** A git commit id: 7 to 40 hex digits (abbreviated or full SHA-1), or a full SHA-256 (64). */
export function isGitHash(v: string): boolean {
  return /^[0-9a-fA-F]{7,40}$/.test(v) || /^[0-9a-fA-F]{64}$/.test(v);
}

// semver.org's regular expression for a version
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** A semantic version (semver.org 2.0.0), without a leading `v`. */
export function isSemver(v: string): boolean {
  return SEMVER.test(v);
}

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function isAddrSpec(v: string): boolean {
  const at = v.lastIndexOf('@');
  if (at <= 0) return false;
  const local = v.slice(0, at);
  const domain = v.slice(at + 1);
  const quoted = /^"([^"\\\r\n]|\\.)*"$/.test(local);
  return (quoted || LOCAL.test(local)) && local.length <= 64 && (DOMAIN.test(domain) || /^\[[^\]\s]+\]$/.test(domain)) && domain.length <= 255;
}

/** An e-mail address (RFC 5322 addr-spec), also in the `Name <addr>` form. */
export function isEmail(v: string): boolean {
  const named = /^[^<>]*<([^<>]+)>$/.exec(v.trim());
  return isAddrSpec(named ? named[1] : v);
}

/**
 * An SPDX license expression: license ids (case-insensitive, optional `+`), `LicenseRef-...`, joined by
 * `AND`/`OR`, with `WITH <exception>` and parentheses.
 */
export function isSpdx(v: string): boolean {
  const tokens = v.replace(/[()]/g, ' $& ').trim().split(/\s+/).filter(Boolean);
  if (!tokens.length) return false;
  let k = 0;
  const licenses = spdxLicenseIds();
  const license = (): boolean => {
    const t = tokens[k];
    if (t === undefined) return false;
    if (t === '(') {
      k++;
      if (!expression()) return false;
      if (tokens[k] !== ')') return false;
      k++;
      return true;
    }
    const id = t.endsWith('+') ? t.slice(0, -1) : t;
    const ok = licenses.has(id.toLowerCase()) || /^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(id);
    if (!ok) return false;
    k++;
    if (tokens[k]?.toUpperCase() === 'WITH') {
      k++;
      const e = tokens[k];
      if (!e || !(spdxExceptionIds().has(e.toLowerCase()) || /^(DocumentRef-[A-Za-z0-9.-]+:)?AdditionRef-[A-Za-z0-9.-]+$/.test(e))) return false;
      k++;
    }
    return true;
  };
  const expression = (): boolean => {
    if (!license()) return false;
    while (tokens[k] && /^(AND|OR)$/i.test(tokens[k])) {
      k++;
      if (!license()) return false;
    }
    return true;
  };
  return expression() && k === tokens.length;
}

/** Whether a label value fits its schema type (`text` and unknown types accept anything). */
export function fitsType(type: string, value: string): boolean {
  switch (type) {
    case 'url':
      return isUrl(value);
    case 'rfc3339':
      return isRfc3339(value);
    case 'hash':
      return isGitHash(value);
    case 'semver':
      return isSemver(value);
    case 'email':
      return isEmail(value);
    case 'spdx':
      return isSpdx(value);
    default:
      return true;
  }
}

/**
 * Stages that lack something (a label, a HEALTHCHECK) and whose content does not end up in a stage that
 * has it. `has(stage)` says whether the stage itself provides it; a stage built on another stage
 * (`FROM <stage>`) inherits it. A stage that lacks it is exempt when a stage with it builds on it or
 * copies from it (directly or through other stages).
 */
export function stagesMissing(source: DockerfileSource, has: (s: Stage) => boolean): Stage[] {
  const stages = source.stages;
  const good: boolean[] = [];
  for (const s of stages) good[s.index] = has(s) || (s.baseStage !== undefined && good[s.baseStage] === true);
  // dependents[k]: stages that read from stage k
  const dependents: number[][] = stages.map(() => []);
  for (const s of stages) for (const d of s.dependsOn) if (d !== s.index) dependents[d].push(s.index);
  const rescued = (k: number, seen: Set<number>): boolean => {
    for (const d of dependents[k]) {
      if (seen.has(d)) continue;
      seen.add(d);
      if (good[d] || rescued(d, seen)) return true;
    }
    return false;
  };
  return stages.filter((s) => !good[s.index] && !rescued(s.index, new Set()));
}

/** The span of a stage's `FROM` line (keyword to the end of its first line), where per-stage findings point. */
export function fromLineSpan(source: DockerfileSource, s: Stage): Span {
  const ins = s.from;
  const lineEnd = source.lines.lineEnd(ins.line);
  return { start: ins.span.start, end: Math.min(ins.span.end, lineEnd) };
}
