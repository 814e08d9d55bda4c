import { beforeAll, describe, expect, it } from 'vitest';
import { parseText } from '../../src/dockerfile/parse.js';
import { loadShellParser } from '../../src/dockerfile/shell.js';
import { DockerfileSource } from '../../src/dockerfile/source.js';

const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

beforeAll(() => loadShellParser());

describe('the gaps measured in dockerfile-ast 0.7.1 are not ours', () => {
  it('`<< EOF` with a space is a heredoc, not instructions', () => {
    const t = "FROM alpine\nRUN cat << 'EOF' > /x\nline one\nRUN not an instruction\nEOF\nCMD [\"sh\"]\n";
    const p = parseText(t);
    expect(p.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'CMD']);
    const h = p.instructions[1].heredocs[0];
    expect(h.name).toBe('EOF');
    expect(h.quoted).toBe(true);
    expect(h.body).toBe('line one\nRUN not an instruction\n');
  });

  it('a comment with a backslash inside a continuation does not crash (getHeredocs crash)', () => {
    const t = 'FROM alpine\nRUN \\\n# comment\\comment\n  echo hi\n';
    const p = parseText(t);
    expect(p.instructions[1].rest.text).toBe('echo hi');
    expect(p.problems).toEqual([]);
  });

  it('JSON arguments keep spaces inside strings', () => {
    const t = 'FROM alpine\nRUN ["sh", "-c", "echo hi there"]\n';
    const run = parseText(t).instructions[1];
    expect(run.form).toBe('exec');
    expect(run.json!.values).toEqual(['sh', '-c', 'echo hi there']);
    expect(at(t, run.json!.spans[2])).toBe('"echo hi there"');
  });

  it('--from is found among other flags', () => {
    const t = 'FROM alpine AS b\nFROM alpine\nCOPY --chmod=0755 --from=b --link /a /b\n';
    const copy = parseText(t).instructions[2];
    expect(copy.copy!.from!.value).toBe('b');
    expect(copy.flags.map((f) => f.name)).toEqual(['chmod', 'from', 'link']);
    expect(copy.flags[2].value).toBeNull();
    expect(copy.copy!.sources.map((s) => s.value)).toEqual(['/a']);
    expect(copy.copy!.dest!.value).toBe('/b');
  });
});

describe('instructions and flags', () => {
  it('parses RUN --mount options with exact spans', () => {
    const t = 'FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk,sharing=locked --network=none apk add curl\n';
    const run = parseText(t).instructions[1];
    const mount = run.flags[0];
    expect(mount.options.map((o) => `${o.key}=${o.value}`)).toEqual(['type=cache', 'target=/var/cache/apk', 'sharing=locked']);
    expect(at(t, mount.options[1].valueSpan)).toBe('/var/cache/apk');
    expect(run.flags[1]).toMatchObject({ name: 'network', value: 'none' });
    expect(run.rest.text).toBe('apk add curl');
  });

  it('FROM --platform ... AS name', () => {
    const t = 'FROM --platform=$BUILDPLATFORM golang:1.22 AS Build\n';
    const f = parseText(t).instructions[0].from!;
    expect(f.platform!.value).toBe('$BUILDPLATFORM');
    expect(f.image!.value).toBe('golang:1.22');
    expect(f.name!.value).toBe('Build');
    expect(at(t, f.name!.span)).toBe('Build');
  });

  it('ADD flags', () => {
    const t = 'FROM alpine\nADD --checksum=sha256:abc --keep-git-dir=true --exclude=*.md --parents https://x/y.tgz /dst/\n';
    const add = parseText(t).instructions[1];
    expect(add.flags.map((f) => f.name)).toEqual(['checksum', 'keep-git-dir', 'exclude', 'parents']);
    expect(add.copy!.sources[0].value).toBe('https://x/y.tgz');
  });

  it('invalid JSON falls back to shell form, as BuildKit does', () => {
    const ins = parseText("FROM alpine\nCMD ['echo', 'hi']\n").instructions[1];
    expect(ins.form).toBe('shell');
    expect(ins.invalidJson).toBe(true);
  });

  it('reports a JSON array with a non-string element', () => {
    expect(parseText('FROM alpine\nCMD ["a", ["b"]]\n').problems[0].message).toMatch(/only contain strings/);
  });

  it('reports unknown instructions with a suggestion', () => {
    expect(parseText('FROM alpine\nRUNN echo\n').problems[0].message).toBe('unknown instruction: RUNN (did you mean run?)');
  });

  it('ENV pairs and the legacy form', () => {
    const p = parseText('FROM alpine\nENV A=1 B="two words" C=\'x y\'\nENV LEGACY value with spaces\n');
    expect(p.instructions[1].pairs!.map((x) => [x.key, x.value])).toEqual([
      ['A', '1'],
      ['B', 'two words'],
      ['C', 'x y'],
    ]);
    expect(p.instructions[2].pairs![0]).toMatchObject({ key: 'LEGACY', value: 'value with spaces', hasEquals: false });
  });

  it('ONBUILD holds a parsed trigger', () => {
    const p = parseText('FROM alpine\nONBUILD RUN --mount=type=cache,target=/x echo hi\n');
    const t = p.instructions[1].trigger!;
    expect(t.keyword).toBe('RUN');
    expect(t.flags[0].name).toBe('mount');
    expect(t.parent).toBe(p.instructions[1]);
  });
});

