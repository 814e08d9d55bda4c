import type { Span } from '../../core/diagnostic.js';
import type { Instruction } from '../../dockerfile/nodes.js';
import { effectiveCommand } from '../../dockerfile/package-queries.js';
import { positionals } from '../../dockerfile/shell-queries.js';
import { defineRule } from '../rule.js';

/** Directories meant to be writable by everyone (with the sticky bit). */
const TEMP_DIRS = /^(\/(tmp|var\/tmp|dev\/shm|run\/lock|var\/lock)(\/|$)|\$\{?(tmp|temp)\w*\}?(\/|$))/i;

export interface ModeCheck {
  /** The mode lets others write. */
  readonly worldWritable: boolean;
  /** The mode sets the sticky bit (the /tmp pattern). */
  readonly sticky: boolean;
  /** The same numeric mode without the others' write bit. */
  readonly fixed?: string;
}

/** Does a chmod mode (`777`, `0666`, `a+w`, `o=rwx`, `u+x,o+w`) grant write to others? */
export function checkMode(mode: string): ModeCheck | undefined {
  if (/^[0-7]{3,4}$/.test(mode)) {
    const others = Number(mode[mode.length - 1]);
    const special = mode.length === 4 ? Number(mode[0]) : 0;
    const ww = (others & 2) !== 0;
    return { worldWritable: ww, sticky: (special & 1) !== 0, fixed: ww ? mode.slice(0, -1) + String(others & ~2) : undefined };
  }
  if (!/^[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*$/.test(mode)) return undefined;
  let ww = false;
  let sticky = false;
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause)!;
    const who = m[1];
    // `+w` without a who follows the umask, which normally keeps others out
    const others = who.includes('o') || who.includes('a');
    if (m[3].includes('t') && m[2] !== '-') sticky = true;
    if (!others) continue;
    if (m[2] === '-') {
      if (m[3].includes('w')) ww = false;
    } else if (m[3].includes('w')) ww = true;
    else if (m[2] === '=') ww = false;
  }
  return { worldWritable: ww, sticky };
}

export default defineRule({
  meta: {
    id: 'no-world-writable',
    code: 'DF484',
    target: 'dockerfile',
    category: 'security',
    description: 'chmod (or COPY --chmod) that makes files writable by every user of the container.',
    recommended: true,
    severity: 'warn',
    fixable: 'unsafe',
    messages: {
      chmod:
        '`{{mode}}` makes {{what}} writable by every user in the container: any process, whatever its user, can replace code or configuration there. Give write access to the user that needs it instead (`chown app {{path}}` and `chmod {{suggested}}`).',
      copyChmod:
        '`--chmod={{mode}}` makes the copied files writable by every user in the container. Use a mode without write for others (`--chmod={{suggested}}`) and `--chown` for the user that must write.',
    },
    onbuild: true,
    programs: ['chmod'],
  },
  create(ctx) {
    const suggestion = (m: ModeCheck, mode: string) => m.fixed ?? (/^[0-7]+$/.test(mode) ? '755' : 'u+w');
    return {
      RUN(ins) {
        for (const raw of ctx.source.commands(ins)) {
          const c = effectiveCommand(raw);
          if (c.program !== 'chmod') continue;
          const pos = positionals(c, ['reference']);
          // a symbolic mode starting with `-` (`-w`) looks like a flag; chmod takes it as the mode
          const modeWord = pos[0] ?? c.args.find((a) => /^-[rwxXst]+$/.test(a.value));
          if (!modeWord || modeWord.dynamic) continue;
          const m = checkMode(modeWord.value);
          if (!m?.worldWritable) continue;
          const paths = pos.filter((p) => p !== modeWord);
          if (!paths.length) continue;
          // shared directories: the temporary ones, and any directory with the sticky bit (others may add files but not replace anyone else's)
          if (m.sticky || paths.every((p) => TEMP_DIRS.test(p.value))) continue;
          const recursive = c.args.some((a) => /^-[a-zA-Z]*R/.test(a.value) || a.value === '--recursive');
          const first = paths.find((p) => !TEMP_DIRS.test(p.value)) ?? paths[0];
          const what = `${first.value}${paths.length > 1 ? ' (and the other paths)' : ''}${recursive ? ' and everything under it' : ''}`;
          const fixed = m.fixed;
          ctx.report({
            at: { start: modeWord.span.start, end: paths[paths.length - 1].span.end } as Span,
            messageId: 'chmod',
            data: { mode: `chmod ${recursive ? '-R ' : ''}${modeWord.value}`, what, path: first.value, suggested: suggestion(m, modeWord.value) },
            fixTitle: fixed ? `Use mode ${fixed}` : undefined,
            fix: fixed ? (f) => f.replace(modeWord, fixed) : undefined,
          });
        }
      },
      COPY: (ins) => checkCopy(ins),
      ADD: (ins) => checkCopy(ins),
    };
    function checkCopy(ins: Instruction): void {
      const flag = ins.flags.find((f) => f.name === 'chmod');
      if (!flag?.value || !flag.valueSpan) return;
      const m = checkMode(flag.value);
      if (!m?.worldWritable) return;
      const fixed = m.fixed;
      const valueSpan = flag.valueSpan;
      ctx.report({
        at: flag.span,
        messageId: 'copyChmod',
        data: { mode: flag.value, suggested: suggestion(m, flag.value) },
        fixTitle: fixed ? `Use --chmod=${fixed}` : undefined,
        fix: fixed ? (f) => f.replace(valueSpan, fixed) : undefined,
      });
    }
  },
});
