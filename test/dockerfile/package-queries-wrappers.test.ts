import { beforeAll, describe, expect, it } from 'vitest';
import { effectiveCommand, gemInstall, goModuleCommand, packageSpecs, rpmAssumesYes, rpmCommand, rpmSpecPinned, zypperCommand } from '../../src/dockerfile/package-queries.js';
import { loadShellParser } from '../../src/dockerfile/shell.js';
import { DockerfileSource } from '../../src/dockerfile/source.js';

beforeAll(() => loadShellParser());

function cmds(run: string, before = '') {
  const s = DockerfileSource.parse('Dockerfile', `FROM debian\n${before}RUN ${run}\n`);
  const ins = s.instructions[s.instructions.length - 1];
  return { s, ins, cmds: s.commands(ins) };
}

function unwrap(run: string): string {
  const c = effectiveCommand(cmds(run).cmds[0]);
  return [c.program, ...c.args.map((a) => a.value)].join(' ');
}

describe('effectiveCommand', () => {
  it('skips sudo and its options', () => {
    expect(unwrap('sudo apt-get install -y x')).toBe('apt-get install -y x');
    expect(unwrap('sudo -u app -E pip install x')).toBe('pip install x');
    expect(unwrap('sudo --user=app -H pip install x')).toBe('pip install x');
    expect(unwrap('sudo -uapp pip install x')).toBe('pip install x');
  });
  it('skips env with its options and keeps the assignments', () => {
    const c = effectiveCommand(cmds('env -u X -i PIP_NO_CACHE_DIR=1 A=b pip install y').cmds[0]);
    expect(c.program).toBe('pip');
    expect(c.assignments.map((a) => `${a.name}=${a.value}`)).toEqual(['PIP_NO_CACHE_DIR=1', 'A=b']);
    expect(unwrap('env - pip install y')).toBe('pip install y');
  });
  it('skips nice, nohup, time, command, exec, doas, nested', () => {
    expect(unwrap('nice -n 10 make')).toBe('make');
    expect(unwrap('nice -5 make')).toBe('make');
    expect(unwrap('time -p make all')).toBe('make all');
    expect(unwrap('exec nohup /usr/bin/yum install -y x')).toBe('yum install -y x');
    expect(unwrap('command -p apt-get update')).toBe('apt-get update');
    expect(unwrap('sudo env X=1 nice -n 5 apt-get update')).toBe('apt-get update');
    expect(unwrap('doas -u root apk add x')).toBe('apk add x');
  });
  it('leaves commands that run nothing, and plain commands, alone', () => {
    expect(unwrap('command -v curl')).toBe('command -v curl');
    expect(unwrap('sudo -l')).toBe('sudo -l');
    expect(unwrap('env')).toBe('env');
    expect(unwrap('env -S "a b"')).toBe('env -S a b');
    expect(unwrap('apt-get update')).toBe('apt-get update');
  });
  it('keeps the span of the whole command', () => {
    const { s, cmds: cs } = cmds('sudo yum install x');
    const c = effectiveCommand(cs[0]);
    expect(s.text.slice(c.span.start, c.span.end)).toBe('sudo yum install x');
    expect(s.text.slice(c.nameWord!.span.start, c.nameWord!.span.end)).toBe('yum');
  });
});

describe('rpm, zypper, gem and go parsing', () => {
  it('finds the action past global options', () => {
    const r = rpmCommand(cmds('dnf --setopt install_weak_deps=False -c /etc/x.conf -y module install nodejs:20').cmds[0])!;
    expect(r.action).toBe('module install');
    expect(r.operands.map((o) => o.value)).toEqual(['nodejs:20']);
    expect(rpmCommand(cmds('yum groupinstall -y "Dev Tools"').cmds[0])!.action).toBe('group install');
  });
  it('reads -y in combined flags but not in option values', () => {
    expect(rpmAssumesYes(cmds('yum -qy install x').cmds[0])).toBe(true);
    expect(rpmAssumesYes(cmds('yum -x yelp install x').cmds[0])).toBe(false);
  });
  it('pins rpm specs', () => {
    expect(rpmSpecPinned('java-17-openjdk', false)).toBe(false);
    expect(rpmSpecPinned('java-17-openjdk-17.0.9', false)).toBe(true);
    expect(rpmSpecPinned('openssl-1:1.1.1k', false)).toBe(true);
    expect(rpmSpecPinned('nodejs', true)).toBe(false);
  });
  it('splits zypper global and command options', () => {
    const z = zypperCommand(cmds('zypper --root /mnt -n in -r repo vim').cmds[0])!;
    expect(z.action).toBe('install');
    expect(z.operands.map((o) => o.value)).toEqual(['vim']);
  });
  it('reads gem and go arguments', () => {
    expect(gemInstall(cmds('gem install -N --source https://x rake -- --with-x')!.cmds[0])!.packages.map((p) => p.value)).toEqual(['rake']);
    expect(goModuleCommand(cmds('go run -tags x example.com/a@v1 b c').cmds[0])!.packages.map((p) => p.value)).toEqual(['example.com/a@v1']);
  });
  it('expands package words with the ARG/ENV in scope', () => {
    const { s, ins, cmds: cs } = cmds('yum install -y "a-$V" $LIST $UNSET b-$UNSET c-$OTHER', 'ARG V=1.0\nARG LIST="c-1 d"\n');
    const words = rpmCommand(cs[0])!.operands;
    expect(words.map((w) => packageSpecs(s, ins, w))).toEqual([['a-1.0'], ['c-1', 'd'], undefined, undefined, undefined]);
  });
  it('takes a variable declared only in another stage as empty', () => {
    const s = DockerfileSource.parse('Dockerfile', 'FROM a AS one\nENV V=1.0\nFROM b\nRUN yum install -y x-$V\n');
    const ins = s.instructions[3];
    expect(packageSpecs(s, ins, rpmCommand(s.commands(ins)[0])!.operands[0])).toEqual(['x-']);
  });
});
