import { posix } from 'node:path';
import type { Edit, Span } from '../../core/diagnostic.js';
import { wildcard, wildcardMatches } from '../../core/wildcard.js';
import { addRunFlags, appendCommand, instructionBlock, removeCommand, removeWord } from '../../dockerfile/edits.js';
import type { Instruction, Stage } from '../../dockerfile/nodes.js';
import { cacheEnvOf, isWindowsStage, mountCovers, removalRoot, resolvePath, resolvePathWord, shippedStages, workdirAt, type CacheEnv } from '../../dockerfile/optimize-queries.js';
import { isProgram, positionals } from '../../dockerfile/shell-queries.js';
import type { Command, ShellWord } from '../../dockerfile/shell.js';
import { defineRule } from '../rule.js';

/** Commands that only look at or change metadata of a path: they put no bytes into a new directory. */
const METADATA_ONLY = new Set(['mkdir', 'chown', 'chmod', 'chgrp', 'ls', 'test', '[', 'stat', 'touch', 'rm', 'rmdir', 'cd']);

type CreatorKind = 'copy' | 'download' | 'clone' | 'extract' | 'mkdir' | 'redirect';

interface Created {
  readonly path: string;
  /** Also creates files below `path` (a copied directory, a clone, an extraction). */
  readonly tree: boolean;
  readonly kind: CreatorKind;
  readonly ins: Instruction;
  readonly at: Span;
  /** For COPY/ADD: the single context source, when the copy can become a bind mount. */
  readonly copySource?: string;
}

const WHAT: Record<CreatorKind, string> = {
  copy: 'the copied files stay in the image at full size',
  download: 'the downloaded file stays in the image at full size',
  clone: 'the clone, with its .git history, stays in the image',
  extract: 'the extracted files stay in the image',
  mkdir: 'whatever earlier steps wrote there stays in the image',
  redirect: 'the written file stays in the image',
};

/** `-o FILE` / `-fsSLo FILE` / `-oFILE` / `--output FILE` / `--output=FILE`. */
function outputArg(cmd: Command, short: string, longs: readonly string[]): ShellWord | undefined {
  const a = cmd.args;
  for (let k = 0; k < a.length; k++) {
    const v = a[k].value;
    if (v === '--') break;
    for (const l of longs) {
      if (v === `--${l}`) return a[k + 1];
      if (v.startsWith(`--${l}=`)) return { ...a[k], value: v.slice(l.length + 3), raw: a[k].raw.slice(a[k].raw.indexOf('=') + 1) };
    }
    if (/^-[a-zA-Z]+/.test(v) && !v.startsWith('--')) {
      const letters = v.slice(1);
      const i = letters.indexOf(short);
      if (i < 0) continue;
      if (i === letters.length - 1) return a[k + 1];
      const rest = letters.slice(i + 1);
      return { ...a[k], value: rest, raw: rest };
    }
  }
  return undefined;
}


