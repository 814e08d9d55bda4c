/**
 * Parser conformance against BuildKit's own parser test files (../shared/corpus/buildkit-parser):
 * dump our parse in BuildKit's S-expression format and compare with each case's expected `result`;
 * negative cases must produce parse problems. Also parses every file of ../shared/corpus/real-world
 * (and runs every rule on it) to check nothing crashes.
 *
 *   npx tsx scripts/buildkit-conformance.ts [--verbose]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DockerfileParser } from 'dockerfile-ast';
import type { Instruction } from '../src/dockerfile/nodes.js';
import { splitWords } from '../src/dockerfile/expand.js';
import { parseText } from '../src/dockerfile/parse.js';
import { lintText } from '../src/engine/lint-dockerfile.js';
import { DEFAULT_CONFIG } from '../src/engine/config.js';
import { rules } from '../src/rules/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = join(root, '..', 'shared', 'corpus');
const verbose = process.argv.includes('--verbose');

/** Go's strconv.Quote for the characters that matter here. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}

function args(ins: Instruction, escape: string): string[] {
  const k = ins.keyword;
  const rest = ins.rest.text;
  const jsonOrOne = () => (ins.json ? [...ins.json.values] : rest ? [rest] : []);
  switch (k) {
    case 'RUN':
    case 'CMD':
    case 'ENTRYPOINT':
    case 'SHELL':
      return jsonOrOne();
    case 'ADD':
    case 'COPY':
    case 'VOLUME':
      return ins.json ? [...ins.json.values] : rest.split(/[ \t]+/).filter(Boolean);
    case 'FROM':
    case 'EXPOSE':
      return rest.split(/[ \t]+/).filter(Boolean);
    case 'ENV':
    case 'LABEL':
      return (ins.pairs ?? []).flatMap((p) => [p.hasEquals ? p.keySpan && rest.slice(0) && rawKey(ins, p) : p.key, p.rawValue ?? '', p.hasEquals ? '=' : '']);
    case 'ARG':
      return splitWords(rest, escape).map((w) => w.raw);
    case 'USER':
    case 'WORKDIR':
    case 'MAINTAINER':
    case 'STOPSIGNAL':
      return rest ? [rest] : [];
    case 'HEALTHCHECK': {
      const m = /^(\S+)\s*([\s\S]*)$/.exec(rest);
      if (!m) return [];
      const tail = m[2];
      let parsed: string[] = tail ? [tail] : [];
      if (tail.startsWith('[')) {
        try {
          const v = JSON.parse(tail);
          if (Array.isArray(v) && v.every((x) => typeof x === 'string')) parsed = v;
        } catch {
          // shell form
        }
      }
      return [m[1], ...parsed];
    }
    default:
      return [''];
  }
}

function rawKey(ins: Instruction, p: NonNullable<Instruction['pairs']>[number]): string {
  // LABEL keys keep their quotes in BuildKit's AST
  const t = ins.rest;
  const start = t.map.indexOf(p.keySpan.start);
  const end = t.map.indexOf(p.keySpan.end - 1);
  return start >= 0 && end >= 0 ? t.text.slice(start, end + 1) : p.key;
}

function dumpIns(ins: Instruction, escape: string): string {
  let s = ins.keywordRaw.toLowerCase();
  const flags = ins.flags.map((f) => f.raw);
  if (flags.length) s += ` [${flags.map(goQuote).join(' ')}]`;
  if (ins.keyword === 'ONBUILD' && ins.trigger) s += ` ${dumpIns(ins.trigger, escape)}`;
  else for (const a of args(ins, escape)) s += ` ${goQuote(a)}`;
  return `(${s.trim()})`;
}

export function dump(text: string): { dump: string; problems: number } {
  const p = parseText(text);
  return { dump: p.instructions.map((i) => dumpIns(i, p.escape)).join('\n') + '\n', problems: p.problems.length };
}

const bk = join(shared, 'buildkit-parser');
if (existsSync(bk)) {
  let pass = 0;
  let total = 0;
  const failed: string[] = [];
  for (const c of readdirSync(bk).sort()) {
    const dir = join(bk, c);
    if (!statSync(dir).isDirectory() || !existsSync(join(dir, 'result'))) continue;
    total++;
    const expected = readFileSync(join(dir, 'result'), 'utf8').replace(/\r\n/g, '\n');
    const got = dump(readFileSync(join(dir, 'Dockerfile'), 'utf8'));
    if (got.dump === expected) pass++;
    else {
      failed.push(c);
      if (verbose) {
        const e = expected.split('\n');
        const g = got.dump.split('\n');
        for (let k = 0; k < Math.max(e.length, g.length); k++) if (e[k] !== g[k]) console.log(`  ${c}:${k + 1}\n    want ${e[k]}\n    got  ${g[k]}`);
      }
    }
  }
  let negPass = 0;
  const negDir = join(bk, 'negative');
  const negs = existsSync(negDir) ? readdirSync(negDir) : [];
  for (const n of negs) {
    const got = dump(readFileSync(join(negDir, n, 'Dockerfile'), 'utf8'));
    if (got.problems > 0) negPass++;
    else if (verbose) console.log(`  negative ${n}: accepted`);
  }
  console.log(`BuildKit parser cases: ${pass}/${total} dumps identical; negative cases rejected: ${negPass}/${negs.length}`);
  if (failed.length) console.log(`  differing: ${failed.join(', ')}`);
} else console.log('BuildKit parser corpus not found; skipped');

const rw = join(shared, 'real-world');
if (existsSync(rw)) {
  const files: string[] = [];
  for (const d of readdirSync(rw)) {
    const p = join(rw, d);
    if (statSync(p).isDirectory()) for (const f of readdirSync(p)) files.push(join(p, f));
  }
  let crashes = 0;
  let findings = 0;
  let problems = 0;
  // a second opinion on instruction boundaries: dockerfile-ast (the Docker language server's parser)
  let sameStarts = 0;
  const differing: string[] = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const theirs = DockerfileParser.parse(text)
      .getInstructions()
      .map((i) => i.getInstructionRange().start.line + 1);
    const ours = parseText(text).instructions.map((i) => i.line);
    if (theirs.join() === ours.join()) sameStarts++;
    else differing.push(f.slice(rw.length + 1));
  }
  console.log(`instruction starts identical to dockerfile-ast's: ${sameStarts}/${files.length} files`);
  for (const f of differing) console.log(`  differs: ${f}`);
  const t0 = performance.now();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    try {
      const r = await lintText(f, text, { rules, config: { ...DEFAULT_CONFIG, preset: 'all' } });
      findings += r.findings.length;
      problems += r.findings.filter((x) => x.ruleId === 'syntax-error').length ? 1 : 0;
    } catch (e) {
      crashes++;
      console.log(`  crash: ${f}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  console.log(
    `real-world corpus: ${files.length} files linted with every rule in ${((performance.now() - t0) / 1000).toFixed(2)} s: ${crashes} crashes, ${problems} files with syntax findings, ${findings} findings`,
  );
}
