import { beforeAll, describe, expect, it } from 'vitest';
import { loadShellParser } from '../../src/dockerfile/shell.js';
import { DockerfileSource, type BuildContext } from '../../src/dockerfile/source.js';
import {
  cacheDirs,
  cacheEnvOf,
  detectInvocation,
  detectToolchain,
  isManifestInstall,
  manifestsFor,
  runtimeBaseFor,
  workdirAt,
} from '../../src/dockerfile/optimize-queries.js';

beforeAll(() => loadShellParser());

function lastRun(text: string) {
  const s = DockerfileSource.parse('Dockerfile', text);
  const ins = [...s.instructions].reverse().find((i) => i.keyword === 'RUN')!;
  return { s, ins, cmd: s.commands(ins)[0] };
}

function dirsFor(text: string): string[] {
  const { s, ins, cmd } = lastRun(text);
  const inv = detectInvocation(cmd)!;
  return cacheDirs(inv.manager, cacheEnvOf(s, ins, cmd), inv).map((d) => d.path);
}

describe('detectInvocation', () => {
  it.each([
    ['apt-get -y install curl', 'apt', 'install'],
    ['apt-get update', 'apt', 'update'],
    ['python3 -m pip install -r r.txt', 'pip', 'install'],
    ['pip3.12 install x', 'pip', 'install'],
    ['npm ci', 'npm', 'install'],
    ['npm run build', 'npm', 'build'],
    ['npm cache clean --force', 'npm', 'clean'],
    ['yarn', 'yarn', 'install'],
    ['go mod download', 'go', 'install'],
    ['go build ./...', 'go', 'build'],
    ['./mvnw -B package', 'maven', 'build'],
    ['dnf clean all', 'dnf', 'clean'],
    ['composer install --no-dev', 'composer', 'install'],
  ])('%s', (run, manager, kind) => {
    const i = detectInvocation(lastRun(`FROM a\nRUN ${run}\n`).cmd);
    expect([i?.manager, i?.kind]).toEqual([manager, kind]);
  });
  it('ignores version checks', () => expect(detectInvocation(lastRun('FROM a\nRUN yarn --version\n').cmd)).toBeUndefined());
});

describe('cacheDirs', () => {
  it('root defaults', () => expect(dirsFor('FROM python\nRUN pip install x\n')).toEqual(['/root/.cache/pip']));
  it('PIP_CACHE_DIR', () => expect(dirsFor('FROM python\nENV PIP_CACHE_DIR=/c\nRUN pip install x\n')).toEqual(['/c']));
  it('inline assignment', () => expect(dirsFor('FROM node\nRUN npm_config_cache=/n npm ci\n')).toEqual(['/n']));
  it('XDG_CACHE_HOME', () => expect(dirsFor('FROM python\nENV XDG_CACHE_HOME=/x\nRUN pip install x\n')).toEqual(['/x/pip']));
  it('USER with a home from useradd -d', () => expect(dirsFor('FROM node\nRUN useradd -d /srv/u u\nUSER u\nRUN npm ci\n')).toEqual(['/srv/u/.npm']));
  it('ENV HOME wins', () => expect(dirsFor('FROM node\nUSER 1000\nENV HOME=/h\nRUN npm ci\n')).toEqual(['/h/.npm']));
  it('golang image GOPATH and GOCACHE', () => expect(dirsFor('FROM golang:1.22\nENV GOCACHE=/gc\nRUN go build .\n')).toEqual(['/go/pkg/mod', '/gc']));
  it('go outside the golang image', () => expect(dirsFor('FROM debian\nRUN go mod download\n')).toEqual(['/root/go/pkg/mod']));
  it('CARGO_HOME on rust images, through a parent stage', () => expect(dirsFor('FROM rust:1 AS b\nFROM b\nRUN cargo build\n')).toEqual(['/usr/local/cargo/registry', '/usr/local/cargo/git/db']));
  it('pnpm with PNPM_HOME', () => expect(dirsFor('FROM node\nENV PNPM_HOME=/pnpm\nRUN pnpm install\n')).toEqual(['/pnpm/store']));
  it('apt is locked', () => {
    const { s, ins, cmd } = lastRun('FROM debian\nRUN apt-get install -y x\n');
    expect(cacheDirs('apt', cacheEnvOf(s, ins, cmd))).toEqual([
      { path: '/var/cache/apt', sharing: 'locked' },
      { path: '/var/lib/apt', sharing: 'locked' },
    ]);
  });
});

describe('manifests', () => {
  const ctx = (files: string[]): BuildContext => ({ dir: '/ctx', readFile: () => '', exists: (p) => files.includes(p) });
  it('standard names without a context', () => expect(manifestsFor('npm', undefined)).toEqual(['package.json', 'package-lock.json']));
  it('only existing files with a context', () => expect(manifestsFor('npm', ctx(['package.json', '.npmrc']))).toEqual(['package.json', '.npmrc']));
  it('nothing when the main manifest is missing', () => expect(manifestsFor('go', ctx(['go.sum']))).toEqual([]));
  it('pip install -r is a manifest install, pip install . is not', () => {
    expect(isManifestInstall(detectInvocation(lastRun('FROM a\nRUN pip install --no-cache-dir -r requirements.txt\n').cmd)!)).toBe(true);
    expect(isManifestInstall(detectInvocation(lastRun('FROM a\nRUN pip install -r requirements.txt .\n').cmd)!)).toBe(false);
    expect(isManifestInstall(detectInvocation(lastRun('FROM a\nRUN npm install express\n').cmd)!)).toBe(false);
  });
});

describe('toolchains and runtimes', () => {
  it('detects images, packages and build commands', () => {
    const s = DockerfileSource.parse('Dockerfile', 'FROM golang:1.22\nRUN apt-get install -y gcc libssl-dev\nRUN go build -o /app .\n');
    expect(detectToolchain(s, s.stages[0]).map((e) => `${e.kind}:${e.what}`)).toEqual(['toolchain-image:golang:1.22', 'compiler-package:gcc', 'compiler-package:libssl-dev', 'build-command:go build']);
  });
  it('a JRE image is not a toolchain', () => {
    const s = DockerfileSource.parse('Dockerfile', 'FROM eclipse-temurin:21-jre\nRUN echo\n');
    expect(detectToolchain(s, s.stages[0])).toEqual([]);
  });
  it.each([
    ['golang:1.22', 'go', 'gcr.io/distroless/static-debian12', true],
    ['golang:1.22-alpine', 'go', 'alpine:3', false],
    ['rust:1.79', 'rust', 'gcr.io/distroless/cc-debian12', false],
    ['maven:3.9-eclipse-temurin-17', 'java', 'eclipse-temurin:17-jre', false],
    ['mcr.microsoft.com/dotnet/sdk:8.0', 'dotnet', 'mcr.microsoft.com/dotnet/aspnet:8.0', false],
    ['node:20-bookworm', 'node', 'node:20-bookworm-slim', false],
    ['python:3.12', 'python', 'python:3.12-slim', false],
  ] as const)('runtime for %s', (base, eco, image, staticGo) => expect(runtimeBaseFor(base, eco, { staticGo }).image).toBe(image));
  it('workdirAt follows relative WORKDIRs and variables', () => {
    const s = DockerfileSource.parse('Dockerfile', 'FROM a\nENV D=/srv\nWORKDIR $D\nWORKDIR app\nRUN x\n');
    expect(workdirAt(s, s.instructions[4])).toBe('/srv/app');
  });
});