/** Whether the deletion `del` (absolute, maybe with globs) removes bytes that a creation made; the glob compiled once for many creations. */
function deleter(del: string): (c: Created) => boolean {
  const root = removalRoot(del);
  if (/[*?[]/.test(root)) {
    // `*` and `?` within a path segment, matched in linear time (the glob comes from the Dockerfile)
    const glob = wildcard(root, { escapes: false, stopAtSlash: true });
    const depth = root.split('/').length;
    // a glob over the created file's parent directory: /tmp/*.tgz
    return (c) => wildcardMatches(glob, c.path) || (c.tree && wildcardMatches(glob, c.path.split('/').slice(0, depth).join('/')));
  }
  if (root === '/') return () => false;
  return (c) => root === c.path || c.path.startsWith(`${root}/`) || (c.tree && root.startsWith(`${c.path}/`));
}

/** The deletion removes the created path itself (not only something below it). */
function removesWhole(del: string, c: Created): boolean {
  const root = removalRoot(del);
  if (/[*?[]/.test(root)) return wildcardMatches(wildcard(root, { escapes: false, stopAtSlash: true }), c.path);
  return root === c.path || c.path.startsWith(`${root}/`);
}

export default defineRule({
  meta: {
    id: 'no-delete-in-later-layer',
    code: 'DF306',
    target: 'dockerfile',
    category: 'size',
    description: 'Deleting files in a later RUN than the one that created them does not shrink the image.',
    recommended: true,
    severity: 'warn',
    fixable: 'display-only',
    messages: {
      laterDelete:
        '`{{path}}` was created by {{creator}} on line {{line}}; deleting it in a later RUN hides it but {{what}}. {{advice}}',
    },
  },
  create(ctx) {
    const source = ctx.source;
    const shipped = shippedStages(source);

    function runCreations(ins: Instruction, env: CacheEnv): Created[] {
      const out: Created[] = [];
      const wd = workdirAt(source, ins);
      let cwdKnown = true;
      const resolve = (w: ShellWord | undefined): string | undefined => {
        if (!w) return undefined;
        const p = resolvePathWord(w.raw, env);
        if (p === undefined || p === '-' || p.startsWith('/dev/') || p.startsWith('/proc/')) return undefined;
        if (!p.startsWith('/') && !cwdKnown) return undefined;
        return resolvePath(wd, p);
      };
      const add = (w: ShellWord | undefined, kind: CreatorKind, tree: boolean) => {
        const p = resolve(w);
        if (p && p !== '/' && w && !mountCovers(source, ins, p)) out.push({ path: p, tree, kind, ins, at: w.span });
      };
      for (const c of source.commands(ins)) {
        if (c.program === 'cd' || c.program === 'pushd') cwdKnown = false;
        for (const r of c.redirects) if (r.op === '>' || r.op === '>>' || r.op === '&>') add(r.target, 'redirect', false);
        if (isProgram(c, 'curl')) add(outputArg(c, 'o', ['output']), 'download', false);
        else if (isProgram(c, 'wget')) {
          add(outputArg(c, 'O', ['output-document']), 'download', false);
          add(outputArg(c, 'P', ['directory-prefix']), 'download', true);
        } else if (isProgram(c, 'git') && c.args[0]?.value === 'clone') {
          const pos = positionals(c, ['b', 'branch', 'depth', 'o', 'origin', 'c', 'config', 'reference', 'j', 'jobs', 'filter', 'u', 'upload-pack']);
          const url = pos[1];
          if (!url) continue;
          const dir = pos[2] ?? { ...url, raw: posix.basename(url.value.replace(/\/+$/, '')).replace(/\.git$/, '') };
          add(dir, 'clone', true);
        } else if (isProgram(c, 'tar') && c.args.some((a) => /^-?[a-zA-Z]*x/.test(a.value) && !a.value.startsWith('--') || a.value === '--extract')) {
          add(outputArg(c, 'C', ['directory']), 'extract', true);
        } else if (isProgram(c, 'unzip')) {
          const k = c.args.findIndex((a) => a.value === '-d');
          if (k >= 0) add(c.args[k + 1], 'extract', true);
        } else if (isProgram(c, 'mkdir')) {
          for (const w of positionals(c, ['m', 'mode'])) add(w, 'mkdir', false);
        }
      }
      return out;
    }

    function copyCreations(ins: Instruction): Created[] {
      const cp = ins.copy;
      if (!cp?.dest || !cp.sources.length || ins.heredocs.length) return [];
      const wd = workdirAt(source, ins);
      const destValue = source.expand(ins, cp.dest.value).value;
      const dest = resolvePath(wd, destValue);
      const intoDir = destValue.endsWith('/') || cp.sources.length > 1 || destValue === '.';
      const out: Created[] = [];
      for (const s of cp.sources) {
        if (/^[a-z]+:\/\//i.test(s.value) || s.value.startsWith('git@')) {
          const path = intoDir ? resolvePath(dest, posix.basename(s.value)) : dest;
          out.push({ path, tree: false, kind: 'download', ins, at: cp.dest.span });
          continue;
        }
        const base = posix.basename(s.value.replace(/\/+$/, ''));
        const wholeDir = s.value === '.' || s.value === './' || s.value.endsWith('/');
        const path = intoDir && !wholeDir ? resolvePath(dest, base) : dest;
        const single = cp.sources.length === 1 && !/[*?[]/.test(s.value) && !ins.flags.some((f) => ['chmod', 'chown', 'parents', 'exclude'].includes(f.name)) ? s.value : undefined;
        out.push({ path, tree: true, kind: 'copy', ins, at: cp.dest.span, copySource: single });
      }
      return out;
    }

    /** An empty directory costs nothing: a mkdir counts only when the same RUN or a later step before the deletion writes into it. */
    function filledBefore(x: Created, deleter: Instruction): boolean {
      const name = x.path;
      const writes = (i: Instruction, skipCreator: boolean) =>
        source.commands(i).some((c) => {
          if (skipCreator && c.span.start <= x.at.start && x.at.end <= c.span.end) return false;
          if (c.redirects.some((r) => r.target?.value.includes(name))) return true;
          if (METADATA_ONLY.has(c.program)) return false;
          return c.args.some((a) => a.value.includes(name));
        });
      if (writes(x.ins, true)) return true;
      const stage = source.stageOf(deleter);
      const between = (stage?.instructions ?? []).filter((i) => i.index > x.ins.index && i.index < deleter.index);
      return between.some((i) => {
        if (i.keyword === 'COPY' || i.keyword === 'ADD') return copyCreations(i).some((c) => c.path === name || c.path.startsWith(`${name}/`));
        return i.keyword === 'RUN' && writes(i, false);
      });
    }

    function rmFlags(c: Command): string {
      return c.args.filter((a) => a.value.startsWith('-')).map((a) => a.raw).join(' ');
    }

    /** Edits that delete one rm argument from a RUN (the argument, the rm command, or the whole RUN). */
    function dropDeletion(run: Instruction, c: Command, arg: ShellWord): Edit | null {
      const pos = positionals(c);
      if (pos.length > 1) return removeWord(source, arg);
      const top = source.commands(run);
      if (top.length === 1) return { span: instructionBlock(source, run), text: '' };
      return removeCommand(source, run, c);
    }

    function fixFor(creator: Created, run: Instruction, c: Command, arg: ShellWord, abs: string, between: readonly Instruction[]): Edit[] | null {
      const drop = dropDeletion(run, c, arg);
      if (!drop) return null;
      const mentions = (i: Instruction) => source.textOf(i.span).includes(posix.basename(creator.path));
      if (creator.ins.keyword === 'RUN') {
        if (between.some(mentions) || source.commands(run).slice(0, source.commands(run).indexOf(c)).some((x) => source.textOf(x.span).includes(posix.basename(creator.path)))) return null;
        const creatorCds = source.commands(creator.ins).some((x) => x.program === 'cd' || x.program === 'pushd');
        const target = arg.value.startsWith('/') || (!creatorCds && workdirAt(source, creator.ins) === workdirAt(source, run)) ? arg.raw : abs;
        const add = appendCommand(source, creator.ins, `rm ${rmFlags(c) ? `${rmFlags(c)} ` : ''}${target}`);
        return add ? [add, drop] : null;
      }
      // COPY/ADD of a build-only input: a bind mount in the RUNs that read it instead of a layer
      const src = creator.copySource;
      if (!src || !removesWhole(abs, creator) || creator.ins.keyword !== 'COPY' || source.commands(run).length === 0) return null;
      const from = creator.ins.copy?.from?.value;
      const target = creator.path;
      const flag = `--mount=type=bind,${from ? `from=${from},` : ''}source=${src},target=${target}`;
      const users = between.filter(mentions);
      if (users.some((u) => u.keyword !== 'RUN')) return null;
      const edits: Edit[] = [{ span: instructionBlock(source, creator.ins), text: '' }];
      for (const u of users) edits.push(addRunFlags(u, [flag])!);
      const runUses = source.commands(run).some((x) => x !== c && source.textOf(x.span).includes(posix.basename(target)));
      if (runUses && drop.text === '' && drop.span.start !== instructionBlock(source, run).start) edits.push(addRunFlags(run, [flag])!);
      edits.push(drop);
      return edits;
    }

    return {
      stage(st: Stage) {
        if (!shipped.has(st.index) || isWindowsStage(source, st)) return;
        // findings are at `rm` commands: what comes after the last RUN with one cannot be reported
        const hasRm = (ins: Instruction) => ins.keyword === 'RUN' && source.commands(ins).some((c) => isProgram(c, 'rm'));
        let last = st.instructions.length - 1;
        while (last >= 0 && !hasRm(st.instructions[last])) last--;
        let created: Created[] = [];
        for (const ins of st.instructions.slice(0, last + 1)) {
          if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
            for (const x of copyCreations(ins)) created.push(x);
            continue;
          }
          if (ins.keyword !== 'RUN') continue;
          const env = cacheEnvOf(source, ins);
          if (!hasRm(ins)) {
            for (const x of runCreations(ins, env)) created.push(x);
            continue;
          }
          const wd = workdirAt(source, ins);
          let cwdKnown = true;
          const reportedHere = new Set<Created>();
          for (const c of source.commands(ins)) {
            if (c.program === 'cd' || c.program === 'pushd') cwdKnown = false;
            if (!isProgram(c, 'rm')) continue;
            for (const arg of positionals(c)) {
              const p = resolvePathWord(arg.raw, env);
              if (p === undefined || (!p.startsWith('/') && !cwdKnown)) continue;
              const abs = resolvePath(wd, p) + (/\/\*+$/.test(p) ? '/*' : '');
              const deletes = deleter(abs);
              const hits = created.filter((x) => deletes(x) && !reportedHere.has(x) && (x.kind !== 'mkdir' || filledBefore(x, ins)));
              if (!hits.length) continue;
              const creator = hits[hits.length - 1];
              for (const h of hits) if (removesWhole(abs, h)) reportedHere.add(h);
              const between = st.instructions.filter((i) => i.index > creator.ins.index && i.index < ins.index);
              const isRun = creator.ins.keyword === 'RUN';
              const partOfContextCopy = !isRun && creator.kind === 'copy' && !creator.ins.copy?.from && !removesWhole(abs, creator);
              const advice = isRun
                ? 'Delete it in the RUN that creates it.'
                : partOfContextCopy
                  ? 'Exclude it from the build context in .dockerignore, or copy only what the image needs.'
                  : 'For a build-only input, mount it instead (`RUN --mount=type=bind,source=...,target=...`), or copy it in a build stage and `COPY --from` only what the image needs.';
              const fix = fixFor(creator, ins, c, arg, abs, between);
              ctx.report({
                at: arg,
                messageId: 'laterDelete',
                data: { path: arg.value, creator: isRun ? 'a RUN' : creator.ins.keyword, line: source.position(creator.ins.span.start).line, what: WHAT[creator.kind], advice },
                related: hits.map((h) => ({ at: h.at, message: `created here (${h.ins.keyword})` })),
                fixTitle: isRun ? 'Delete it in the RUN that creates it' : 'Use a bind mount instead of copying',
                fix: fix ? () => fix : undefined,
              });
            }
          }
          created = created.filter((x) => !reportedHere.has(x));
          const made = runCreations(ins, env);
          if (!made.length) continue;
          // what this RUN deletes itself does not outlive it
          const removals: ((c: Created) => boolean)[] = [];
          for (const c of source.commands(ins)) {
            if (!isProgram(c, 'rm') || c.span.start <= 0) continue;
            for (const a of positionals(c)) {
              const p = resolvePathWord(a.raw, env);
              if (p !== undefined) removals.push(deleter(resolvePath(wd, p)));
            }
          }
          for (const x of made) if (!removals.some((d) => d(x))) created.push(x);
        }
      },
    };
  },
});
