import { packageCommands } from '../../dockerfile/package-queries.js';
import { findFlag } from '../../dockerfile/shell-queries.js';
import type { Command, ShellWord } from '../../dockerfile/shell.js';
import { defineRule } from '../rule.js';

/** The `-u`/`--uid` value of a useradd command, and the word that holds it. */
function uidOf(c: Command): { value: string; word: ShellWord } | undefined {
  const a = c.args;
  for (let k = 0; k < a.length; k++) {
    const v = a[k].value;
    if (v === '--') break;
    if (v === '--uid' && a[k + 1]) return { value: a[k + 1].value, word: a[k + 1] };
    if (v.startsWith('--uid=')) return { value: v.slice(6), word: a[k] };
    if (/^-[a-zA-Z]+$/.test(v) && v.endsWith('u') && a[k + 1]) return { value: a[k + 1].value, word: a[k + 1] };
    const m = /^-[a-zA-Z]*u(\S+)$/.exec(v);
    if (m && !v.startsWith('--')) return { value: m[1], word: a[k] };
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'useradd-no-log-init',
    code: 'DF335',
    target: 'dockerfile',
    category: 'size',
    description: 'useradd with a large UID and without -l writes a huge sparse /var/log/lastlog into the layer.',
    recommended: true,
    severity: 'warn',
    fixable: 'safe',
    messages: {
      noLogInit:
        '`useradd -u {{uid}}` without `-l` makes /var/log/lastlog and faillog grow to cover UID {{uid}}: sparse on disk, but layers store them in full (gigabytes for large UIDs). Add `-l` (`--no-log-init`).',
    },
    aliases: ['DL3046'],
    onbuild: true,
    programs: ['useradd'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        for (const c of packageCommands(ctx.source, ins)) {
          if (c.program !== 'useradd' || !c.nameWord) continue;
          if (findFlag(c, 'l', 'no-log-init')) continue;
          const uid = uidOf(c);
          if (!uid) continue;
          let value = uid.value;
          if (uid.word.dynamic) {
            const e = ctx.source.expand(ins, value);
            if (e.undefinedRefs.length || e.error) continue;
            value = e.value;
          }
          if (!/^\d{6,}$/.test(value)) continue; // hadolint's threshold: more than five digits
          const name = c.nameWord;
          ctx.report({
            at: uid.word,
            messageId: 'noLogInit',
            data: { uid: value },
            fixTitle: 'Add -l',
            fix: (f) => f.insertAfter(name, ' -l'),
          });
        }
      },
    };
  },
});
