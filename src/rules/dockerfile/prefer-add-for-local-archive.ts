import type { Instruction, Word } from '../../dockerfile/nodes.js';
import { packageCommands } from '../../dockerfile/package-queries.js';
import type { Command, ShellWord } from '../../dockerfile/shell.js';
import { defineRule } from '../rule.js';

/** Tar archives ADD unpacks: plain, gzip, bzip2 and xz. */
const TARBALL = /\.(tar|tar\.gz|tgz|taz|tar\.z|tar\.bz2|tbz|tbz2|tb2|tar\.xz|txz)$/i;
const TAR_LONG_WITH_VALUE = ['directory', 'file', 'exclude', 'transform', 'xform', 'owner', 'group', 'mode', 'use-compress-program', 'strip-components', 'files-from', 'exclude-from', 'newer', 'after-date', 'blocking-factor', 'record-size', 'format', 'label', 'tape-length', 'volno-file', 'rsh-command', 'info-script', 'checkpoint-action', 'occurrence'];
/** Options that make tar unpack only part of the archive, or unpack it differently from ADD. */
const PARTIAL = /^--(strip-components|exclude|exclude-from|files-from|wildcards|transform|xform|to-stdout|to-command|occurrence|anchored|keep-old-files|skip-old-files)\b/;

function base(p: string): string {
  const s = p.replace(/^["']|["']$/g, '');
  const parts = s.split(/[\\/]/);
  return parts[parts.length - 1] ?? s;
}

/** `tar -xf FILE` (also `tar xzf FILE`, `--extract --file=FILE`) unpacking the whole archive. */
function tarExtract(c: Command): ShellWord | undefined {
  if (!['tar', 'gtar', 'bsdtar'].includes(c.program)) return undefined;
  const a = c.args;
  let extract = false;
  let partial = false;
  let file: ShellWord | undefined;
  for (let k = 0; k < a.length; k++) {
    const v = a[k].value;
    if (k === 0 && /^[A-Za-z]+$/.test(v)) {
      // old-style bundled key: `xzf archive.tar.gz`
      if (v.includes('x')) extract = true;
      if (v.includes('O')) partial = true;
      if (v.includes('f')) file = a[++k];
      continue;
    }
    if (v.startsWith('--')) {
      const name = v.slice(2).split('=', 1)[0];
      if (name === 'extract' || name === 'get') extract = true;
      if (PARTIAL.test(v)) partial = true;
      if (name === 'file') file = v.includes('=') ? { ...a[k], value: v.slice(7) } : a[++k];
      else if (!v.includes('=') && TAR_LONG_WITH_VALUE.includes(name)) k++;
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      const letters = v.slice(1);
      if (letters.includes('x')) extract = true;
      if (letters.includes('O')) partial = true;
      const f = letters.indexOf('f');
      if (f >= 0) {
        const rest = letters.slice(f + 1);
        file = rest ? { ...a[k], value: rest } : a[++k];
      } else if (/[CT]$/.test(letters)) k++;
      continue;
    }
    partial = true; // member names: only part of the archive
  }
  return extract && !partial && file && file.value !== '-' ? file : undefined;
}

interface Copied {
  readonly ins: Instruction;
  readonly source: Word;
  readonly names: ReadonlySet<string>;
  reported: boolean;
}

export default defineRule({
  meta: {
    id: 'prefer-add-for-local-archive',
    code: 'DF336',
    target: 'dockerfile',
    category: 'size',
    description: 'A tar archive is COPY\'d and then unpacked in a later RUN; ADD unpacks it in one layer.',
    recommended: true,
    severity: 'info',
    messages: {
      useAdd:
        '`{{file}}` is copied here and unpacked by `tar` on line {{line}}, so the image keeps both the archive and its contents in separate layers. `ADD {{file}} <directory>` unpacks a local tar archive in one step.',
    },
    aliases: ['DL3010'],
    programs: ['tar', 'gtar', 'bsdtar'],
  },
  create(ctx) {
    let copied: Copied[] = [];
    return {
      stage() {
        copied = [];
      },
      COPY(ins) {
        if (!ins.copy || ins.copy.from || ins.heredocs.length) return;
        // words with quotes honoured (`"C:\Program Files\app.tar"` is one word)
        const words = ins.form === 'exec' ? (ins.json?.values ?? []) : (ins.rest.text.match(/"[^"]*"|'[^']*'|\S+/g) ?? []);
        const dest = words.length >= 2 ? base(words[words.length - 1]) : '';
        for (const s of ins.copy.sources) {
          const name = base(s.value);
          if (!TARBALL.test(name)) continue;
          const names = new Set([name]);
          if (TARBALL.test(dest) && words.length === 2) names.add(dest);
          copied.push({ ins, source: s, names, reported: false });
        }
      },
      RUN(ins) {
        if (!copied.length) return;
        for (const c of packageCommands(ctx.source, ins)) {
          const file = tarExtract(c);
          if (!file) continue;
          const name = base(file.value);
          for (const cp of copied) {
            if (cp.reported || !cp.names.has(name)) continue;
            cp.reported = true;
            ctx.report({
              at: cp.source,
              messageId: 'useAdd',
              data: { file: cp.source.value, line: ctx.source.position(c.span.start).line },
              related: [{ at: c, message: 'unpacked here' }],
            });
          }
        }
      },
    };
  },
});
