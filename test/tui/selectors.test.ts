import { beforeAll, describe, expect, it } from 'vitest';
import type { ExplorerModel } from '../../src/tui/model.js';
import { bar, layout, screen, screenText, treeLines, treeRows } from '../../src/tui/selectors.js';
import { initialState, reduce, type Action, type ExplorerState } from '../../src/tui/state.js';
import { fit, lineText, truncate, truncateLeft, width, wrap } from '../../src/tui/text.js';
import { modelOf } from './fixture.js';

let m: ExplorerModel;
beforeAll(async () => {
  m = await modelOf();
});

const run = (s: ExplorerState, ...actions: Array<Action['type']>): ExplorerState => actions.reduce((st, a) => reduce(m, st, { type: a } as Action), s);

describe('screen', () => {
  it('fits 80x24: 23 lines (Ink must never fill the terminal), none wider than 80 columns', () => {
    const s = initialState(m, { columns: 80, rows: 24 });
    for (const st of [s, run(s, 'pane.next'), run(s, 'pane.next', 'pane.next'), run(s, 'pane.prev'), run(s, 'help.toggle')]) {
      const lines = screenText(m, st).split('\n');
      expect(lines).toHaveLength(23);
      for (const l of lines) expect(width(l)).toBeLessThanOrEqual(80);
    }
  });

  it('every line of the structured screen is exactly the terminal width', () => {
    const sc = screen(m, initialState(m, { columns: 100, rows: 30 }));
    for (const l of [...sc.header, sc.layersHeading, ...sc.layers, sc.layerInfo, sc.tabs, ...sc.content, sc.footer]) expect(width(lineText(l))).toBe(100);
  });

  it('shows the header numbers and one row per layer with its command', () => {
    const t = screenText(m, initialState(m, { columns: 100, rows: 30 }));
    expect(t).toContain('ballast explore fixture:latest');
    expect(t).toMatch(/total .* final .* wasted .* efficiency \d+\.\d%/);
    expect(t).toContain('ADD file:abc in /');
    expect(t).toContain('RUN apt-get update && apt-get install -y x');
    expect(t).toContain('RUN rm /tmp/big');
  });

  it('marks changes without colour: + added, ~ modified, - removed, blank unmodified', () => {
    const s = run(initialState(m, { columns: 100, rows: 40 }), 'layer.next', 'layer.next', 'compare.toggle');
    const t = screenText(m, s);
    expect(t).toMatch(/^ ?- +5 kB +big$/m);
    expect(t).toMatch(/^ ?\+ +200 B +main\.js$/m);
    expect(t).toMatch(/^ {2} +100 B +sh$/m);
    const s1 = run(initialState(m, { columns: 100, rows: 40 }), 'layer.next');
    expect(screenText(m, s1)).toMatch(/^ ?~ +27 B +passwd$/m);
  });

  it('renders only the rows that fit (virtualised)', () => {
    const s = initialState(m, { columns: 80, rows: 12 });
    const lay = layout(m, s);
    const lines = treeLines(m, run(s, 'layer.next', 'compare.toggle'), 80, lay.treeHeight);
    expect(lines).toHaveLength(lay.treeHeight + 1);
    expect(treeRows(m, run(s, 'layer.next', 'compare.toggle')).rows.length).toBeGreaterThan(lay.treeHeight);
  });

  it('shows the waste pane: where each copy was written and hidden, and duplicate sets', () => {
    const t = screenText(m, run(initialState(m, { columns: 100, rows: 30 }), 'pane.next', 'pane.next'));
    expect(t).toMatch(/5 kB +L1 → deleted in L2 +\/tmp\/big/);
    expect(t).toMatch(/11 B +L0 → overwritten in L1 +\/etc\/passwd/);
    expect(t).toContain('2 copies of 1 kB');
    expect(t).toMatch(/L1 +\/opt\/copy\.so/);
  });

  it('shows leftovers with their layer and command', () => {
    const t = screenText(m, run(initialState(m, { columns: 120, rows: 30 }), 'pane.next', 'pane.next', 'pane.next'));
    expect(t).toMatch(/3 kB +apt-archives +\/var\/cache\/apt +1 files +L1 RUN apt-get/);
  });

  it('shows the runtime config and the selected file in details', () => {
    let s = run(initialState(m, { columns: 100, rows: 60 }), 'pane.next', 'cursor.down', 'cursor.down', 'pane.next', 'pane.next', 'pane.next');
    const t = screenText(m, s);
    expect(t).toContain('Runtime config');
    expect(t).toMatch(/path +\/bin\/sh/);
    expect(t).toMatch(/mode +-rwxr-xr-x \(0755\)/);
    expect(t).toMatch(/owner +0:0/);
    expect(t).toMatch(/digest +sha256:[0-9a-f]{64}/);
    s = run(s, 'pane.prev', 'pane.prev', 'pane.prev', 'cursor.up');
    expect(screenText(m, { ...s, tab: 'details' })).toMatch(/link to +sh/);
  });

  it('the help overlay lists the keys', () => {
    const t = screenText(m, run(initialState(m, { columns: 100, rows: 60 }), 'help.toggle'));
    for (const k of ['Tab', 'Shift-Tab', 'Space', '/', '1', '4', 's', 'c', '?', 'q Ctrl-C', '↑ k', '← h']) expect(t).toContain(`  ${k}`);
  });

  it('says when the terminal is too small', () => {
    expect(screenText(m, initialState(m, { columns: 30, rows: 8 }))).toContain('terminal too small');
  });
});

describe('text helpers', () => {
  it('measures and cuts by columns', () => {
    expect(width('日本')).toBe(4);
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncateLeft('/a/b/c/d', 5)).toBe('…/c/d');
    expect(fit('ab', 4)).toBe('ab  ');
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(bar(0.5, 4)).toBe('██  ');
    expect(bar(0.5, 1)).toBe('▌');
  });
});
