import type { Edit } from '../../core/diagnostic.js';
import { eol } from '../../core/text.js';
import { instructionBlock } from '../../dockerfile/edits.js';
import type { Instruction, Stage } from '../../dockerfile/nodes.js';
import {
  buildArtifacts,
  detectToolchain,
  imageName,
  runtimeBaseFor,
  workdirAt,
  type BuildEcosystem,
  type ToolchainEvidence,
} from '../../dockerfile/optimize-queries.js';
import { isProgram, positionals } from '../../dockerfile/shell-queries.js';
import { defineRule } from '../rule.js';

const CORE_COMPILER = /^(build-essential|build-base|gcc(-\d+)?|g\+\+(-\d+)?|gcc-c\+\+|clang(-\d+)?|cmake|golang(-go)?|rustc|cargo|maven|gradle|openjdk-\d+-jdk(-headless)?|java-[\d.]+-openjdk-devel|default-jdk(-headless)?)$/;

const IMAGE_ECOSYSTEM: Record<string, BuildEcosystem> = { python: 'python', node: 'node', ruby: 'ruby', php: 'php' };

const ESTIMATE: Record<BuildEcosystem, string> = {
  go: 'a Go toolchain image is about 800 MB-1 GB; a static binary on distroless is a few MB',
  rust: 'a Rust toolchain image is about 1-1.5 GB; the binary on distroless cc is tens of MB',
  java: 'a JDK plus build tool is 500 MB-1 GB; a JRE image is about 200-300 MB',
  dotnet: 'the .NET SDK image is about 800 MB; the ASP.NET runtime image about 220 MB',
  node: 'node:<version> is about 1.1 GB; node:<version>-slim with production dependencies about 200-300 MB',
  python: 'python:3.x is about 1 GB; python:3.x-slim about 130-250 MB with dependencies',
  c: 'compilers, make and headers typically add 200-500 MB',
  deb: 'compilers and headers typically add 200-500 MB',
  alpine: 'compilers and headers typically add 100-300 MB',
  rpm: 'compilers and headers typically add 200-500 MB',
  suse: 'compilers and headers typically add 200-500 MB',
  ruby: 'compilers and headers typically add 200-500 MB',
  php: 'compilers and headers typically add 200-500 MB',
};

/** Instructions that only describe the runtime: they move to the runtime stage. */
const RUNTIME_ONLY = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK', 'STOPSIGNAL', 'VOLUME', 'LABEL']);