describe('heredocs, continuations, directives, line endings', () => {
  it('reads <<-EOF with tabs, quoted delimiters and several heredocs on one line', () => {
    const t = 'FROM alpine\nCOPY <<A <<"B" /dst/\na body\nA\nb $body\nB\nRUN <<-EOT bash\n\techo tabbed\n\tEOT\n';
    const p = parseText(t);
    const copy = p.instructions[1];
    expect(copy.heredocs.map((h) => [h.name, h.quoted, h.body])).toEqual([
      ['A', false, 'a body\n'],
      ['B', true, 'b $body\n'],
    ]);
    const run = p.instructions[2];
    expect(run.heredocs[0]).toMatchObject({ name: 'EOT', chomp: true, body: 'echo tabbed\n' });
    expect(p.instructions.length).toBe(3);
  });

  it('reports an unterminated heredoc', () => {
    expect(parseText('FROM alpine\nRUN <<EOF\necho hi\n').problems[0].message).toBe('unterminated heredoc EOF');
  });

  it('drops comment and blank lines inside continuations and records the blank ones', () => {
    const t = 'FROM alpine\nRUN apk add \\\n    # a comment\n    curl \\\n\n    git\n';
    const p = parseText(t);
    expect(p.instructions[1].rest.text).toBe('apk add     curl     git');
    expect(p.emptyContinuationLines.length).toBe(1);
  });

  it('an escaped escape at the end of a line is not a continuation', () => {
    const p = parseText('FROM alpine\nENV C trailing\\\\\nENV D next\n');
    expect(p.instructions.map((i) => i.pairs?.[0]?.key)).toEqual([undefined, 'C', 'D']);
  });

  it('honours the escape directive (backtick)', () => {
    const t = '# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir `\n    c:\\windows\n';
    const p = parseText(t);
    expect(p.escape).toBe('`');
    expect(p.instructions[1].rest.text).toBe('dir     c:\\windows');
  });

  it('reads syntax and check directives', () => {
    const p = parseText('# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\nFROM alpine\n');
    expect(p.directives.map((d) => [d.name, d.value])).toEqual([
      ['syntax', 'docker/dockerfile:1'],
      ['check', 'skip=JSONArgsRecommended'],
    ]);
  });

  it('keeps offsets exact with CRLF and a BOM', () => {
    const t = '\uFEFFFROM alpine\r\nRUN apk add \\\r\n    curl\r\n';
    const p = parseText(t);
    expect(p.hasBom).toBe(true);
    const run = p.instructions[1];
    expect(run.rest.text).toBe('apk add     curl');
    expect(at(t, run.args[2].span)).toBe('curl');
    expect(p.lines.position(run.args[2].span.start)).toEqual({ line: 3, column: 5 });
    expect(p.lines.position(p.instructions[0].keywordSpan.start)).toEqual({ line: 1, column: 1 });
  });
});

