import { resolveWord } from '../../dockerfile/stage-queries.js';
import { defineRule } from '../rule.js';

/** Extensions of archives that ADD unpacks (tar, optionally compressed). */
const ARCHIVE = /\.(tar|tgz|taz|tz|gz|bz2|tbz|tbz2|tb2|xz|txz|lz|lzma|tlz|zst|tzst|z)$/i;
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;
/** Flags only ADD has: with them ADD is the right instruction. */
const ADD_ONLY = new Set(['checksum', 'keep-git-dir', 'unpack']);

export default defineRule({
  meta: {
    id: 'prefer-copy-over-add',
    code: 'DF613',
    target: 'dockerfile',
    category: 'style',
    description: 'ADD is used for plain local files; COPY says what it does.',
    recommended: true,
    severity: 'error',
    fixable: 'safe',
    messages: {
      useCopy: 'Use `COPY` instead of `ADD` for local files and folders: `ADD` also fetches URLs and unpacks archives, which these sources do not need.',
    },
    aliases: ['DL3020'],
  },
  create(ctx) {
    const src = ctx.source;
    /** A directory of the build context (it exists but cannot be read as a file). */
    const isContextDir = (p: string): boolean =>
      !/[*?[]/.test(p) && src.context.exists(p) && src.context.readFile(p) === undefined;
    return {
      ADD(ins) {
        const c = ins.copy;
        if (!c || !c.dest || !c.sources.length) return;
        if (ins.flags.some((f) => ADD_ONLY.has(f.name))) return;
        let extensionless = false;
        for (const s of c.sources) {
          if (s.raw.startsWith('<<')) continue; // heredoc: never unpacked
          const raw = ins.form === 'exec' ? JSON.stringify(s.value) : s.raw;
          const r = resolveWord(src, ins, raw);
          if (r.unknown) return; // might be a URL or an archive
          const v = r.value;
          if (REMOTE.test(v) || ARCHIVE.test(v)) return;
          const last = v.replace(/\/+$/, '').split('/').pop() ?? '';
          const isDir = v.endsWith('/') || last === '.' || last === '..' || last === '' || isContextDir(v);
          // a file without a plain extension (or a glob such as `*`) may still be a tarball, which ADD would unpack
          if (!isDir && !/\.[A-Za-z0-9_-]+$/.test(last)) extensionless = true;
        }
        const kw = ins.keywordRaw === ins.keywordRaw.toLowerCase() ? 'copy' : 'COPY';
        ctx.report({
          at: ins.keywordSpan,
          messageId: 'useCopy',
          fixTitle: 'Replace ADD with COPY',
          applicability: extensionless ? 'unsafe' : 'safe',
          fix: (f) => f.replace(ins.keywordSpan, kw),
        });
      },
    };
  },
});
