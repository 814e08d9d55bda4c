import { formatBytes, formatPercent } from '../../core/bytes.js';
import { defineImageRule } from '../rule.js';

interface Options {
  lowestEfficiency: number;
  highestWastedBytes: number;
  highestUserWastedPercent: number;
}

export default defineImageRule<Options, 'efficiency' | 'wastedBytes' | 'userWasted'>({
  meta: {
    id: 'no-wasted-space',
    code: 'IM301',
    target: 'image',
    category: 'size',
    description: "The image crosses dive's CI thresholds: efficiency, wasted bytes or user-wasted percent.",
    recommended: true,
    severity: 'warn',
    messages: {
      efficiency: 'Image efficiency is {{efficiency}}, below the threshold of {{threshold}}: {{wasted}} of the {{total}} shipped are overwritten or deleted by later layers.',
      wastedBytes: 'The image wastes {{wasted}} (bytes shipped and then overwritten or deleted), more than the threshold of {{threshold}}.',
      userWasted: "Wasted bytes are {{percent}} of the image's own layers (dive's user-wasted percent), above the threshold of {{threshold}}.",
    },
    options: {
      // dive's defaults; a negative value disables a threshold
      defaults: { lowestEfficiency: 0.9, highestWastedBytes: -1, highestUserWastedPercent: 0.1 },
      types: { lowestEfficiency: 'number', highestWastedBytes: 'number', highestUserWastedPercent: 'number' },
    },
  },
  check(ctx) {
    const a = ctx.analysis;
    const o = ctx.options;
    // the layer that hides the most bytes is where the waste shows
    const worst = [...a.wasteByLayer].sort((x, y) => y.sizeBytes - x.sizeBytes)[0];
    const at = { layer: worst ? worst.layer : Math.max(0, a.layers.length - 1) };
    const facts = { efficiency: a.efficiency, wastedBytes: a.wastedBytes, diveWastedBytes: a.diveWastedBytes, userWastedPercent: a.userWastedPercent ?? -1 };
    if (o.lowestEfficiency >= 0 && o.lowestEfficiency > a.efficiency) {
      ctx.report({
        at,
        messageId: 'efficiency',
        data: { efficiency: formatPercent(a.efficiency), threshold: formatPercent(o.lowestEfficiency), wasted: formatBytes(a.wastedBytes), total: formatBytes(a.totalBytes) },
        facts,
      });
    }
    if (o.highestWastedBytes >= 0 && a.wastedBytes > o.highestWastedBytes) {
      ctx.report({ at, messageId: 'wastedBytes', data: { wasted: formatBytes(a.wastedBytes), threshold: formatBytes(o.highestWastedBytes) }, facts });
    }
    if (o.highestUserWastedPercent >= 0 && a.userWastedPercent !== null && a.userWastedPercent > o.highestUserWastedPercent) {
      ctx.report({ at, messageId: 'userWasted', data: { percent: formatPercent(a.userWastedPercent), threshold: formatPercent(o.highestUserWastedPercent) }, facts });
    }
  },
});
