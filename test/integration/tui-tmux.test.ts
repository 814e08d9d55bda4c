import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `ballast explore` in a real terminal: tmux (its own server socket, no user config) runs the built CLI on
 * an image built by the real Docker engine, keys are sent with `send-keys`, the screen is read with
 * `capture-pane -p`. Needs: tmux, a Docker engine and ballast-test/busybox (scripts/engine-setup.sh).
 */

const ROOT = join(import.meta.dirname, '..', '..');
const DOCKER = '/usr/bin/docker';
const TAG = 'ballast-test/tui-e2e:1';
const SOCKET = `ballast-tui-${process.pid}`;
const SESSION = 'explore';

const sh = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string =>
  execFileSync(cmd, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
const tmux = (...args: string[]): string => sh('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args]);
const screen = (): string => tmux('capture-pane', '-p', '-t', SESSION);
const keys = (...k: string[]): void => void tmux('send-keys', '-t', SESSION, ...k);

async function waitFor(what: string, test: (s: string) => boolean, ms = 30_000): Promise<string> {
  const until = Date.now() + ms;
  let last = '';
  while (Date.now() < until) {
    last = screen();
    if (test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; the screen was:\n${last}`);
}

function newestMtime(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    const st = statSync(p);
    t = Math.max(t, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }
  return t;
}

let context = '';

beforeAll(() => {
  sh('tmux', ['-V']);
  sh(DOCKER, ['info']);
  // the CLI as shipped: build dist/ when it is missing or older than the sources
  const main = join(ROOT, 'dist', 'cli', 'main.js');
  if (!existsSync(main) || !existsSync(join(ROOT, 'dist', 'tui', 'index.js')) || statSync(main).mtimeMs < newestMtime(join(ROOT, 'src'))) {
    sh('npx', ['tsc', '-p', join(ROOT, 'tsconfig.build.json')]);
  }
  // a small image with waste: a deleted build directory and an apk cache
  context = mkdtempSync(join(tmpdir(), 'ballast-tui-e2e-'));
  writeFileSync(
    join(context, 'Dockerfile'),
    [
      'FROM ballast-test/busybox:latest',
      'RUN mkdir -p /tmp/build /var/cache/apk && head -c 400000 /dev/zero > /tmp/build/junk.o && yes idx | head -c 200000 > /var/cache/apk/APKINDEX.tar.gz',
      'RUN rm -rf /tmp/build',
      'COPY app.sh /app/app.sh',
      'CMD ["/app/app.sh"]',
      '',
    ].join('\n'),
  );
  writeFileSync(join(context, 'app.sh'), '#!/bin/sh\necho hello\n', { mode: 0o755 });
  sh(DOCKER, ['build', '--network', 'host', '-q', '-t', TAG, context], { ...process.env, DOCKER_BUILDKIT: '1' });
  // CI=false: Ink draws nothing but the last frame when it believes it runs in CI
  tmux('new-session', '-d', '-s', SESSION, '-x', '80', '-y', '24', `cd ${ROOT} && CI=false TERM=xterm-256color node dist/cli/main.js explore docker:${TAG}; echo "[exit $?]"; sleep 600`);
});

afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    /* already gone */
  }
  if (context) rmSync(context, { recursive: true, force: true });
});

describe('ballast explore in tmux (80x24)', () => {
  it('opens on the layers of the image with the header numbers', async () => {
    const s = await waitFor('the explorer', (x) => x.includes('[Files]'), 90_000);
    expect(s).toContain(`ballast explore docker:${TAG}`);
    expect(s).toMatch(/total .* final .* wasted .* efficiency/);
    expect(s).toContain('RUN rm -rf /tmp/build');
    expect(s).toContain('COPY app.sh /app/app.sh');
    const lines = s.replace(/\n+$/, '').split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
  });

  it('navigates layers: the layer that deleted /tmp/build shows it removed', async () => {
    keys('Down', 'Down');
    const s = await waitFor('layer 2 selected', (x) => /▶ +2 /.test(x));
    expect(s).toMatch(/- +400 kB +junk\.o/);
    expect(s).toContain('layer 2 · changes');
  });

  it('moves to the file tree with Tab and collapses a directory with Space', async () => {
    keys('Tab');
    await waitFor('the file tree focused', (x) => /▶[+~ -] /.test(x));
    keys('g', 'j');
    const before = await waitFor('tmp/ selected', (x) => /▶[ ~+-] +\S+ k?B +▾ tmp\//.test(x));
    expect(before).toContain('junk.o');
    keys('Space');
    const after = await waitFor('tmp collapsed', (x) => x.includes('▸ tmp/'));
    expect(after).not.toContain('junk.o');
    keys('Space');
    await waitFor('tmp expanded', (x) => x.includes('junk.o'));
  });

  it('filters by path with / and Enter', async () => {
    keys('c'); // the whole filesystem up to this layer
    await waitFor('cumulative view', (x) => x.includes('layer 2 · filesystem'));
    keys('/', 'a', 'p', 'k');
    await waitFor('the filter prompt', (x) => x.includes('/ apk█'));
    keys('Enter');
    const s = await waitFor('the filter applied', (x) => x.includes('filesystem · /apk'));
    expect(s).toContain('APKINDEX.tar.gz');
    expect(s).not.toContain('busybox');
  });

  it('hides a change kind with its number key', async () => {
    keys('Escape'); // clear the filter
    await waitFor('the filter cleared', (x) => !x.includes('filesystem · /apk') && x.includes('passwd'));
    keys('4');
    const s = await waitFor('unmodified hidden', (x) => x.includes('hiding unmod'));
    expect(s).not.toContain('passwd');
    expect(s).not.toContain('APKINDEX');
    expect(s).toMatch(/- +400 kB +junk\.o/);
    keys('4');
    await waitFor('unmodified shown', (x) => x.includes('passwd'));
  });

  it('shows the waste pane with where each copy was written and deleted', async () => {
    keys('Tab');
    const s = await waitFor('the waste pane', (x) => x.includes('[Waste'));
    expect(s).toMatch(/400 kB +L1 → deleted in L2 +\/tmp\/build\/junk\.o/);
  });

  it('opens and closes the help overlay', async () => {
    keys('?');
    const s = await waitFor('help', (x) => x.includes('┌ Keys'));
    expect(s).toContain('move up');
    keys('Escape');
    await waitFor('help closed', (x) => !x.includes('┌ Keys') && x.includes('[Waste'));
  });

  it('quits with q and leaves the terminal as it was', async () => {
    keys('q');
    const s = await waitFor('exit', (x) => x.includes('[exit 0]'));
    expect(s).not.toContain('ballast explore');
    expect(s.trim()).toBe('[exit 0]');
  });
});
