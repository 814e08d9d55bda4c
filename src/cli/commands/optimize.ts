/**
 * `ballast optimize <Dockerfile>`: print the rewrites as a unified diff with an explanation each, write
 * them (`--write`), and verify them by building the original and the rewrite with the real engine
 * (`--verify`). The engine is reached through dockerode's build API with BuildKit (`version: '2'`), which
 * needs no session for an uploaded context and runs `RUN --mount=type=cache` with the built-in frontend.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { DockerIgnore, readIgnoreFile } from '../../dockerfile/dockerignore.js';
import { DEFAULT_CONFIG } from '../../engine/config.js';
import { lintText } from '../../engine/lint-dockerfile.js';
import { compareContract, formatSeconds, formatSize, reduction, splitCommand, summarize, type ContractCheck, type ImageContract, type Measurement } from '../../optimize/contract.js';
import { optimizeText, REWRITE_IDS, type OptimizeResult, type RewriteId } from '../../optimize/index.js';
import { rules } from '../../rules/index.js';
import { dirContext } from '../context.js';
import { UsageError, useColor, type Io } from '../io.js';

export { dirContext };
import { writeAtomic } from './lint.js';

export interface OptimizeCliOptions {
  write?: boolean;
  verify?: boolean;
  verifyCmd?: string;
  context?: string;
  runtimeBase?: string;
  artifact: string[];
  format: string;
  only: string[];
  skip: string[];
  network?: string;
  color?: boolean;
}


function parseIds(list: readonly string[], flag: string): RewriteId[] {
  for (const id of list) if (!(REWRITE_IDS as readonly string[]).includes(id)) throw new UsageError(`${flag}: unknown rewrite "${id}" (expected ${REWRITE_IDS.join(', ')})`);
  return list as RewriteId[];
}

async function unifiedDiff(name: string, before: string, after: string, from = `a/${name}`): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
  return createTwoFilesPatch(from, `b/${name}`, before, after, '', '', { context: 3 });
}

function colorDiff(diff: string, color: boolean): string {
  if (!color) return diff;
  return diff
    .split('\n')
    .map((l) => (/^\+(?!\+\+)/.test(l) ? `\x1b[32m${l}\x1b[39m` : /^-(?!--)/.test(l) ? `\x1b[31m${l}\x1b[39m` : /^@@/.test(l) ? `\x1b[36m${l}\x1b[39m` : l))
    .join('\n');
}

function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && cur.length + 1 + w.length > width - indent.length) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines.map((l) => indent + l).join('\n');
}

export async function optimizeCommand(file: string, opts: OptimizeCliOptions, io: Io): Promise<number> {
  if (!['tty', 'json'].includes(opts.format)) throw new UsageError(`unknown format "${opts.format}" (expected tty, json)`);
  const only = parseIds(opts.only, '--only');
  const skip = parseIds(opts.skip, '--skip');
  if (opts.verifyCmd !== undefined && !opts.verify) throw new UsageError('--verify-cmd needs --verify');
  let verifyArgv: string[] | undefined;
  if (opts.verifyCmd !== undefined) {
    try {
      verifyArgv = splitCommand(opts.verifyCmd);
    } catch (e) {
      throw new UsageError(`--verify-cmd: ${(e as Error).message}`);
    }
    if (!verifyArgv.length) throw new UsageError('--verify-cmd is empty');
  }
  const path = resolve(io.cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  // as lint does: a NUL byte means this is not a Dockerfile
  if (text.includes('\u0000')) throw new UsageError(`${file}: looks like a binary file, not a Dockerfile`);
  const contextDir = resolve(io.cwd, opts.context ?? dirname(path));
  if (!existsSync(contextDir) || !statSync(contextDir).isDirectory()) throw new UsageError(`${opts.context}: build context is not a directory`);
  const context = dirContext(contextDir, basename(path));
  const result = await optimizeText(path, text, { runtimeBase: opts.runtimeBase, artifacts: opts.artifact, only, skip }, context);

  const lintOpts = { rules, config: DEFAULT_CONFIG, context };
  const lintBefore = (await lintText(path, text, lintOpts)).findings.length;
  const lintAfter = (await lintText(path, result.output, lintOpts)).findings.length;
  const name = relative(io.cwd, path) || basename(path);
  const ignorePath = join(contextDir, '.dockerignore');

  let verification: Verification | undefined;
  let engineError: string | undefined;
  if (opts.verify) {
    if (result.output === text) engineError = 'nothing to verify: no rewrite applies';
    else {
      try {
        verification = await verifyRewrite({
          contextDir,
          dockerfileName: basename(path),
          original: text,
          rewritten: result.output,
          dockerignore: result.dockerignore,
          verifyArgv,
          network: opts.network,
          tag: basename(contextDir).toLowerCase().replace(/[^a-z0-9_.-]/g, '-') || 'app',
          env: io.env,
          onProgress: opts.format === 'tty' ? (m) => io.writeErr(`ballast: ${m}\n`) : undefined,
        });
      } catch (e) {
        if (e instanceof EngineUnavailable) engineError = e.message;
        else throw e;
      }
    }
  }

  if (opts.write) {
    if (result.output !== text) writeAtomic(path, result.output);
    if (result.dockerignore && !existsSync(ignorePath)) writeAtomic(ignorePath, result.dockerignore);
  }

  if (opts.format === 'json') {
    const rewrites = [];
    for (const r of result.rewrites) rewrites.push({ ...r, diff: await unifiedDiff(r.file === '.dockerignore' ? '.dockerignore' : name, r.before, r.after, r.file === '.dockerignore' ? '/dev/null' : undefined) });
    io.writeOut(
      JSON.stringify(
        {
          file: name,
          rewrites,
          output: result.output,
          dockerignore: result.dockerignore ?? null,
          lint: { before: lintBefore, after: lintAfter },
          written: !!opts.write,
          verify: verification ?? (engineError ? { error: engineError } : null),
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    io.writeOut(await ttyReport(name, text, result, { lintBefore, lintAfter, color: useColor(opts.color, io.env, io.stdoutIsTTY), write: !!opts.write, width: Math.min(io.stdoutColumns ?? 100, 100) }));
    if (verification) io.writeOut(verificationTty(verification));
    if (engineError) io.writeErr(`ballast: cannot verify: ${engineError}\n`);
  }
  if (verification && !verification.ok) return 1;
  return 0;
}

async function ttyReport(name: string, text: string, result: OptimizeResult, o: { lintBefore: number; lintAfter: number; color: boolean; write: boolean; width: number }): Promise<string> {
  const b = (s: string) => (o.color ? `\x1b[1m${s}\x1b[22m` : s);
  const dim = (s: string) => (o.color ? `\x1b[2m${s}\x1b[22m` : s);
  if (!result.rewrites.length) return `${name}: nothing to optimize.\n`;
  let out = '';
  const applied = result.rewrites.filter((r) => r.applicability !== 'display-only');
  if (result.output !== text) out += colorDiff(await unifiedDiff(name, text, result.output), o.color);
  if (result.dockerignore) out += colorDiff(await unifiedDiff('.dockerignore', '', result.dockerignore, '/dev/null'), o.color);
  out += '\n';
  for (const r of result.rewrites) {
    const mark = r.applicability === 'safe' ? 'safe' : r.applicability === 'unsafe' ? 'review' : 'display only, not applied';
    out += `${b(`${r.id}`)} ${dim(`(${mark})`)} ${r.title}\n${wrap(r.explanation, o.width, '  ')}\n`;
    for (const n of r.notes) out += `${wrap(`- ${n}`, o.width, '  ')}\n`;
    if (r.applicability === 'display-only') out += colorDiff(await unifiedDiff(name, r.before, r.after), o.color).replace(/^/gm, '  ') + '\n';
  }
  out += `\n${applied.length} rewrite${applied.length === 1 ? '' : 's'} ${o.write ? 'written' : 'proposed'}; lint findings ${o.lintBefore} -> ${o.lintAfter}.${o.write ? '' : ' Apply with --write; measure with --verify.'}\n`;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Verify by building

/** The engine could not be reached: the rewrite is still printed, exit 0. */
export class EngineUnavailable extends Error {}

