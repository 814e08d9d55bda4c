import { beforeAll, describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/core/fixer.js';
import { addRunFlags, appendCommand, moveAfter, moveBefore, removeCommand, removeWord } from '../../src/dockerfile/edits.js';
import { loadShellParser } from '../../src/dockerfile/shell.js';
import { DockerfileSource } from '../../src/dockerfile/source.js';

beforeAll(() => loadShellParser());

const parse = (t: string) => DockerfileSource.parse('Dockerfile', t);

function append(text: string, cmd = 'x --clean', k = 1): string | null {
  const s = parse(text);
  const e = appendCommand(s, s.instructions[k], cmd);
  return e ? applyEdits(text, [e]) : null;
}

describe('appendCommand', () => {
  it('one line', () => expect(append('FROM a\nRUN b c\n')).toBe('FROM a\nRUN b c && x --clean\n'));
  it('after a trailing semicolon', () => expect(append('FROM a\nRUN b;\n')).toBe('FROM a\nRUN b; x --clean\n'));
  it('leading && style with CRLF', () => expect(append('FROM a\r\nRUN b \\\r\n    && c\r\n')).toBe('FROM a\r\nRUN b \\\r\n    && c \\\r\n    && x --clean\r\n'));
  it('trailing && style', () => expect(append('FROM a\nRUN b && \\\n  c\n')).toBe('FROM a\nRUN b && \\\n  c && \\\n  x --clean\n'));
  it('backtick escape', () => expect(append('# escape=`\nFROM a\nRUN b `\n && c\n')).toBe('# escape=`\nFROM a\nRUN b `\n && c `\n && x --clean\n'));
  it('heredoc script', () => expect(append('FROM a\nRUN <<EOF\nb\nEOF\n')).toBe('FROM a\nRUN <<EOF\nb\nx --clean\nEOF\n'));
  it('<<- heredoc keeps the tab indentation', () => expect(append('FROM a\nRUN <<-EOF\n\tb\n\tEOF\n')).toBe('FROM a\nRUN <<-EOF\n\tb\n\tx --clean\n\tEOF\n'));
  it('exec form with sh -c', () => expect(append('FROM a\nRUN ["sh", "-c", "b"]\n', 'x "q"')).toBe('FROM a\nRUN ["sh", "-c", "b && x \\"q\\""]\n'));
  it('ONBUILD RUN', () => expect(append('FROM a\nONBUILD RUN b\n')).toBe('FROM a\nONBUILD RUN b && x --clean\n'));
  it('refuses exec form without a shell', () => expect(append('FROM a\nRUN ["b", "c"]\n')).toBeNull());
  it('refuses a trailing comment', () => expect(append('FROM a\nRUN b # note\n')).toBeNull());
  it('refuses a background job', () => expect(append('FROM a\nRUN b &\n')).toBeNull());
  it('refuses a heredoc fed to another program', () => expect(append('FROM a\nRUN python3 <<EOF\nprint(1)\nEOF\n')).toBeNull());
});

describe('removeCommand / removeWord / addRunFlags', () => {
  const edit = (text: string, pick: (s: DockerfileSource) => ReturnType<typeof removeCommand>) => {
    const s = parse(text);
    const e = pick(s);
    return e ? applyEdits(text, [e]) : null;
  };
  it('removes a middle command with its operator', () =>
    expect(edit('FROM a\nRUN b && rm -rf x && c\n', (s) => removeCommand(s, s.instructions[1], s.commands(s.instructions[1])[1]))).toBe('FROM a\nRUN b && c\n'));
  it('removes the last command across a continuation', () =>
    expect(edit('FROM a\nRUN b \\\n && rm -rf x\n', (s) => removeCommand(s, s.instructions[1], s.commands(s.instructions[1])[1]))).toBe('FROM a\nRUN b\n'));
  it('removes the first command', () =>
    expect(edit('FROM a\nRUN rm -rf x; b\n', (s) => removeCommand(s, s.instructions[1], s.commands(s.instructions[1])[0]))).toBe('FROM a\nRUN b\n'));
  it('refuses a command followed by ||', () =>
    expect(edit('FROM a\nRUN b && rm x || true\n', (s) => removeCommand(s, s.instructions[1], s.commands(s.instructions[1])[1]))).toBeNull());
  it('refuses a piped command', () =>
    expect(edit('FROM a\nRUN b | c\n', (s) => removeCommand(s, s.instructions[1], s.commands(s.instructions[1])[1]))).toBeNull());
  it('removes a word and the blank before it', () =>
    expect(edit('FROM a\nRUN pip install --no-cache-dir x\n', (s) => removeWord(s, s.commands(s.instructions[1])[0].args[1]))).toBe('FROM a\nRUN pip install x\n'));
  it('adds flags after existing ones', () =>
    expect(edit('FROM a\nRUN --network=none b\n', (s) => addRunFlags(s.instructions[1], ['--mount=type=cache,target=/c']))).toBe('FROM a\nRUN --network=none --mount=type=cache,target=/c b\n'));
});

describe('moveBefore / moveAfter', () => {
  it('moves an instruction with its comment', () => {
    const t = 'FROM a\nCOPY . .\n# deps\nRUN npm ci\n';
    const s = parse(t);
    expect(applyEdits(t, moveBefore(s, s.instructions[2], s.instructions[1]))).toBe('FROM a\n# deps\nRUN npm ci\nCOPY . .\n');
  });
  it('moves after the last instruction of a file without a final newline (and keeps it without one)', () => {
    const t = 'FROM a\nCOPY . .\nRUN npm ci';
    const s = parse(t);
    expect(applyEdits(t, moveAfter(s, s.instructions[1], s.instructions[2]))).toBe('FROM a\nRUN npm ci\nCOPY . .');
  });
});
