import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import type { Severity } from '../core/diagnostic.js';
import { parseFailOn, parseSeverity } from '../core/severity.js';
import { DEFAULT_CONFIG, isFindingCode, type ImageThresholds, type LintConfig, type Preset, type RuleSetting } from '../engine/config.js';
import { editDistance } from '../dockerfile/parse.js';
import type { Rule } from '../rules/rule.js';

/** A configuration problem: exit code 2, with the file, line, column and key. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(`${file}:${line}:${column}: ${message}`);
  }
}


interface Reader {
  fail(node: YamlNode | Pair | null | undefined, message: string): never;
}

function reader(file: string, lc: LineCounter): Reader {
  return {
    fail(node, message) {
      const range = node && 'range' in node ? node.range : node && 'key' in node ? (node.key as YamlNode | null)?.range : undefined;
      const pos = range ? lc.linePos(range[0]) : { line: 1, col: 1 };
      throw new ConfigError(file, pos.line, pos.col, message);
    },
  };
}

function scalar(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
  k: 1e3,
  m: 1e6,
  g: 1e9,
};

/** "20MB" (decimal, as dive), "20MiB", 20000000. */
export function parseBytes(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v);
  if (!m) return undefined;
  const unit = m[2].toLowerCase() || 'b';
  const mult = SIZE_UNITS[unit];
  return mult === undefined ? undefined : Math.round(Number(m[1]) * mult);
}

function ruleKeys(rules: readonly Rule[]): Map<string, Rule> {
  const m = new Map<string, Rule>();
  for (const r of rules) for (const k of [r.meta.id, r.meta.code, ...(r.meta.aliases ?? [])]) m.set(k.toLowerCase(), r);
  return m;
}

