import { beforeAll, describe, expect, it } from 'vitest';
import type { ExplorerModel } from '../../src/tui/model.js';
import { shortCommand } from '../../src/tui/model.js';
import { treeRows, wasteRows } from '../../src/tui/selectors.js';
import { initialState, reduce, type Action, type ExplorerState } from '../../src/tui/state.js';
import { idOf, modelOf } from './fixture.js';

let m: ExplorerModel;
beforeAll(async () => {
  m = await modelOf();
});

const run = (s: ExplorerState, ...actions: Array<Action | Action['type']>): ExplorerState =>
  actions.reduce((st, a) => reduce(m, st, typeof a === 'string' ? ({ type: a } as Action) : a), s);
const keys = (s: ExplorerState, input: string, key = {}): ExplorerState => reduce(m, s, { type: 'key', input, key });
const start = (): ExplorerState => initialState(m, { columns: 80, rows: 24 });
const paths = (s: ExplorerState): string[] => {
  const { rows } = treeRows(m, s);
  return Array.from(rows.ids.subarray(0, rows.length), (id) => `/${m.files.paths.names[id]}`);
};
const selected = (s: ExplorerState): string => paths(s)[s.tree.cursor];

describe('reduce: panes and layers', () => {
  it('starts on the layers pane, layer 0, its changes by name', () => {
    const s = start();
    expect(s).toMatchObject({ pane: 'layers', tab: 'files', layer: 0, compare: 'layer', sort: 'name', overlay: null, quit: false });
  });

  it('moves between layers with the arrows in the layers pane and stops at the ends', () => {
    let s = run(start(), 'cursor.down', 'cursor.down');
    expect(s.layer).toBe(2);
    s = run(s, 'cursor.down');
    expect(s.layer).toBe(2);
    s = run(s, 'cursor.home');
    expect(s.layer).toBe(0);
    s = run(s, 'layer.next');
    expect(s.layer).toBe(1);
  });

  it('cycles the panes with Tab and Shift-Tab; the right-hand tab follows the focus', () => {
    let s = run(start(), 'pane.next');
    expect([s.pane, s.tab]).toEqual(['files', 'files']);
    s = run(s, 'pane.next', 'pane.next');
    expect([s.pane, s.tab]).toEqual(['leftovers', 'leftovers']);
    s = run(s, 'pane.next', 'pane.next');
    expect([s.pane, s.tab]).toEqual(['layers', 'details']);
    s = run(s, 'pane.prev');
    expect(s.pane).toBe('details');
  });

  it('quits on q and Ctrl-C', () => {
    expect(keys(start(), 'q').quit).toBe(true);
    expect(keys(start(), 'c', { ctrl: true }).quit).toBe(true);
  });
});

