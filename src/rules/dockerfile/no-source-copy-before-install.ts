import type { Edit } from '../../core/diagnostic.js';
import { eol } from '../../core/text.js';
import { applyWithin, insertLinesAfter, insertLinesBefore, removeCommand } from '../../dockerfile/edits.js';
import type { Instruction, Stage } from '../../dockerfile/nodes.js';
import {
  detectInvocation,
  isManifestInstall,
  manifestsFor,
  MANIFESTS,
  MANAGERS,
  pipRequirementFiles,
  resolvePath,
  workdirAt,
  type Invocation,
  type PackageManager,
} from '../../dockerfile/optimize-queries.js';
import { defineRule } from '../rule.js';
import { isWholeContext } from './require-dockerignore.js';

/** Instructions a whole-source COPY may move past: none of them reads the copied files or changes the COPY. */
const MOVABLE_PAST = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE', 'STOPSIGNAL', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT', 'SHELL', 'USER']);
/** Build commands that fetch dependencies themselves: a prefetch step can run before the sources. */
const PREFETCH_BUILD = new Set<PackageManager>(['go', 'maven']);
/** Build commands that fetch dependencies, but whose prefetch needs sources or a stub (suggest only). */
const REPORT_ONLY_BUILD = new Set<PackageManager>(['cargo', 'gradle', 'dotnet']);

interface Candidate {
  readonly run: Instruction;
  readonly inv: Invocation;
  /** `move`: lift the install before the sources; `prefetch`: add a download step before them; `none`: report only. */
  readonly mode: 'move' | 'prefetch' | 'none';
}

function candidateOf(i: Invocation): Candidate['mode'] | undefined {
  if (isManifestInstall(i)) return 'move';
  if (i.kind === 'build' && PREFETCH_BUILD.has(i.manager)) return 'prefetch';
  if (i.kind === 'build' && REPORT_ONLY_BUILD.has(i.manager)) return 'none';
  return undefined;
}

function destDir(dest: string): string {
  if (dest === '.' || dest === './') return './';
  return dest.endsWith('/') ? dest : `${dest}/`;
}

/** `COPY <root files> <dir>/` plus one line per nested manifest (keeping its path). */
function manifestCopies(keyword: string, flags: string, files: readonly string[], dir: string, nl: string): string {
  const root = files.filter((f) => !f.includes('/'));
  const nested = files.filter((f) => f.includes('/'));
  const pre = `${keyword} ${flags ? `${flags} ` : ''}`;
  const lines: string[] = [];
  if (root.length) lines.push(`${pre}${root.join(' ')} ${dir}`);
  for (const f of nested) lines.push(`${pre}${f} ${dir}${f}`);
  return lines.map((l) => l + nl).join('');
}

