import { render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/components/App.js';
import type { ExplorerModel } from '../../src/tui/model.js';
import type { ProgressEvent } from '../../src/layers/model.js';
import { modelOf } from './fixture.js';

let m: ExplorerModel;
beforeAll(async () => {
  m = await modelOf();
});

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
const KEY = { down: '\x1b[B', up: '\x1b[A', tab: '\t', shiftTab: '\x1b[Z', enter: '\r', esc: '\x1b' };

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

async function open(columns = 100, rows = 30) {
  const r = render(<App model={m} title="fixture:latest" color={false} columns={columns} rows={rows} />);
  cleanup.push(r.unmount);
  await tick();
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      await tick();
    }
    return r.lastFrame() ?? '';
  };
  return { ...r, press, frame: () => r.lastFrame() ?? '' };
}

describe('App frames (ink-testing-library)', () => {
  it('draws the main view: header, layers, the file tree of layer 0, key hints', async () => {
    const { frame } = await open();
    const f = frame();
    expect(f.split('\n')).toHaveLength(29);
    expect(f).toContain('ballast explore fixture:latest');
    expect(f).toMatch(/▶ +0 +[\d.]+ k?B/);
    expect(f).toContain('[Files]');
    expect(f).toMatch(/\+ +100 B +sh/);
    expect(f).toContain('? help');
    expect(f).toMatchSnapshot();
  });

  it('arrow keys choose the layer; Tab moves to the file tree', async () => {
    const { press } = await open();
    let f = await press(KEY.down);
    expect(f).toMatch(/▶ +1 /);
    expect(f).toMatch(/~ +27 B +passwd/);
    f = await press(KEY.tab);
    expect(f).toMatch(/▶ *\s+\S+ B +▾ etc\//);
    f = await press(' ');
    expect(f).toMatch(/▸ etc\//);
    expect(f).not.toContain('passwd');
  });

  it('filters, hides kinds, shows help, and Shift-Tab goes back', async () => {
    const { press } = await open();
    let f = await press(KEY.tab, '/', 'a', '.', 's', 'o');
    expect(f).toContain('/ a.so█');
    f = await press(KEY.enter);
    expect(f).toContain('changes · /a.so');
    expect(f).toContain('a.so');
    expect(f).not.toContain('b.so');
    f = await press(KEY.esc, 'c', KEY.down, '4');
    expect(f).toContain('hiding unmod');
    f = await press('?');
    expect(f).toContain('┌ Keys');
    f = await press(KEY.esc, KEY.shiftTab);
    expect(f).toMatch(/▶ +0 /);
  });

  it('Enter on a layer shows its full command', async () => {
    const { press } = await open();
    const f = await press(KEY.down, KEY.enter);
    expect(f).toContain('┌ Layer');
    expect(f).toContain('RUN /bin/sh -c apt-get update && apt-get install -y x');
    expect(f).toMatch(/#\s+│\n\s+│ buildkit|# buildkit/);
  });

  it('fits 80x24', async () => {
    const r = await open(80, 24);
    expect(r.frame().split('\n')).toHaveLength(23);
    for (const l of r.frame().split('\n')) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('quits on q', async () => {
    const r = await open();
    const exited = r.press('q');
    await exited;
    // after exit, input no longer changes the frame
    const before = r.frame();
    await r.press(KEY.down);
    expect(r.frame()).toBe(before);
  });

  it('shows progress while the image is read, then the explorer', async () => {
    let finish: (m: ExplorerModel) => void = () => {};
    let report: (e: ProgressEvent) => void = () => {};
    const r = render(
      <App
        load={(onProgress) => {
          report = onProgress;
          return new Promise((res) => (finish = res));
        }}
        title="big:image"
        color={false}
        columns={100}
        rows={30}
      />,
    );
    cleanup.push(r.unmount);
    await tick();
    report({ kind: 'start', ref: 'big:image', source: 'docker-archive', bytesTotal: 4_000_000, layersTotal: 3 });
    report({ kind: 'layer', layersDone: 1, layersTotal: 3, digest: 'sha256:x', bytesRead: 2_000_000, bytesTotal: 4_000_000 });
    await tick();
    expect(r.lastFrame()).toContain('reading (docker-archive) layer 2 of 3, 2 MB of 4 MB');
    expect(r.lastFrame()).toContain('50%');
    finish(m);
    await tick();
    expect(r.lastFrame()).toContain('[Files]');
  });
});
