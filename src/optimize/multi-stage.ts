/**
 * The multi-stage split: a single-stage Dockerfile that installs a toolchain and builds in place becomes
 * a build stage (everything it did before) and a runtime stage on a smaller base that receives only the
 * artifacts, the runtime packages and the runtime configuration (ENV, WORKDIR, USER, EXPOSE, CMD...).
 *
 * Every decision is recorded as a reason; what cannot be decided (the runtime base of an unknown image,
 * an artifact whose path is unknown) becomes a `# TODO` line and the rewrite is display-only.
 */
import { eol } from '../core/text.js';
import { instructionBlock } from '../dockerfile/edits.js';
import type { Instruction, Stage } from '../dockerfile/nodes.js';
import { detectToolchain, imageName, imageTag, resolvePath, runtimeBaseFor, workdirAt, type BuildEcosystem, type ToolchainEvidence } from '../dockerfile/optimize-queries.js';
import { aptGetInstall } from '../dockerfile/package-queries.js';
import { isProgram, positionals } from '../dockerfile/shell-queries.js';
import type { Command } from '../dockerfile/shell.js';
import type { DockerfileSource } from '../dockerfile/source.js';
import type { RewriteApplicability } from './types.js';

/** Instructions that only describe the runtime: they move to the runtime stage. */
const RUNTIME_ONLY = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK', 'STOPSIGNAL', 'VOLUME', 'LABEL']);

/** Debian/Ubuntu packages only a build needs (compilers, headers, build tools, package managers of languages). */
const BUILD_ONLY_PACKAGE =
  /^(build-essential|gcc(-\d+)?|g\+\+(-\d+)?|cpp(-\d+)?|clang(-\d+)?|lld(-\d+)?|make|cmake|ninja-build|meson|autoconf|automake|libtool|pkg-config|pkgconf|bison|flex|git|golang(-[\d.]+)?(-go)?|rustc|cargo|maven|gradle|ant|npm|yarnpkg|node-gyp|python3?-pip|python3?-venv|python3?-setuptools|python3?-wheel|python3?-build|python3?-dev|python3\.\d+-dev|python3\.\d+-venv|default-jdk(-headless)?|openjdk-\d+-jdk(-headless)?|dpkg-dev|[\w.+-]+-dev)$/;

/** Interpreters and their library packages: kept only when the runtime command runs that interpreter. */
const INTERPRETER_PACKAGES: Record<string, RegExp> = {
  python: /^(python3(\.\d+)?(-minimal)?|python-is-python3|python3-[\w.+-]+)$/,
  node: /^(nodejs|node-[\w.+-]+)$/,
  java: /^(default-jre(-headless)?|openjdk-\d+-jre(-headless)?|lib[\w.+-]+-java)$/,
  ruby: /^(ruby(\d[\d.]*)?|ruby-[\w.+-]+)$/,
  perl: /^(perl|lib[\w.+-]+-perl)$/,
};

export interface SplitPlan {
  readonly text: string;
  readonly applicability: RewriteApplicability;
  readonly reasons: readonly string[];
  readonly notes: readonly string[];
}

export interface SplitOptions {
  readonly runtimeBase?: string;
  readonly artifacts?: readonly string[];
}

interface Artifact {
  readonly from: string;
  readonly to: string;
  readonly why: string;
}

/** The program the container runs and the interpreter family it belongs to. */
interface RuntimeCommand {
  readonly argv: readonly string[];
  readonly shellForm: boolean;
  /** python, node, java, ruby, perl, native, or unknown (a shell script: anything may be needed). */
  readonly family: string;
}