export default defineRule({
  meta: {
    id: 'no-source-copy-before-install',
    code: 'DF202',
    target: 'dockerfile',
    category: 'cache',
    description: 'Copy dependency manifests and install before copying the sources, so source edits keep the install cached.',
    recommended: true,
    severity: 'warn',
    fixable: 'display-only',
    messages: {
      sourceBeforeInstall:
        '`{{copy}}` copies all sources before `{{install}}`, so every source change reruns the {{manager}} dependency download (usually the slowest step, often minutes). Copy {{manifests}} first, install, then copy the rest.',
    },
  },
  create(ctx) {
    const source = ctx.source;
    return {
      stage(st: Stage) {
        const list = st.instructions;
        // findings are at a COPY of the whole context: most stages have none
        if (!list.some((ins) => ins.keyword === 'COPY' && !ins.copy?.from && ins.copy?.dest && ins.copy.sources.some((s) => isWholeContext(s.value)))) return;
        const fetched = new Set<PackageManager>();
        for (let k = 0; k < list.length; k++) {
          const ins = list[k];
          if (ins.keyword === 'RUN') {
            for (const c of source.commands(ins)) {
              const i = detectInvocation(c);
              if (i && (i.kind === 'install' || i.kind === 'build')) fetched.add(i.manager);
            }
            continue;
          }
          if (ins.keyword !== 'COPY' || ins.copy?.from || !ins.copy?.dest) continue;
          const whole = ins.copy.sources.find((s) => isWholeContext(s.value));
          if (!whole) continue;
          let found: Candidate | undefined;
          for (let j = k + 1; j < list.length && !found; j++) {
            const next = list[j];
            if (next.keyword === 'COPY' && !next.copy?.from && next.copy?.sources.some((s) => isWholeContext(s.value))) break;
            if (next.keyword !== 'RUN') continue;
            for (const c of source.commands(next)) {
              const i = detectInvocation(c);
              if (!i || fetched.has(i.manager)) continue;
              const mode = candidateOf(i);
              if (mode) {
                found = { run: next, inv: i, mode };
                break;
              }
            }
          }
          if (!found) continue;
          report(ins, found, list.slice(k + 1, list.indexOf(found.run)));
        }
      },
    };

    function report(copy: Instruction, cand: Candidate, between: readonly Instruction[]): void {
      const { inv } = cand;
      const dest = copy.copy!.dest!;
      const ctxt = source.context;
      const known = ctxt.dir !== undefined;
      let extra: string[] = [];
      let fixable = cand.mode !== 'none' && !dest.value.includes('$');
      if (inv.manager === 'pip' || inv.manager === 'uv') {
        const destAbs = resolvePath(workdirAt(source, copy), dest.value);
        const wd = workdirAt(source, cand.run);
        for (const r of pipRequirementFiles(inv.command)) {
          const abs = resolvePath(wd, r.value);
          if (r.dynamic || !(abs === destAbs || abs.startsWith(`${destAbs === '/' ? '' : destAbs}/`))) fixable = false;
          else extra.push(abs.slice(destAbs === '/' ? 1 : destAbs.length + 1));
        }
      }
      if (inv.manager === 'yarn' && known && ctxt.exists('.yarn/releases')) extra = ['.yarn/releases'];
      let manifests = inv.manager === 'yarn' ? manifestsFor('yarn', ctxt) : manifestsFor(inv.manager, ctxt, extra);
      if (inv.manager === 'uv' && inv.verb?.value !== 'sync') manifests = manifestsFor('pip', ctxt, extra);
      const dirEntries = manifests.filter((m) => m === '.yarn/releases');
      manifests = manifests.filter((m) => m !== '.yarn/releases');
      if (!manifests.length) fixable = false;
      const shown = manifests.length ? manifests.join(' ') : (MANIFESTS[inv.manager]?.standard.join(' ') || 'the dependency manifests');
      const installText = source.textOf(inv.command.span).replace(/\s*\\\r?\n\s*/g, ' ');
      ctx.report({
        at: copy,
        messageId: 'sourceBeforeInstall',
        data: { copy: source.textOf(copy.span).replace(/\s*\\\r?\n\s*/g, ' '), install: installText, manager: MANAGERS[inv.manager].label, manifests: shown },
        related: [{ at: inv.command, message: `the ${MANAGERS[inv.manager].label} install that reruns` }],
        fixTitle: `Copy ${shown} and install before copying the sources`,
        fix: fixable ? () => buildFix(copy, cand, between, manifests, dirEntries) : undefined,
      });
    }

    function buildFix(copy: Instruction, cand: Candidate, between: readonly Instruction[], manifests: string[], dirEntries: string[]): Edit[] | null {
      const nl = eol(source.text);
      const dir = destDir(copy.copy!.dest!.value);
      const flags = copy.flags.map((f) => source.textOf(f.span)).join(' ');
      let manifestText = manifestCopies(copy.keywordRaw, flags, manifests, dir, nl);
      for (const d of dirEntries) manifestText += `${copy.keywordRaw} ${flags ? `${flags} ` : ''}${d} ${dir}${d}${nl}`;
      const copyText = source.textOf(copy.span) + nl;
      // the install (or prefetch) must run where the manifests land
      const destAbs = resolvePath(workdirAt(source, copy), copy.copy!.dest!.value);
      if (workdirAt(source, cand.run) !== destAbs || workdirAt(source, copy) !== destAbs) return null;
      if (cand.mode === 'prefetch') {
        const prefetch = MANIFESTS[cand.inv.manager]?.prefetch;
        if (!prefetch) return null;
        return [insertLinesBefore(source, copy, `${manifestText}RUN ${prefetch}${nl}`)];
      }
      if (between.some((b) => !MOVABLE_PAST.has(b.keyword))) return null;
      const run = cand.run;
      const top = source.commands(run).filter((c) => c.depth === 0);
      const cmd = cand.inv.command;
      if (cmd.depth !== 0 || cmd.conditional || cmd.piped || cmd.redirects.length) return null;
      const edits: Edit[] = [{ span: copy.span, text: manifestText.slice(0, -nl.length) }];
      if (top.length === 1) {
        edits.push(insertLinesAfter(source, run, copyText));
        return edits;
      }
      if (top[0] !== cmd || run.heredocs.length) return null;
      const removal = removeCommand(source, run, cmd);
      if (!removal) return null;
      const runFlags = run.flags.map((f) => source.textOf(f.span)).join(' ');
      const head = `${run.keywordRaw} ${runFlags ? `${runFlags} ` : ''}${source.textOf(cmd.span)}`;
      const rest = applyWithin(source, run.span, [removal]);
      edits.push({ span: run.span, text: `${head}${nl}${copyText}${rest}` });
      return edits;
    }
  },
});
