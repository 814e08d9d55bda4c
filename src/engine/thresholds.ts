import { formatBytes, formatPercent } from '../core/bytes.js';
import type { ImageAnalysis } from '../layers/model.js';
import type { ImageThresholds } from './config.js';

export interface ThresholdCheck {
  readonly name: 'lowestEfficiency' | 'highestWastedBytes' | 'highestUserWastedPercent';
  /** null when the threshold is disabled. */
  readonly threshold: number | null;
  readonly actual: number | null;
  readonly status: 'pass' | 'fail' | 'skip';
  /** One sentence for logs and summaries. */
  readonly message: string;
}

/** dive's default thresholds (highestWastedBytes is off by default). */
export const DIVE_DEFAULTS: ImageThresholds = { lowestEfficiency: 0.9, highestUserWastedPercent: 0.1 };

/**
 * dive's three CI rules with dive's strict comparisons. `highestWastedBytes` is checked against
 * ballast's wasted bytes (copies not visible in the final filesystem), which is never more than dive's.
 * A negative or missing threshold is disabled.
 */
export function evaluateThresholds(a: ImageAnalysis, t: ImageThresholds): ThresholdCheck[] {
  const fmt = (name: ThresholdCheck['name'], v: number) => (name === 'highestWastedBytes' ? formatBytes(v) : formatPercent(v, 2));
  const check = (name: ThresholdCheck['name'], threshold: number | undefined, actual: number | null, fails: (t: number, a: number) => boolean, what: string): ThresholdCheck => {
    if (threshold === undefined || threshold < 0) return { name, threshold: null, actual, status: 'skip', message: `${name} is disabled` };
    if (actual === null) return { name, threshold, actual, status: 'skip', message: `${what} cannot be computed for this image` };
    const failed = fails(threshold, actual);
    const verb = name === 'lowestEfficiency' ? (failed ? 'is below' : 'is at least') : failed ? 'exceeds' : 'is within';
    return { name, threshold, actual, status: failed ? 'fail' : 'pass', message: `${what} ${fmt(name, actual)} ${verb} ${name} ${fmt(name, threshold)}` };
  };
  return [
    check('lowestEfficiency', t.lowestEfficiency, a.efficiency, (th, ac) => th > ac, 'efficiency'),
    check('highestWastedBytes', t.highestWastedBytes, a.wastedBytes, (th, ac) => ac > th, 'wasted bytes'),
    check('highestUserWastedPercent', t.highestUserWastedPercent, a.userWastedPercent, (th, ac) => ac > th, 'user wasted percent'),
  ];
}

/** A configuration whose `no-wasted-space` options are the given thresholds (explicit rule options win). */
export function withThresholds<C extends { rules: Readonly<Record<string, { severity?: unknown; options?: Readonly<Record<string, unknown>> }>> }>(config: C, t: ImageThresholds): C {
  const own = config.rules['no-wasted-space'];
  return {
    ...config,
    rules: {
      ...config.rules,
      'no-wasted-space': {
        ...own,
        options: {
          lowestEfficiency: t.lowestEfficiency ?? -1,
          highestWastedBytes: t.highestWastedBytes ?? -1,
          highestUserWastedPercent: t.highestUserWastedPercent ?? -1,
          ...own?.options,
        },
      },
    },
  };
}