function runtimeCommand(source: DockerfileSource, stage: Stage, venvs: readonly string[]): RuntimeCommand | undefined {
  const ep = [...stage.instructions].reverse().find((i) => i.keyword === 'ENTRYPOINT');
  const cmd = [...stage.instructions].reverse().find((i) => i.keyword === 'CMD');
  const main = ep ?? cmd;
  if (!main) return undefined;
  const shellForm = main.form !== 'exec';
  const argv = main.form === 'exec' ? [...(main.json?.values ?? []), ...(ep && cmd?.form === 'exec' ? (cmd.json?.values ?? []) : [])] : main.rest.text.trim().split(/\s+/);
  const prog = argv[0] ?? '';
  const base = prog.slice(prog.lastIndexOf('/') + 1);
  let family = 'native';
  if (/^python[\d.]*$/.test(base) || venvs.some((v) => prog.startsWith(`${v}/bin/`))) family = 'python';
  else if (base === 'node' || base === 'nodejs') family = 'node';
  else if (base === 'java') family = 'java';
  else if (/^(ruby|bundle|rails|rake)$/.test(base)) family = 'ruby';
  else if (base === 'perl') family = 'perl';
  else if (/^(sh|bash|dash)$/.test(base) || /\.sh$/.test(base) || shellForm) family = 'unknown';
  return { argv, shellForm, family };
}

/** Packages installed with apt-get/apt in the stage, in order, without duplicates. */
function aptPackages(source: DockerfileSource, stage: Stage): string[] {
  const out: string[] = [];
  for (const ins of stage.instructions) {
    if (ins.keyword !== 'RUN') continue;
    for (const c of source.commands(ins)) {
      const inst = aptGetInstall(c);
      if (!inst) continue;
      const pos = positionals(c, ['t', 'target-release', 'o', 'option', 'c', 'config-file', 'a', 'host-architecture']);
      for (const w of pos.slice(1)) if (!w.value.startsWith('-') && !out.includes(w.value)) out.push(w.value);
    }
  }
  return out;
}

/** The runtime counterpart of a build package: a JDK becomes the JRE of the same flavour. */
function runtimePackageOf(pkg: string): string | undefined {
  const jdk = /^(default|openjdk-\d+)-jdk(-headless)?$/.exec(pkg);
  if (jdk) return `${jdk[1]}-jre${jdk[2] ?? ''}`;
  return undefined;
}

function splitPackages(pkgs: readonly string[], family: string): { keep: string[]; drop: string[] } {
  const keep: string[] = [];
  const drop: string[] = [];
  for (const p of pkgs) {
    const name = p.split(/[=:]/)[0];
    const mapped = runtimePackageOf(name);
    if (mapped) {
      if (family === 'java' || family === 'unknown') keep.push(mapped);
      drop.push(p);
      continue;
    }
    if (BUILD_ONLY_PACKAGE.test(name)) {
      drop.push(p);
      continue;
    }
    const interp = Object.entries(INTERPRETER_PACKAGES).find(([, re]) => re.test(name));
    if (interp && family !== 'unknown' && interp[0] !== family) {
      drop.push(p);
      continue;
    }
    keep.push(p);
  }
  return { keep: [...new Set(keep)], drop };
}

/** `python3 -m venv [opts] DIR` / `virtualenv DIR`: absolute venv directories created in the stage. */
function venvDirs(source: DockerfileSource, stage: Stage): string[] {
  const out: string[] = [];
  for (const ins of stage.instructions) {
    if (ins.keyword !== 'RUN') continue;
    for (const c of source.commands(ins)) {
      const a = c.args.map((x) => x.value);
      const k = a.indexOf('venv');
      let dir: string | undefined;
      if (/^python[\d.]*$/.test(c.program) && k > 0 && a[k - 1] === '-m') dir = a.slice(k + 1).find((x) => !x.startsWith('-'));
      else if (c.program === 'virtualenv') dir = a.find((x) => !x.startsWith('-'));
      if (dir && !dir.includes('$')) out.push(resolvePath(workdirAt(source, ins), dir));
    }
  }
  return out;
}

