import type { Severity } from '../core/diagnostic.js';
import type { FailOn } from '../core/severity.js';
import type { Rule, RuleSettings } from '../rules/rule.js';
import { DEFAULT_SETTINGS } from '../rules/rule.js';

export type Preset = 'recommended' | 'strict' | 'all' | 'none';

export interface RuleSetting {
  readonly severity?: Severity | 'off';
  readonly options?: Readonly<Record<string, unknown>>;
}

export interface ImageThresholds {
  readonly lowestEfficiency?: number;
  readonly highestWastedBytes?: number;
  readonly highestUserWastedPercent?: number;
}

/** A configuration after the file, the flags and the defaults are merged. */
export interface LintConfig {
  readonly preset: Preset;
  /** Keyed by rule id, code or alias (hadolint code, BuildKit check name). */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly failOn: FailOn;
  readonly ignore: readonly string[];
  readonly settings: RuleSettings;
  readonly disableIgnorePragma: boolean;
  readonly image: ImageThresholds;
  /** Where the configuration came from, for --print-config and messages. */
  readonly source?: string;
}

export const DEFAULT_CONFIG: LintConfig = {
  preset: 'recommended',
  rules: {},
  failOn: 'warn',
  ignore: [],
  settings: DEFAULT_SETTINGS,
  disableIgnorePragma: false,
  image: {},
};

export function inPreset(rule: Rule, preset: Preset): boolean {
  const m = rule.meta;
  if (m.experimental) return false;
  switch (preset) {
    case 'none':
      return false;
    case 'all':
      return true;
    case 'strict':
      return m.recommended || m.category === 'correctness' || m.category === 'security' || m.category === 'size';
    default:
      return m.recommended;
  }
}

export interface EnabledRule {
  readonly rule: Rule;
  readonly severity: Severity;
  readonly options: Readonly<Record<string, unknown>>;
}

function keysOf(rule: Rule): string[] {
  return [rule.meta.id, rule.meta.code, ...(rule.meta.aliases ?? [])].map((k) => k.toLowerCase());
}

const enabledCache = new WeakMap<LintConfig, WeakMap<readonly Rule[], EnabledRule[]>>();

/** Decide which rules run, with which severity and options (memoised per configuration and rule list). */
export function enabledRules(rules: readonly Rule[], config: LintConfig): EnabledRule[] {
  let byRules = enabledCache.get(config);
  if (!byRules) {
    byRules = new WeakMap();
    enabledCache.set(config, byRules);
  }
  let out = byRules.get(rules);
  if (!out) {
    out = computeEnabledRules(rules, config);
    byRules.set(rules, out);
  }
  return out;
}

function computeEnabledRules(rules: readonly Rule[], config: LintConfig): EnabledRule[] {
  const settings = new Map<string, RuleSetting>();
  for (const [k, v] of Object.entries(config.rules)) settings.set(k.toLowerCase(), v);
  const out: EnabledRule[] = [];
  for (const rule of rules) {
    const keys = keysOf(rule);
    const own = settings.get(keys[0]) ?? settings.get(keys[1]);
    const aliasSettings = keys.slice(2).map((k) => settings.get(k)).filter((s): s is RuleSetting => !!s);
    let severity: Severity | 'off' = inPreset(rule, config.preset) ? rule.meta.severity : 'off';
    let options: Record<string, unknown> = { ...((rule.meta.options?.defaults as Record<string, unknown>) ?? {}) };
    if (own) {
      if (own.severity) severity = own.severity;
      if (own.options) options = { ...options, ...own.options };
    } else if (aliasSettings.length) {
      // a rule answers to several codes: it runs when any of them is on; per-finding severities are applied later
      const on = aliasSettings.filter((s) => s.severity !== 'off');
      const all = (rule.meta.aliases ?? []).length;
      if (on.length === 0 && aliasSettings.length === all) severity = 'off';
      else if (on.length) severity = on[0].severity ?? (severity === 'off' ? rule.meta.severity : severity);
    }
    if (severity !== 'off') out.push({ rule, severity, options });
  }
  return out;
}

/** ShellCheck's codes (SC2086): findings of the `shellcheck` rule answer to them, no rule is named by them. */
export function isFindingCode(name: string): boolean {
  return /^SC\d{4}$/i.test(name);
}

/** The configured keys that set a severity, lower-cased, in configuration order (computed once per configuration). */
const severityKeys = new WeakMap<LintConfig, readonly (readonly [string, Severity | 'off'])[]>();

function keysWithSeverity(config: LintConfig): readonly (readonly [string, Severity | 'off'])[] {
  let keys = severityKeys.get(config);
  if (!keys) {
    keys = Object.entries(config.rules).flatMap(([k, v]) => (v.severity ? [[k.toLowerCase(), v.severity] as const] : []));
    severityKeys.set(config, keys);
  }
  return keys;
}

/**
 * Severity for one finding of a rule answering to `aliases`. A setting for a finding-level code (SC2086)
 * wins over everything; a rule alias setting wins over the rule default, not over the rule's own setting.
 */
export function findingSeverity(config: LintConfig, rule: Rule, aliases: readonly string[], base: Severity): Severity | 'off' {
  const keys = aliases.length ? keysWithSeverity(config) : [];
  const matching = keys.length ? keys.filter(([k]) => aliases.some((a) => a.toLowerCase() === k)) : [];
  const specific = matching.find(([k]) => isFindingCode(k));
  if (specific) return specific[1];
  const own = config.rules[rule.meta.id] ?? config.rules[rule.meta.code];
  if (own?.severity) return own.severity;
  if (matching.length) return matching[0][1];
  return base;
}