describe('stages and variables', () => {
  const t = [
    'ARG BASE=debian',
    'ARG TAG',
    'FROM ${BASE}:bookworm AS build',
    'ARG TAG=12',
    'ENV GOPATH=/go PATH=/go/bin:$PATH',
    'FROM build AS test',
    'FROM alpine AS unused',
    'FROM scratch',
    'COPY --from=build /x /x',
    '',
  ].join('\n');
  const src = DockerfileSource.parse('Dockerfile', t);

  it('builds the stage graph', () => {
    expect(src.stages.map((s) => [s.name, s.baseStage, s.isFinal, s.reachesFinal])).toEqual([
      ['build', undefined, false, true],
      ['test', 0, false, false],
      ['unused', undefined, false, false],
      [undefined, undefined, true, true],
    ]);
  });

  it('expands FROM with global ARGs and tracks stage scope', () => {
    const from = src.instructions[2];
    expect(src.expand(from, from.from!.image!.raw).value).toBe('debian:bookworm');
    const env = src.instructions[4];
    expect(src.scope(env).get('TAG')?.value).toBe('12');
    const test = src.stages[1].from;
    expect(src.expand(test, '$GOPATH').value).toBe('');
    const later = src.stages[1].instructions[0];
    expect(src.scope(src.stages[3].instructions[1]).has('GOPATH')).toBe(false);
    expect(later).toBe(test);
  });
});

describe('hostile input stays bounded', () => {
  it('reports lines over 64 KiB, as BuildKit refuses them', () => {
    const p = parseText(`FROM alpine\nRUN echo ${'a'.repeat(70_000)}\n`);
    expect(p.problems.map((x) => x.message)).toContain('dockerfile line greater than max allowed size of 65535');
  });

  it('does not follow absurd nesting in RUN', async () => {
    const { DockerfileSource } = await import('../../src/dockerfile/source.js');
    const src = DockerfileSource.parse('Dockerfile', `FROM alpine\nRUN ${'$('.repeat(3000)}ls${')'.repeat(3000)}\n`);
    const run = src.instructions[1];
    expect(() => src.commands(run)).not.toThrow();
    expect(src.shell(run)[0].hasError).toBe(true);
  });

  it('maps a heredoc body of 200,000 characters under a command (no spread of its offsets)', async () => {
    const { DockerfileSource } = await import('../../src/dockerfile/source.js');
    const src = DockerfileSource.parse('Dockerfile', `FROM alpine\nRUN cat <<EOF > /x\n${'echo hi\n'.repeat(25_000)}EOF\n`);
    const run = src.instructions[1];
    expect(() => src.commands(run)).not.toThrow();
    expect(src.commands(run).map((c) => c.program)).toEqual(['cat']);
  });

  it('gives up on a script whose parse costs too much time or memory (or aborts the runtime), and recovers for the next file', async () => {
    const { DockerfileSource } = await import('../../src/dockerfile/source.js');
    // tree-sitter's error recovery is quadratic in time and memory here; with this many pipes its heap
    // reaches the 2 GB limit and the WebAssembly runtime aborts, or the parse is cancelled just before
    const src = DockerfileSource.parse('Dockerfile', `FROM alpine\nRUN x ${'a|'.repeat(20_000)}!\nRUN apt-get install -y curl\n`);
    const [slow] = src.shell(src.instructions[1]);
    expect(['too-costly', 'failed']).toContain(slow.skipped);
    expect(slow.commands).toEqual([]);
    // the runtime was let go (its heap never shrinks): the rest of this file is not parsed...
    expect(src.shell(src.instructions[2])[0].skipped).toBe('failed');
    // ...and the next file gets a fresh one
    await loadShellParser();
    const next = DockerfileSource.parse('Dockerfile', 'FROM alpine\nRUN apt-get install -y curl | tee /log\n');
    expect(next.commands(next.instructions[1]).map((c) => c.program)).toEqual(['apt-get', 'tee']);
  }, 30_000);

  it('does not overflow the stack on deeply nested syntax that is not a subshell or substitution', async () => {
    const { DockerfileSource } = await import('../../src/dockerfile/source.js');
    const { lintSource } = await import('../../src/engine/lint-dockerfile.js');
    const { rules } = await import('../../src/rules/index.js');
    const { DEFAULT_CONFIG } = await import('../../src/engine/config.js');
    // ((((...)))) and ${x:-${x:-...}} nest thousands of levels in tree-sitter's tree
    for (const script of [`${'('.repeat(20_000)}ls${')'.repeat(20_000)}`, `echo ${'${x:-'.repeat(5000)}y${'}'.repeat(5000)}`]) {
      const src = DockerfileSource.parse('Dockerfile', `FROM alpine\nRUN ${script}\n`);
      const run = src.instructions[1];
      expect(() => src.commands(run)).not.toThrow();
      expect(src.shell(run)[0].skipped).toBe('too-deep');
      expect(() => lintSource(src, { rules, config: { ...DEFAULT_CONFIG, preset: 'all', rules: { shellcheck: { severity: 'off' } } } })).not.toThrow();
    }
  });
});