describe('reduce: the file tree', () => {
  it('collapses and expands one directory, and all of them', () => {
    let s = run(start(), 'pane.next');
    expect(paths(s)).toEqual(['/bin', '/bin/ash', '/bin/sh', '/etc', '/etc/passwd', '/usr', '/usr/lib', '/usr/lib/a.so', '/usr/lib/b.so']);
    s = run(s, 'tree.toggle');
    expect(paths(s)).toEqual(['/bin', '/etc', '/etc/passwd', '/usr', '/usr/lib', '/usr/lib/a.so', '/usr/lib/b.so']);
    s = run(s, 'tree.toggle');
    expect(paths(s)).toHaveLength(9);
    s = run(s, 'tree.toggleAll');
    expect(paths(s)).toEqual(['/bin', '/etc', '/usr']);
    s = run(s, 'cursor.end', 'tree.expand');
    expect(paths(s)).toEqual(['/bin', '/etc', '/usr', '/usr/lib']);
    s = run(s, 'tree.toggleAll');
    expect(paths(s)).toHaveLength(9);
  });

  it('left goes to the parent of a file, right goes into an open directory', () => {
    let s = run(start(), 'pane.next', 'cursor.down', 'cursor.down');
    expect(selected(s)).toBe('/bin/sh');
    s = run(s, 'tree.collapse');
    expect(selected(s)).toBe('/bin');
    s = run(s, 'tree.expand');
    expect(selected(s)).toBe('/bin/ash');
  });

  it('hides change kinds; directories with shown changes stay', () => {
    let s = run(start(), 'layer.next', 'compare.toggle', 'pane.next');
    expect(paths(s)).toContain('/bin/sh');
    s = run(s, 'hide.unmodified');
    expect(paths(s)).not.toContain('/bin/sh');
    expect(paths(s)).toContain('/etc');
    expect(paths(s)).toContain('/etc/passwd');
    s = run(s, 'hide.modified', 'hide.added');
    expect(paths(s)).toEqual([]);
    s = run(s, 'hide.added', 'hide.modified', 'hide.unmodified');
    expect(paths(s)).toContain('/bin/sh');
  });

  it('filters by path: type, Enter applies, Esc cancels, Esc clears', () => {
    let s = run(start(), 'pane.next', 'filter.edit');
    s = [...'A.S'].reduce((st, ch) => keys(st, ch), s);
    expect(s.draft).toBe('A.S');
    s = run(s, 'filter.backspace', { type: 'filter.input', text: 'so' });
    s = run(s, 'filter.apply');
    expect(s.filter).toBe('A.so');
    expect(paths(s)).toEqual(['/usr', '/usr/lib', '/usr/lib/a.so']);
    s = run(s, 'filter.edit', { type: 'filter.input', text: 'zzz' }, 'filter.cancel');
    expect(s.filter).toBe('A.so');
    s = run(s, 'escape');
    expect(s.filter).toBe('');
    expect(paths(s)).toHaveLength(9);
  });

  it('handles several keys arriving in one read', () => {
    const s = keys(run(start(), 'pane.next'), '/sh\r');
    expect(s.filter).toBe('sh');
    expect(paths(s)).toEqual(['/bin', '/bin/ash', '/bin/sh']);
  });

  it('sorts by size, largest first, and keeps the selection', () => {
    let s = run(start(), 'pane.next', 'cursor.end');
    expect(selected(s)).toBe('/usr/lib/b.so');
    s = run(s, 'sort.toggle');
    expect(paths(s)[0]).toBe('/usr');
    expect(paths(s).slice(0, 4)).toEqual(['/usr', '/usr/lib', '/usr/lib/a.so', '/usr/lib/b.so']);
    expect(selected(s)).toBe('/usr/lib/b.so');
  });

  it('switching layers keeps the selected path, or its closest shown parent', () => {
    let s = run(start(), 'pane.next', 'cursor.down', 'cursor.down', 'cursor.down', 'cursor.down');
    expect(selected(s)).toBe('/etc/passwd');
    s = run(s, 'layer.next');
    expect(s.layer).toBe(1);
    expect(selected(s)).toBe('/etc/passwd');
    s = run(s, 'layer.next');
    expect(paths(s)).not.toContain('/etc/passwd');
  });

  it('pages and keeps the cursor inside the window', () => {
    let s = initialState(m, { columns: 80, rows: 14 });
    s = run(s, 'layer.next', 'compare.toggle', 'pane.next', 'cursor.pageDown');
    expect(s.tree.cursor).toBeGreaterThan(1);
    s = run(s, 'cursor.end');
    const n = treeRows(m, s).rows.length;
    expect(s.tree.cursor).toBe(n - 1);
    expect(s.tree.scroll).toBeGreaterThan(0);
    s = reduce(m, s, { type: 'resize', columns: 80, rows: 60 });
    expect(s.tree.scroll).toBe(0);
  });
});

describe('reduce: overlays and waste', () => {
  it('opens help with ? and closes it with Esc; opens the full command with Enter', () => {
    let s = keys(start(), '?');
    expect(s.overlay).toBe('help');
    s = keys(s, '', { escape: true });
    expect(s.overlay).toBe(null);
    s = keys(s, '', { return: true });
    expect(s.overlay).toBe('info');
    s = keys(s, 'q');
    expect(s.overlay).toBe(null);
    expect(s.quit).toBe(false);
  });

  it('Enter on a hidden copy shows it in the layer that wrote it', () => {
    let s = run(start(), 'pane.next', 'pane.next');
    expect(s.pane).toBe('waste');
    const rows = wasteRows(m);
    const i = rows.findIndex((r) => r.kind === 'hidden' && r.text === '/tmp/big');
    for (let k = 0; k < i; k++) s = run(s, 'cursor.down');
    s = run(s, 'item.open');
    expect(s).toMatchObject({ pane: 'files', layer: 1, compare: 'layer' });
    expect(selected(s)).toBe('/tmp/big');
  });

  it('a jump opens collapsed directories and clears filters that hide the file', () => {
    let s = run(start(), 'tree.toggleAll', 'filter.edit', { type: 'filter.input', text: 'nothing' }, 'filter.apply');
    s = reduce(m, s, { type: 'jump', layer: 1, pathId: idOf(m, '/var/cache/apt/archives/x.deb') });
    expect(s.filter).toBe('');
    expect(selected(s)).toBe('/var/cache/apt/archives/x.deb');
  });
});

describe('shortCommand', () => {
  it('strips the shell wrapper and the nop marker', () => {
    expect(shortCommand('/bin/sh -c #(nop)  CMD ["sh"]')).toBe('CMD ["sh"]');
    expect(shortCommand('/bin/sh -c apt-get update')).toBe('RUN apt-get update');
    expect(shortCommand('RUN /bin/sh -c rm -rf /x # buildkit')).toBe('RUN rm -rf /x');
    expect(shortCommand('RUN |1 VERSION=1 /bin/sh -c make')).toBe('RUN make');
    expect(shortCommand('COPY app.sh /app/app.sh # buildkit')).toBe('COPY app.sh /app/app.sh');
  });
});
