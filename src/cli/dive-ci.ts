import { readFileSync } from 'node:fs';
import { isMap, isScalar, parseDocument } from 'yaml';
import type { ImageThresholds } from '../engine/config.js';
import { ConfigError, duplicateKey, duplicateKeyMessage, parseBytes } from './config-file.js';

/** Read dive's `.dive-ci` (rules: lowestEfficiency, highestWastedBytes, highestUserWastedPercent). */
export function loadDiveCi(file: string): ImageThresholds {
  const text = readFileSync(file, 'utf8');
  // duplicate keys: see duplicateKey
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length) throw new ConfigError(file, 1, 1, `invalid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const dup = duplicateKey(doc.contents);
  if (dup) throw new ConfigError(file, 1, 1, duplicateKeyMessage(dup.name));
  const rules = doc.get('rules', true);
  const out: { -readonly [K in keyof ImageThresholds]: ImageThresholds[K] } = {};
  if (!rules) return out;
  if (!isMap(rules)) throw new ConfigError(file, 1, 1, 'rules must be a mapping');
  for (const p of rules.items) {
    const k = String(isScalar(p.key) ? p.key.value : p.key);
    const raw = isScalar(p.value) ? p.value.value : undefined;
    const key = k.replace(/-([a-z])/g, (_, x: string) => x.toUpperCase()) as keyof ImageThresholds;
    if (raw === null || raw === undefined || raw === '' || raw === false || ['disabled', 'off', 'false'].includes(String(raw).toLowerCase())) {
      // explicitly disabled (a missing key keeps dive's default)
      out[key] = -1;
      continue;
    }
    if (key === 'lowestEfficiency' || key === 'highestUserWastedPercent') {
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0 || n > 1) throw new ConfigError(file, 1, 1, `${k} must be a ratio between 0 and 1`);
      out[key] = n;
    } else if (key === 'highestWastedBytes') {
      const n = parseBytes(raw);
      if (n === undefined) throw new ConfigError(file, 1, 1, `${k} must be a size such as 20MB`);
      out.highestWastedBytes = n;
    } else throw new ConfigError(file, 1, 1, `unknown rule "${k}" in .dive-ci`);
  }
  return out;
}