export interface BuildMeasure {
  readonly image: string;
  readonly size: number;
  readonly coldMs: number;
  readonly rebuildMs?: number;
  readonly contract: ImageContract;
  readonly output?: string;
}

export interface Verification {
  readonly before: BuildMeasure;
  readonly after: BuildMeasure;
  readonly checks: readonly ContractCheck[];
  readonly measurement: Measurement;
  readonly summary: string;
  /** The file changed for the rebuild measurement. */
  readonly changedFile?: string;
  readonly ok: boolean;
}

export interface VerifyInput {
  readonly contextDir: string;
  readonly dockerfileName: string;
  readonly original: string;
  readonly rewritten: string;
  readonly dockerignore?: string;
  readonly verifyArgv?: readonly string[];
  /** Network mode for RUN (`host` where the default bridge has no route out). */
  readonly network?: string;
  /** Images are tagged `ballast-optimize/<tag>:original` and `:optimized`. */
  readonly tag: string;
  readonly env: Io['env'];
  /** Also measure a rebuild after a source-only change (default true). */
  readonly rebuild?: boolean;
  readonly onProgress?: (message: string) => void;
}

type Docker = import('dockerode');

async function connect(env: Io['env']): Promise<Docker> {
  const { default: Dockerode } = await import('dockerode');
  const host = env.DOCKER_HOST;
  const docker = host && /^tcp:/.test(host) ? new Dockerode({ host: new URL(host.replace(/^tcp:/, 'http:')).hostname, port: Number(new URL(host.replace(/^tcp:/, 'http:')).port || 2375) }) : new Dockerode({ socketPath: host?.replace(/^unix:\/\//, '') || '/var/run/docker.sock' });
  try {
    await docker.ping();
  } catch (e) {
    throw new EngineUnavailable(`the Docker engine is not reachable (${(e as Error).message}); the rewrite above was not built`);
  }
  return docker;
}

/** Files of a context directory, minus what its .dockerignore excludes (the Dockerfile is always sent, .dockerignore never). */
function contextFiles(dir: string, dockerfileName: string): string[] {
  const ignoreFile = join(dir, '.dockerignore');
  const ig = new DockerIgnore(existsSync(ignoreFile) ? readIgnoreFile(readFileSync(ignoreFile, 'utf8')) : []);
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      // the ignore rules are applied here; the daemon would apply .dockerignore again, to the Dockerfile too
      if (r === '.dockerignore') continue;
      const ignored = r !== dockerfileName && ig.ignores(r);
      // an excluded directory is still walked when a `!` pattern may re-include something below it
      if (e.isDirectory()) {
        if (!ignored || ig.hasExclusions) walk(r);
      } else if (!ignored) out.push(r);
    }
  };
  walk('');
  return out;
}

/** A tar stream of the given context files (regular files, with their modes). */
async function packContext(dir: string, files: readonly string[]): Promise<NodeJS.ReadableStream> {
  // tar-stream is CommonJS: its API is the default export once bundled
  const mod = (await import('tar-stream')) as unknown as typeof import('tar-stream') & { default?: typeof import('tar-stream') };
  const tar = mod.default ?? mod;
  const pack = tar.pack();
  for (const f of files) {
    const st = statSync(join(dir, f));
    pack.entry({ name: f, mode: st.mode & 0o7777, mtime: st.mtime, size: st.size }, readFileSync(join(dir, f)));
  }
  pack.finalize();
  return pack as unknown as NodeJS.ReadableStream;
}

async function build(docker: Docker, dir: string, dockerfileName: string, tag: string, o: { nocache: boolean; network?: string }): Promise<number> {
  const started = Date.now();
  // packed here: dockerode would apply .dockerignore to the file list again, dropping an ignored Dockerfile
  const stream = await docker.buildImage(
    await packContext(dir, contextFiles(dir, dockerfileName)),
    { t: tag, dockerfile: dockerfileName, version: '2', nocache: o.nocache, pull: false, rm: true, forcerm: true, ...(o.network ? { networkmode: o.network } : {}) } as Record<string, unknown>,
  );
  const events: { error?: string; errorDetail?: { message?: string } }[] = await new Promise((ok, ko) => docker.modem.followProgress(stream, (e: Error | null, r: unknown[]) => (e ? ko(e) : ok(r as never[]))));
  const err = events.find((e) => e.error || e.errorDetail);
  if (err) throw new Error(`building ${tag} failed: ${err.errorDetail?.message ?? err.error}`);
  return Date.now() - started;
}

async function runOutput(docker: Docker, image: string, argv: readonly string[]): Promise<string> {
  const container = await docker.createContainer({ Image: image, Cmd: [...argv], Tty: false, HostConfig: { NetworkMode: 'none', AutoRemove: false } });
  try {
    await container.start();
    const res = (await container.wait()) as { StatusCode: number };
    const logs = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
    const text = demux(logs);
    return `${text.trimEnd()}${res.StatusCode ? `\n(exit ${res.StatusCode})` : ''}`;
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** Strip the 8-byte stream headers of a non-TTY container log. */
function demux(buf: Buffer): string {
  let out = '';
  let i = 0;
  while (i + 8 <= buf.length) {
    const len = buf.readUInt32BE(i + 4);
    out += buf.subarray(i + 8, i + 8 + len).toString('utf8');
    i += 8 + len;
  }
  return i === 0 && buf.length ? buf.toString('utf8') : out;
}

const SOURCE_EXT = /\.(go|rs|c|h|cc|cpp|py|ts|tsx|js|mjs|java|kt|rb|php|md|html|css|scss|txt)$/;
const MANIFEST = /^(package(-lock)?\.json|yarn\.lock|pnpm-lock\.yaml|requirements.*\.txt|pyproject\.toml|poetry\.lock|go\.(mod|sum)|Cargo\.(toml|lock)|pom\.xml|build\.gradle(\.kts)?|Gemfile(\.lock)?|composer\.(json|lock))$/;

/** A comment line in the file's language (so the program does not change), with a unique token. */
function sourceComment(file: string, token: string): string {
  const text = `ballast optimize --verify: source change ${token}`;
  if (/\.(py|rb|txt)$/.test(file)) return `\n# ${text}\n`;
  if (/\.(md|html)$/.test(file)) return `\n<!-- ${text} -->\n`;
  if (/\.(css|scss)$/.test(file)) return `\n/* ${text} */\n`;
  return `\n// ${text}\n`;
}

/** A source file to touch for the rebuild measurement: not a manifest, not the Dockerfile, not ignored. */
function sourceFileToChange(dir: string, dockerfileName: string): string | undefined {
  const files = contextFiles(dir, dockerfileName).filter((f) => f !== dockerfileName && f !== '.dockerignore' && !MANIFEST.test(basename(f)) && SOURCE_EXT.test(f));
  return files.sort((a, b) => (/^(README|LICENSE)/i.test(basename(a)) ? 1 : 0) - (/^(README|LICENSE)/i.test(basename(b)) ? 1 : 0) || a.localeCompare(b))[0];
}

async function inspect(docker: Docker, image: string): Promise<{ size: number; contract: ImageContract }> {
  const info = await docker.getImage(image).inspect();
  const c = info.Config ?? ({} as typeof info.Config);
  return {
    size: info.Size,
    contract: { cmd: c.Cmd, entrypoint: c.Entrypoint as string[] | null, env: c.Env, user: c.User, workingDir: c.WorkingDir, exposedPorts: c.ExposedPorts },
  };
}

/**
 * Build the original and the rewritten Dockerfile from temporary copies of the context: a cold build
 * (no cache), then, after appending a comment to one source file, a rebuild with the cache. Compare
 * the image contracts and the output of `verifyArgv` run in a container of each.
 */
export async function verifyRewrite(input: VerifyInput): Promise<Verification> {
  const docker = await connect(input.env);
  const work = mkdtempSync(join(tmpdir(), 'ballast-optimize-'));
  const progress = input.onProgress ?? (() => undefined);
  try {
    const dirs = { original: join(work, 'original'), optimized: join(work, 'optimized') };
    for (const [k, d] of Object.entries(dirs)) {
      cpSync(input.contextDir, d, { recursive: true, filter: (src) => !src.split(sep).includes('.git') });
      writeFileSync(join(d, input.dockerfileName), k === 'original' ? input.original : input.rewritten);
      if (k === 'optimized' && input.dockerignore && !existsSync(join(d, '.dockerignore'))) writeFileSync(join(d, '.dockerignore'), input.dockerignore);
    }
    const measures: Record<string, { image: string; coldMs: number; rebuildMs?: number }> = {};
    let changed: string | undefined;
    for (const k of ['original', 'optimized'] as const) {
      const image = `ballast-optimize/${input.tag}:${k}`;
      progress(`building the ${k} Dockerfile (no cache) as ${image}`);
      const coldMs = await build(docker, dirs[k], input.dockerfileName, image, { nocache: true, network: input.network });
      measures[k] = { image, coldMs };
    }
    if (input.rebuild !== false) {
      changed = sourceFileToChange(dirs.original, input.dockerfileName);
      // unique per run: the build cache is keyed on content, and an earlier run made the same change
      const token = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      if (changed) {
        for (const k of ['original', 'optimized'] as const) {
          const f = join(dirs[k], changed);
          writeFileSync(f, readFileSync(f, 'utf8') + sourceComment(changed, token));
          progress(`rebuilding the ${k} Dockerfile after a change to ${changed}`);
          measures[k].rebuildMs = await build(docker, dirs[k], input.dockerfileName, measures[k].image, { nocache: false, network: input.network });
        }
      }
    }
    const before = { ...measures.original, ...(await inspect(docker, measures.original.image)) };
    const after = { ...measures.optimized, ...(await inspect(docker, measures.optimized.image)) };
    const checks = compareContract(before.contract, after.contract);
    let outBefore: string | undefined;
    let outAfter: string | undefined;
    if (input.verifyArgv) {
      outBefore = await runOutput(docker, before.image, input.verifyArgv);
      outAfter = await runOutput(docker, after.image, input.verifyArgv);
      checks.push({ what: 'output', ok: outBefore === outAfter, before: outBefore, after: outAfter });
    }
    const measurement: Measurement = { sizeBefore: before.size, sizeAfter: after.size, coldBefore: before.coldMs, coldAfter: after.coldMs, rebuildBefore: before.rebuildMs, rebuildAfter: after.rebuildMs };
    return {
      before: { ...before, output: outBefore },
      after: { ...after, output: outAfter },
      checks,
      measurement,
      summary: summarize(measurement),
      changedFile: changed,
      ok: checks.every((c) => c.ok),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function verificationTty(v: Verification): string {
  let out = `\nVerified by building (BuildKit through the engine API):\n  ${v.summary}\n`;
  out += `  images: ${v.before.image} (${formatSize(v.before.size)}), ${v.after.image} (${formatSize(v.after.size)}); ${reduction(v.measurement).toFixed(1)}% smaller\n`;
  if (v.changedFile) out += `  rebuild: after appending a comment to ${v.changedFile}: ${formatSeconds(v.before.rebuildMs ?? 0)} -> ${formatSeconds(v.after.rebuildMs ?? 0)}\n`;
  for (const c of v.checks) out += `  ${c.ok ? 'same' : 'DIFFERENT'} ${c.what}${c.ok ? (c.what === 'output' ? `: ${c.before.split('\n')[0]}` : `: ${c.before}`) : `: ${c.before} -> ${c.after}`}\n`;
  out += v.ok ? '  The optimized image keeps the contract of the original.\n' : '  The optimized image does NOT keep the contract of the original (exit 1).\n';
  return out;
}

/** Build a Dockerfile given as text (no context files) and tag it, unless the tag exists. For local base images. */
export async function ensureImageFromText(env: Io['env'], tag: string, dockerfile: string, network?: string): Promise<'exists' | 'built'> {
  const docker = await connect(env);
  try {
    await docker.getImage(tag).inspect();
    return 'exists';
  } catch {
    // build it
  }
  const dir = mkdtempSync(join(tmpdir(), 'ballast-base-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), dockerfile);
    await build(docker, dir, 'Dockerfile', tag, { nocache: false, network });
    return 'built';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