export default defineRule({
  meta: {
    id: 'prefer-multi-stage',
    code: 'DF308',
    target: 'dockerfile',
    category: 'size',
    description: 'A final image that installs a compiler toolchain and builds in place ships the toolchain; split the build into its own stage.',
    recommended: true,
    severity: 'info',
    fixable: 'display-only',
    messages: {
      shipsToolchain:
        'The final image ships the build toolchain ({{what}}) used for `{{build}}`; {{estimate}}. Build in a separate stage and copy only the artifacts into a runtime image such as `{{runtime}}`.',
      shipsCompilers:
        'The final image ships compilers ({{what}}); {{estimate}}. Build in a separate stage and copy only the results into a runtime image such as `{{runtime}}`, or remove the packages in the RUN that installs them.',
    },
  },
  create(ctx) {
    const source = ctx.source;
    return {
      stage(st: Stage) {
        if (!st.isFinal) return;
        const ev = detectToolchain(source, st);
        const image = ev.find((e) => e.kind === 'toolchain-image');
        const pkgs = ev.filter((e) => e.kind === 'compiler-package');
        const builds = ev.filter((e) => e.kind === 'build-command');
        // compilers installed and kept, or a toolchain image (full node/python included) used to build
        // headers and helpers (-dev, make, pkg-config) alone are small: a compiler or SDK must be among the packages
        const compilers = pkgs.some((p) => CORE_COMPILER.test(p.what));
        if (!compilers && !(image && builds.length)) return;
        const baseEco = IMAGE_ECOSYSTEM[imageName(rootStage(st).base ?? '')];
        const ecosystem: BuildEcosystem = image?.ecosystem ?? builds.find((b) => b.ecosystem !== 'c')?.ecosystem ?? baseEco ?? pkgs[0].ecosystem;
        const root = rootStage(st);
        const base = root.base ?? '';
        const staticGo = /CGO_ENABLED=0/.test(source.text);
        const rt = runtimeBaseFor(base, ecosystem, { staticGo });
        const devPkgs = pkgs.filter((p) => /-(dev|devel)$/.test(p.what)).map((p) => p.what);
        const runtime = devPkgs.length && !rt.todo ? { ...rt, todo: `install the runtime libraries of ${[...new Set(devPkgs)].join(', ')} (e.g. libpq5 for libpq-dev)` } : rt;
        const at = image ?? pkgs[0] ?? builds[0];
        const what = [...(image ? [image.what] : []), ...new Set(pkgs.map((p) => p.what))].slice(0, 4).join(', ');
        const related = [...pkgs.slice(0, image ? 3 : 0), ...builds.slice(0, 3)].filter((e) => e !== at).map((e) => ({ at: e.span, message: e.kind === 'build-command' ? `build step: ${e.what}` : `installs ${e.what}` }));
        const fix = root === st && st.instructions.length > 1 ? rewrite(st, ev, ecosystem, runtime) : null;
        ctx.report({
          at: at.span,
          messageId: builds.length ? 'shipsToolchain' : 'shipsCompilers',
          data: { what, build: builds[0]?.what ?? pkgs[0]?.what ?? '', estimate: image ? ESTIMATE[ecosystem] : ESTIMATE.c, runtime: runtime.image },
          related,
          fixTitle: 'Split into a build stage and a runtime stage',
          fix: fix ? () => fix : undefined,
        });
      },
    };

    function rootStage(st: Stage): Stage {
      let s = st;
      const seen = new Set<number>();
      while (s.baseStage !== undefined && !seen.has(s.index)) {
        seen.add(s.index);
        s = source.stages[s.baseStage];
      }
      return s;
    }

    function uniqueName(): string {
      for (const n of ['build', 'builder', 'build-stage']) if (!source.stages.some((s) => s.name === n)) return n;
      return `build-${source.stages.length}`;
    }

    function rewrite(st: Stage, ev: readonly ToolchainEvidence[], ecosystem: BuildEcosystem, runtime: { image: string; todo?: string }): Edit[] | null {
      const nl = eol(source.text);
      const from = st.from;
      const image = from.from?.image;
      if (!image) return null;
      const name = st.name ?? uniqueName();
      const edits: Edit[] = [];
      if (!st.name) edits.push({ span: { start: image.span.end, end: image.span.end }, text: ` AS ${name}` });
      const moved: Instruction[] = [];
      const envs: Instruction[] = [];
      let user: Instruction | undefined;
      let workdir: Instruction | undefined;
      for (const ins of st.instructions) {
        if (RUNTIME_ONLY.has(ins.keyword)) {
          moved.push(ins);
          edits.push({ span: instructionBlock(source, ins), text: '' });
        } else if (ins.keyword === 'ENV') envs.push(ins);
        else if (ins.keyword === 'USER') user = ins;
        else if (ins.keyword === 'WORKDIR') workdir = ins;
      }
      const last = st.instructions[st.instructions.length - 1];
      const wd = workdirAt(source, last) === '/' && workdir ? workdirAt(source, workdir) : workdirAt(source, last);
      const finalWd = workdir ? wd : '/';
      const artifacts = buildArtifacts(source, ev, ecosystem, finalWd, st.base ?? '');
      const text = (i: Instruction) => source.textOf(instructionBlock(source, i)).replace(/\r?\n$/, '');
      const lines: string[] = [];
      if (runtime.todo) lines.push(`# TODO: ${runtime.todo}`);
      lines.push(`FROM ${runtime.image}`);
      if (workdir) lines.push(`WORKDIR ${finalWd}`);
      for (const e of envs) lines.push(text(e));
      lines.push('# TODO: copy any other files the application reads at runtime');
      for (const a of artifacts) {
        if (a.todo) lines.push(`# TODO: ${a.todo}`);
        lines.push(`COPY --from=${name} ${a.from} ${a.to}`);
      }
      if (user) {
        const uname = source.expand(user, user.args[0]?.value ?? '').value.split(':')[0];
        const created = st.instructions.some((i) => i.keyword === 'RUN' && source.commands(i).some((c) => isProgram(c, 'useradd', 'adduser') && positionals(c).some((w) => w.value === uname)));
        if (created) lines.push(`# TODO: user ${uname} was created in the build stage: create it here too (or use a numeric uid)`);
        lines.push(text(user));
      }
      const distroless = /distroless/.test(runtime.image);
      for (const m of moved) {
        if (distroless && (m.keyword === 'CMD' || m.keyword === 'ENTRYPOINT') && m.form === 'shell') lines.push(`# TODO: ${runtime.image} has no shell: use the exec form`);
        lines.push(text(m));
      }
      const body = lines.join(nl);
      const at = source.text.length;
      const endsWithNl = /\n$/.test(source.text) || edits.some((e) => e.text === '' && e.span.end === at);
      edits.push({ span: { start: at, end: at }, text: `${endsWithNl ? '' : nl}${nl}${body}${nl}` });
      return edits;
    }
  },
});