function flagValue(c: Command, ...names: string[]): string | undefined {
  for (let k = 0; k < c.args.length; k++) {
    const v = c.args[k].value;
    for (const n of names) {
      if (v === n) return c.args[k + 1]?.value;
      if (n.startsWith('--') && v.startsWith(`${n}=`)) return v.slice(n.length + 1);
    }
  }
  return undefined;
}

/** The name of the binary `cargo build` makes: `[[bin]] name`, else `[package] name` of Cargo.toml. */
function cargoBinary(source: DockerfileSource): string | undefined {
  const toml = source.context.readFile('Cargo.toml');
  if (!toml) return undefined;
  const bin = /\[\[bin\]\][^[]*?\bname\s*=\s*"([^"]+)"/s.exec(toml);
  if (bin) return bin[1];
  const pkg = /\[package\][^[]*?\bname\s*=\s*"([^"]+)"/s.exec(toml);
  return pkg?.[1];
}

/** The output directory of `npm run build`: the first path segment of the script node runs, else tsconfig outDir, else dist. */
function nodeOutDir(source: DockerfileSource, rc: RuntimeCommand | undefined): { dir: string; why: string } {
  const script = rc?.family === 'node' ? rc.argv.slice(1).find((a) => !a.startsWith('-')) : undefined;
  if (script && script.includes('/') && !script.startsWith('/')) {
    const first = script.replace(/^\.\//, '').split('/')[0];
    if (!source.context.exists(first)) return { dir: first, why: `the container runs \`node ${script}\`, and ${first}/ is not in the build context: the build made it` };
  }
  const ts = source.context.readFile('tsconfig.json');
  const out = ts && /"outDir"\s*:\s*"([^"]+)"/.exec(ts)?.[1];
  if (out) return { dir: out.replace(/^\.\//, '').replace(/\/$/, ''), why: 'tsconfig.json compiles into it (outDir)' };
  return { dir: 'dist', why: '`npm run build` conventionally writes dist/' };
}

interface Detection {
  readonly artifacts: Artifact[];
  readonly todos: string[];
  /** Commands to append to the build stage (e.g. prune dev dependencies). */
  readonly buildTail: string[];
}

/** Artifacts: build outputs, files copied out of the work tree after the build, and the program the container runs. */
function detectArtifacts(source: DockerfileSource, stage: Stage, ev: readonly ToolchainEvidence[], rc: RuntimeCommand | undefined, venvs: readonly string[], finalWd: string): Detection {
  const artifacts: Artifact[] = [];
  const todos: string[] = [];
  const buildTail: string[] = [];
  const add = (from: string, to: string, why: string) => {
    if (!artifacts.some((a) => a.from === from)) artifacts.push({ from, to, why });
  };
  let firstBuild = -1;
  let interpreted = false;
  for (const ins of stage.instructions) {
    if (ins.keyword !== 'RUN') continue;
    const wd = workdirAt(source, ins);
    for (const c of source.commands(ins)) {
      const pos = positionals(c).map((w) => w.value);
      const built = () => {
        if (firstBuild < 0) firstBuild = ins.index;
      };
      if (isProgram(c, 'go') && pos[0] === 'build') {
        built();
        const o = flagValue(c, '-o');
        if (o && !o.includes('$')) add(resolvePath(wd, o), resolvePath(wd, o), `\`go build -o ${o}\` writes the binary there`);
        else todos.push('`go build` without `-o` names the binary after the package: pass --artifact /path/of/binary');
      } else if (isProgram(c, 'cargo') && ['build', 'b'].includes(pos[0] ?? '')) {
        built();
        const profile = c.args.some((a) => a.value === '--release' || a.value === '-r') ? 'release' : (flagValue(c, '--profile') ?? 'debug');
        const bin = flagValue(c, '--bin') ?? cargoBinary(source);
        const p = `${resolvePath(wd, 'target')}/${profile}/${bin ?? '<binary>'}`;
        if (bin) add(p, p, `\`cargo build${profile === 'release' ? ' --release' : ''}\` writes the \`${bin}\` binary (named in Cargo.toml) there`);
        else todos.push('the name of the binary `cargo build` makes is unknown: pass --artifact /path/of/binary');
      } else if (isProgram(c, 'jar')) {
        built();
        const f = flagValue(c, '--file', '-f') ?? (/^-?c\w*f\w*$/.test(c.args[0]?.value ?? '') ? c.args[1]?.value : undefined);
        if (f && !f.includes('$')) add(resolvePath(wd, f), resolvePath(wd, f), `\`jar\` writes ${f}`);
      } else if (isProgram(c, 'javac')) {
        built();
      } else if (isProgram(c, 'make', 'cmake', 'ninja')) {
        built();
        if (pos.includes('install')) {
          const prefix = c.args.map((a) => /^PREFIX=(.+)$/.exec(a.value)?.[1]).find(Boolean) ?? c.assignments.find((a) => a.name === 'PREFIX')?.value ?? '/usr/local';
          if (!prefix.includes('$')) add(prefix, prefix, `\`make install\` installs under PREFIX (${prefix}); nothing else in the build stage writes there`);
        }
      } else if (/^(npm|yarn|pnpm)$/.test(c.program) && (pos[0] === 'run' || pos[0] === 'run-script' ? /build|compile|dist|bundle/.test(pos[1] ?? '') : c.program !== 'npm' && /^build/.test(pos[0] ?? ''))) {
        built();
        interpreted = true;
        const out = nodeOutDir(source, rc);
        const wdp = (p: string) => resolvePath(finalWd, p);
        add(wdp('package.json'), wdp('package.json'), 'node reads package.json (module type, name) at runtime');
        add(wdp('node_modules'), wdp('node_modules'), 'the production dependencies (`npm prune --omit=dev` runs after the build)');
        add(wdp(out.dir), wdp(out.dir), `the build output: ${out.why}`);
        if (c.program === 'npm' && !buildTail.length) buildTail.push('npm prune --omit=dev');
      } else if (/^pip[\d.]*$/.test(c.program) && pos[0] === 'install' && venvs.some((v) => c.name.startsWith(`${v}/`))) {
        built();
        interpreted = true;
      } else if (isProgram(c, 'cp', 'install', 'mv') && firstBuild >= 0) {
        const dest = pos[pos.length - 1];
        if (dest && pos.length >= 2 && dest.startsWith('/') && !dest.includes('$')) {
          const d = resolvePath(wd, dest);
          if (!(d === finalWd || d.startsWith(`${finalWd}/`))) add(d, d, `\`${c.program} ... ${dest}\` puts build output there after the build`);
        }
      }
    }
  }
  for (const v of venvs) {
    interpreted = true;
    add(v, v, 'the virtualenv the dependencies were installed into (its python links to the same distribution\'s /usr/bin/python3, installed in the runtime stage)');
  }
  // the program the container runs, when it lives in the work tree and was made by the build
  if (rc && rc.family !== 'unknown') {
    const prog = rc.family === 'native' ? rc.argv[0] : rc.family === 'java' && rc.argv[1] === '-jar' ? rc.argv[2] : undefined;
    if (prog && (prog.includes('/') || rc.family === 'java')) {
      const p = resolvePath(finalWd, prog);
      if (!artifacts.some((a) => p === a.from || p.startsWith(`${a.from}/`))) {
        const rel = finalWd === '/' ? p.slice(1) : p.startsWith(`${finalWd}/`) ? p.slice(finalWd.length + 1) : undefined;
        if (rel && !source.context.exists(rel)) add(p, p, `the container runs ${prog}, which the build made`);
      }
    }
  }
  if (interpreted && !ev.some((e) => e.ecosystem === 'node') && finalWd !== '/') {
    add(finalWd, finalWd, 'the application directory (interpreted code, read at runtime)');
  }
  if (ev.some((e) => e.ecosystem === 'node') && !artifacts.length && finalWd !== '/') {
    add(finalWd, finalWd, 'the application directory (no build output was recognised)');
  }
  // a directory already copied covers the paths inside it
  const kept = artifacts.filter((a) => !artifacts.some((b) => b !== a && a.from.startsWith(`${b.from === '/' ? '' : b.from}/`)));
  return { artifacts: kept, todos, buildTail };
}

function isStaticGo(source: DockerfileSource, stage: Stage): boolean {
  for (const ins of stage.instructions) {
    if (ins.keyword === 'ENV' && ins.pairs?.some((p) => p.key === 'CGO_ENABLED' && p.value === '0')) return true;
    if (ins.keyword === 'RUN' && source.commands(ins).some((c) => isProgram(c, 'go') && c.assignments.some((a) => a.name === 'CGO_ENABLED' && a.value === '0'))) return true;
  }
  return false;
}

/** The slim variant of a Debian base (`debian:bookworm` → `debian:bookworm-slim`); undefined when there is none to name. */
function debianSlim(base: string): string | undefined {
  if (imageName(base) !== 'debian') return undefined;
  const tag = imageTag(base);
  if (!tag || /slim/.test(tag)) return tag ? base : undefined;
  if (/^[a-z]+$/.test(tag) || /^\d+(\.\d+)*$/.test(tag)) return `${base.split('@')[0]}-slim`;
  return undefined;
}

/** Plan the split of the only stage; undefined when it does not apply. */
export function planSplit(source: DockerfileSource, opts: SplitOptions): SplitPlan | undefined {
  if (source.stages.length !== 1) return undefined;
  const stage = source.stages[0];
  const base = stage.base ?? '';
  if (!base || base === 'scratch' || stage.instructions.length < 2) return undefined;
  const ev = detectToolchain(source, stage);
  const venvs = venvDirs(source, stage);
  const builds = ev.filter((e) => e.kind === 'build-command');
  const compilers = ev.filter((e) => e.kind === 'compiler-package');
  const image = ev.find((e) => e.kind === 'toolchain-image');
  const javac = stage.instructions.some((i) => i.keyword === 'RUN' && source.commands(i).some((c) => isProgram(c, 'javac', 'jar')));
  if (!builds.length && !javac && !(venvs.length && stage.instructions.some((i) => i.keyword === 'RUN' && source.commands(i).some((c) => /^pip/.test(c.program))))) return undefined;
  if (!builds.length && !compilers.length && !image && !javac && !venvs.length) return undefined;

  const nl = eol(source.text);
  const reasons: string[] = [];
  const notes: string[] = [];
  const todos: string[] = [];
  const last = stage.instructions[stage.instructions.length - 1];
  const finalWd = workdirAt(source, last) === '/' ? '/' : workdirAt(source, last);
  const rc = runtimeCommand(source, stage, venvs);
  const ecosystem: BuildEcosystem | 'python' = builds.find((b) => b.ecosystem !== 'c')?.ecosystem ?? (venvs.length ? 'python' : javac ? 'java' : (image?.ecosystem ?? compilers[0]?.ecosystem ?? 'c'));
  const evidence = [...new Set([...(image ? [`the ${image.what} toolchain image`] : []), ...compilers.map((c) => c.what), ...builds.map((b) => `\`${b.what}\``), ...(javac ? ['`javac`/`jar`'] : []), ...(venvs.length ? [`a virtualenv at ${venvs.join(', ')}`] : [])])];
  reasons.push(`The only stage builds in place (${evidence.slice(0, 6).join(', ')}), so the toolchain, the sources and the intermediate files ship in the image.`);

  // packages for the runtime stage
  const pkgs = aptPackages(source, stage);
  const family = rc?.family ?? 'unknown';
  const { keep, drop } = splitPackages(pkgs, family);
  const det = opts.artifacts?.length
    ? {
        artifacts: opts.artifacts.map((a) => {
          const [from, to] = a.split(':');
          const f = resolvePath(finalWd, from);
          return { from: f, to: to ? resolvePath(finalWd, to) : f, why: 'given with --artifact' };
        }),
        todos: [] as string[],
        buildTail: [] as string[],
      }
    : detectArtifacts(source, stage, ev, rc, venvs, finalWd);
  todos.push(...det.todos);
  if (!det.artifacts.length) todos.push('no build output was recognised: pass --artifact SRC[:DEST] for each file or directory the application needs');

  // runtime base
  const staticGo = ecosystem === 'go' && isStaticGo(source, stage);
  const runtimePkgs = keep.filter((p) => p !== 'ca-certificates' || !staticGo);
  let runtime: string | undefined;
  let copyCerts = false;
  const userIns = [...stage.instructions].reverse().find((i) => i.keyword === 'USER');
  const userName = userIns ? source.expand(userIns, userIns.args[0]?.value ?? '').value.split(':')[0] : undefined;
  const namedUser = userName !== undefined && !/^\d+$/.test(userName) && userName !== 'root';
  const needsShell = rc?.shellForm || stage.instructions.some((i) => i.keyword === 'HEALTHCHECK' && i.form !== 'exec' && !/^\s*NONE\b/i.test(i.rest.text));
  if (opts.runtimeBase) {
    runtime = opts.runtimeBase;
    reasons.push(`Runtime base ${runtime}: given with --runtime-base.`);
  } else if (staticGo && !runtimePkgs.length && !namedUser && !needsShell) {
    runtime = 'scratch';
    copyCerts = keep.includes('ca-certificates') || pkgs.includes('ca-certificates');
    reasons.push('Runtime base scratch: CGO_ENABLED=0 makes a static Go binary that needs no libc, no shell and no packages' + (copyCerts ? '; the CA bundle is copied from the build stage because ca-certificates was installed' : '') + '.');
  } else if (debianSlim(base)) {
    runtime = debianSlim(base)!;
    reasons.push(`Runtime base ${runtime}: the slim variant of the same distribution release as ${base}, so the binaries and the interpreter ABI match; the slim image leaves out documentation, manual pages and locales.`);
  } else if (/^(ubuntu|debian)$/.test(imageName(base))) {
    runtime = base;
    reasons.push(`Runtime base ${base}: the same image without the toolchain (Ubuntu has no slim variant).`);
  } else {
    const rt = runtimeBaseFor(base, ecosystem === 'python' ? 'python' : ecosystem);
    if (rt.image !== base && !rt.todo && !(runtimePkgs.length && /distroless/.test(rt.image))) {
      runtime = rt.image;
      reasons.push(`Runtime base ${runtime}: the runtime counterpart of ${base}.`);
    } else {
      runtime = rt.image;
      todos.push(`choose a runtime image without the toolchain for ${base} and pass it with --runtime-base${rt.todo ? ` (${rt.todo})` : ''}`);
    }
  }
  const debianRuntime = /^(debian|ubuntu)$/.test(imageName(runtime));
  if (runtimePkgs.length && !debianRuntime && runtime !== base) {
    if (runtime === 'scratch' || /distroless/.test(runtime)) todos.push(`the runtime needs packages (${runtimePkgs.join(', ')}) that ${runtime} cannot install: use a Debian-based runtime image with --runtime-base`);
    else notes.push(`the runtime stage installs ${runtimePkgs.join(', ')} with apt-get: ${runtime} must be Debian-based`);
  }
  if (drop.length) reasons.push(`Packages left in the build stage: ${drop.join(', ')} (${family === 'unknown' ? 'build tools' : `build tools, or interpreters the runtime command (${rc?.argv[0]}) does not use`}).`);
  if (runtimePkgs.length) reasons.push(`Packages installed in the runtime stage: ${runtimePkgs.join(', ')}${drop.some((d) => runtimePackageOf(d)) ? ' (the JDK became the JRE of the same release)' : ''}.`);
  for (const a of det.artifacts) reasons.push(`Copied: ${a.from}${a.to !== a.from ? ` → ${a.to}` : ''} (${a.why}).`);
  if (namedUser) {
    const created = stage.instructions.some((i) => i.keyword === 'RUN' && source.commands(i).some((c) => isProgram(c, 'useradd', 'adduser', 'groupadd', 'addgroup')));
    if (created) todos.push(`user ${userName} is created in the build stage: create it in the runtime stage too, or use a numeric uid`);
  }
  notes.push('files the application reads at runtime but no rule above recognised (configuration, templates, data) must be added with --artifact');
  if (family === 'unknown') notes.push('the container starts through a shell or script: every non-build package is kept in the runtime stage');

  // assemble
  const name = 'build';
  const block = (i: Instruction) => source.textOf(instructionBlock(source, i)).replace(/\r?\n$/, '');
  const headEnd = instructionBlock(source, stage.from).start;
  const head = source.text.slice(0, headEnd);
  const buildLines: string[] = [];
  const runtimeLines: string[] = [];
  const fromIns = stage.from;
  const imageWord = fromIns.from?.image;
  if (!imageWord) return undefined;
  buildLines.push(source.text.slice(instructionBlock(source, fromIns).start, fromIns.span.end).replace(/\s+AS\s+\S+\s*$/i, '') + ` AS ${stage.name ?? name}`);
  const moved: Instruction[] = [];
  for (const ins of stage.instructions.slice(1)) {
    if (RUNTIME_ONLY.has(ins.keyword)) moved.push(ins);
    else if (ins.keyword === 'USER') moved.push(ins);
    else buildLines.push(block(ins));
  }
  for (const t of det.buildTail) buildLines.push(`RUN ${t}`);
  const stageName = stage.name ?? name;

  for (const t of todos) runtimeLines.push(`# TODO: ${t}`);
  runtimeLines.push(`FROM ${runtime}`);
  const args = stage.instructions.filter((i) => i.keyword === 'ARG');
  for (const a of args) runtimeLines.push(block(a));
  if (runtimePkgs.length && debianRuntime) {
    // Java packages register manual pages with update-alternatives, which fails where slim images have no /usr/share/man/man1
    const manDir = /slim/.test(runtime) && runtimePkgs.some((p) => /(jre|jdk)/.test(p)) ? 'mkdir -p /usr/share/man/man1 && ' : '';
    if (manDir) reasons.push('The runtime RUN creates /usr/share/man/man1 first: the JRE\'s post-install script links its manual pages there, and slim images have no manual page directories.');
    runtimeLines.push(`RUN ${manDir}apt-get update && apt-get install -y --no-install-recommends ${runtimePkgs.join(' ')} && rm -rf /var/lib/apt/lists/*`);
  }
  for (const e of stage.instructions.filter((i) => i.keyword === 'ENV')) runtimeLines.push(block(e));
  if (finalWd !== '/') runtimeLines.push(`WORKDIR ${finalWd}`);
  if (copyCerts) runtimeLines.push(`COPY --from=${stageName} /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt`);
  for (const a of det.artifacts) runtimeLines.push(`COPY --from=${stageName} ${a.from} ${a.to}`);
  for (const m of moved) runtimeLines.push(block(m));

  const tail = source.text.slice(last.span.end).replace(/^\r?\n/, '');
  const text = `${head}${buildLines.join(nl)}${nl}${nl}${runtimeLines.join(nl)}${nl}${tail.trim() ? tail : ''}`;
  return { text, applicability: todos.length ? 'display-only' : 'unsafe', reasons, notes: [...todos.map((t) => `TODO: ${t}`), ...notes] };
}