function suggest(name: string, keys: Iterable<string>): string {
  let best = '';
  let bestD = Math.max(3, Math.floor(name.length / 3));
  for (const k of keys) {
    const d = editDistance(name.toLowerCase(), k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function readSeverity(r: Reader, node: YamlNode | null | undefined): Severity | 'off' {
  const v = scalar(node);
  const s = typeof v === 'string' ? parseSeverity(v) : v === false ? 'off' : undefined;
  if (!s) r.fail(node, `invalid severity ${JSON.stringify(v)}: expected off, info, warn or error`);
  return s;
}

function readRuleSetting(r: Reader, rule: Rule, node: YamlNode | null | undefined): RuleSetting {
  let severity: Severity | 'off' | undefined;
  let optionsNode: YamlNode | null | undefined;
  if (isSeq(node)) {
    severity = readSeverity(r, node.items[0] as YamlNode);
    optionsNode = node.items[1] as YamlNode | undefined;
  } else if (isMap(node)) {
    for (const p of node.items) {
      const k = String(scalar(p.key));
      if (k === 'severity') severity = readSeverity(r, p.value as YamlNode);
      else if (k === 'options') optionsNode = p.value as YamlNode;
      else r.fail(p, `unknown key "${k}" in the setting of rule ${rule.meta.id}: expected severity or options`);
    }
  } else severity = readSeverity(r, node);
  let options: Record<string, unknown> | undefined;
  if (optionsNode) {
    if (!isMap(optionsNode)) r.fail(optionsNode, `options of rule ${rule.meta.id} must be a mapping`);
    const types = (rule.meta.options?.types ?? {}) as Record<string, string>;
    options = {};
    for (const p of optionsNode.items) {
      const k = String(scalar(p.key));
      const t = types[k];
      if (!t) r.fail(p, `rule ${rule.meta.id} has no option "${k}"${Object.keys(types).length ? ` (options: ${Object.keys(types).join(', ')})` : ''}`);
      const value = (p.value as YamlNode | null)?.toJSON?.() ?? scalar(p.value);
      const ok =
        t === 'string[]' ? Array.isArray(value) && value.every((x) => typeof x === 'string') : typeof value === t;
      if (!ok) r.fail(p.value as YamlNode, `option "${k}" of rule ${rule.meta.id} must be ${t === 'string[]' ? 'a list of strings' : `a ${t}`}`);
      options[k] = value;
    }
  }
  return { severity, options };
}

function readStringList(r: Reader, node: YamlNode | null | undefined, what: string): string[] {
  if (!isSeq(node)) r.fail(node, `${what} must be a list of strings`);
  return node.items.map((i) => {
    const v = scalar(i);
    if (typeof v !== 'string') r.fail(i as YamlNode, `${what} must be a list of strings`);
    return v;
  });
}

function readStringMap(r: Reader, node: YamlNode | null | undefined, what: string): Record<string, string> {
  if (!isMap(node)) r.fail(node, `${what} must be a mapping`);
  const out: Record<string, string> = {};
  for (const p of node.items) out[String(scalar(p.key))] = String(scalar(p.value));
  return out;
}

/**
 * The first key given twice in a map anywhere under `root`. Documents are parsed with the `yaml`
 * library's own check off: it scans each map's earlier keys, quadratic in a map's size (a 200,000-line
 * rules map did not finish in a minute); a set per map is linear.
 */
export function duplicateKey(root: unknown): { node: YamlNode; name: string } | undefined {
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (isSeq(n)) for (const x of n.items) stack.push(x);
    if (!isMap(n)) continue;
    const seen = new Set<string>();
    for (const p of n.items) {
      if (isScalar(p.key)) {
        const name = String(p.key.value);
        if (seen.has(name)) return { node: p.key as YamlNode, name };
        seen.add(name);
      }
      stack.push(p.value);
    }
  }
  return undefined;
}

export const duplicateKeyMessage = (name: string): string => `invalid YAML: map keys must be unique ("${name}" appears twice)`;

function parseYaml(file: string, text: string): { map: YAMLMap | null; r: Reader } {
  const lc = new LineCounter();
  // duplicate keys: see duplicateKey
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  const r: Reader = reader(file, lc);
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = lc.linePos(e.pos[0]);
    throw new ConfigError(file, pos.line, pos.col, `invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const dup = duplicateKey(doc.contents);
  if (dup) r.fail(dup.node, duplicateKeyMessage(dup.name));
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return { map: null, r };
  if (!isMap(doc.contents)) r.fail(doc.contents as YamlNode, 'the configuration must be a mapping');
  return { map: doc.contents as YAMLMap, r };
}

/** Read `.ballast.yaml`. */
export function loadBallastConfig(file: string, text: string, rules: readonly Rule[]): LintConfig {
  const parsed = parseYaml(file, text);
  const map = parsed.map;
  const r: Reader = parsed.r;
  let config: LintConfig = { ...DEFAULT_CONFIG, source: file };
  if (!map) return config;
  const keys = ruleKeys(rules);
  const ruleSettings: Record<string, RuleSetting> = {};
  const settings = { ...DEFAULT_CONFIG.settings };
  const image: { -readonly [K in keyof ImageThresholds]: ImageThresholds[K] } = {};
  const known = ['extends', 'preset', 'failOn', 'fail-on', 'rules', 'ignore', 'trustedRegistries', 'labelSchema', 'label-schema', 'strictLabels', 'strict-labels', 'disableIgnorePragma', 'image'];
  for (const p of map.items) {
    const key = String(scalar(p.key));
    const value = p.value as YamlNode | null;
    switch (key) {
      case 'extends':
      case 'preset': {
        const v = scalar(value);
        if (!['recommended', 'strict', 'all', 'none'].includes(String(v))) r.fail(value, `${key} must be one of recommended, strict, all, none`);
        config = { ...config, preset: v as Preset };
        break;
      }
      case 'failOn':
      case 'fail-on': {
        const v = parseFailOn(String(scalar(value)));
        if (!v) r.fail(value, `${key} must be one of info, warn, error, none`);
        config = { ...config, failOn: v };
        break;
      }
      case 'rules': {
        if (!isMap(value)) r.fail(value, 'rules must be a mapping of rule id to severity');
        for (const rp of value.items) {
          const name = String(scalar(rp.key));
          if (isFindingCode(name)) {
            // a ShellCheck code: a severity for those findings of the shellcheck rule
            ruleSettings[name] = { severity: readSeverity(r, rp.value as YamlNode) };
            continue;
          }
          const rule = keys.get(name.toLowerCase());
          if (!rule) r.fail(rp, `unknown rule "${name}"${suggest(name, keys.keys())}`);
          ruleSettings[name] = readRuleSetting(r, rule, rp.value as YamlNode);
        }
        break;
      }
      case 'ignore':
        config = { ...config, ignore: readStringList(r, value, 'ignore').map((g) => (g.startsWith('/') ? g : join(dirname(resolve(file)), g))) };
        break;
      case 'trustedRegistries':
        settings.trustedRegistries = readStringList(r, value, key);
        break;
      case 'labelSchema':
      case 'label-schema':
        settings.labelSchema = readStringMap(r, value, key);
        break;
      case 'strictLabels':
      case 'strict-labels':
        settings.strictLabels = scalar(value) === true;
        break;
      case 'disableIgnorePragma':
        config = { ...config, disableIgnorePragma: scalar(value) === true };
        break;
      case 'image': {
        if (!isMap(value)) r.fail(value, 'image must be a mapping');
        for (const ip of value.items) {
          const k = String(scalar(ip.key));
          const v = scalar(ip.value);
          if (v === 'disabled' || v === 'off' || v === false || v === null || v === '') {
            if (k === 'lowestEfficiency' || k === 'highestUserWastedPercent' || k === 'highestWastedBytes') image[k] = -1;
            continue;
          }
          if (k === 'lowestEfficiency' || k === 'highestUserWastedPercent') {
            const n = Number(v);
            if (!Number.isFinite(n) || n < 0 || n > 1) r.fail(ip.value as YamlNode, `${k} must be a ratio between 0 and 1`);
            image[k] = n;
          } else if (k === 'highestWastedBytes') {
            const n = parseBytes(v);
            if (n === undefined) r.fail(ip.value as YamlNode, `${k} must be a size such as 20MB or 20MiB`);
            image[k] = n;
          } else r.fail(ip, `unknown key "image.${k}" (expected lowestEfficiency, highestWastedBytes, highestUserWastedPercent)`);
        }
        break;
      }
      default:
        r.fail(p, `unknown key "${key}"${suggest(key, known.map((k) => k.toLowerCase()))}`);
    }
  }
  return { ...config, rules: ruleSettings, settings, image };
}

/** Read `.hadolint.yaml` (ignored, override, failure-threshold, trustedRegistries, label-schema, strict-labels, disable-ignore-pragma, no-fail). */
export function loadHadolintConfig(file: string, text: string, rules: readonly Rule[]): LintConfig {
  const parsed = parseYaml(file, text);
  const map = parsed.map;
  const r: Reader = parsed.r;
  let config: LintConfig = { ...DEFAULT_CONFIG, source: file };
  if (!map) return config;
  const keys = ruleKeys(rules);
  const ruleSettings: Record<string, RuleSetting> = {};
  const settings = { ...DEFAULT_CONFIG.settings };
  for (const p of map.items) {
    const key = String(scalar(p.key));
    const value = p.value as YamlNode | null;
    switch (key) {
      case 'ignored':
        for (const code of readStringList(r, value, 'ignored')) if (keys.has(code.toLowerCase()) || isFindingCode(code)) ruleSettings[code] = { severity: 'off' };
        break;
      case 'override': {
        if (!isMap(value)) r.fail(value, 'override must be a mapping of level to codes');
        for (const op of value.items) {
          const level = String(scalar(op.key));
          const sev = parseSeverity(level);
          if (!sev) r.fail(op, `unknown override level "${level}" (expected error, warning, info, style)`);
          for (const code of readStringList(r, op.value as YamlNode, `override.${level}`)) {
            if (keys.has(code.toLowerCase()) || isFindingCode(code)) ruleSettings[code] = { severity: sev };
          }
        }
        break;
      }
      case 'failure-threshold': {
        const v = parseFailOn(String(scalar(value)));
        if (!v) r.fail(value, 'failure-threshold must be one of error, warning, info, style, ignore, none');
        config = { ...config, failOn: v };
        break;
      }
      case 'no-fail':
        if (scalar(value) === true) config = { ...config, failOn: 'none' };
        break;
      case 'trustedRegistries':
        settings.trustedRegistries = readStringList(r, value, key);
        break;
      case 'label-schema':
        settings.labelSchema = readStringMap(r, value, key);
        break;
      case 'strict-labels':
        settings.strictLabels = scalar(value) === true;
        break;
      case 'disable-ignore-pragma':
        config = { ...config, disableIgnorePragma: scalar(value) === true };
        break;
      case 'format':
      case 'formats':
      case 'no-color':
      case 'verbose':
        break;
      default:
        r.fail(p, `unknown key "${key}" in hadolint configuration`);
    }
  }
  // hadolint runs every rule: so does a migrated configuration
  return { ...config, preset: 'all', rules: ruleSettings, settings };
}

export function loadConfigFile(file: string, rules: readonly Rule[], kind?: 'ballast' | 'hadolint'): LintConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, 1, 1, `cannot read configuration: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const k = kind ?? (/hadolint/i.test(file) ? 'hadolint' : 'ballast');
  return k === 'hadolint' ? loadHadolintConfig(file, text, rules) : loadBallastConfig(file, text, rules);
}
