import type { ViewChangeName, ViewMode } from '../layers/analysis/views.js';
import { resolveKey, type ActionName, type InputMode, type KeyLike } from './keymap.js';
import type { ExplorerModel } from './model.js';
import { detailLines, infoLines, layout, treeRows, wasteRows } from './selectors.js';
import { hasChildren, rowIndexOf } from './tree.js';
import type { SortOrder } from './tree.js';

export type Pane = 'layers' | 'files' | 'waste' | 'leftovers' | 'details';
export type Tab = Exclude<Pane, 'layers'>;
export const PANES: readonly Pane[] = ['layers', 'files', 'waste', 'leftovers', 'details'];
export type ChangeKind = ViewChangeName;

export interface ListPos {
  cursor: number;
  scroll: number;
}

export interface ExplorerState {
  /** The pane that owns the keys. */
  pane: Pane;
  /** What the right-hand area shows (the last focused pane other than layers). */
  tab: Tab;
  layer: number;
  layersScroll: number;
  compare: ViewMode;
  tree: ListPos;
  waste: ListPos;
  leftovers: ListPos;
  details: ListPos;
  /** Directories toggled away from the default (collapsed when collapseAll is false, expanded when true). */
  collapsed: ReadonlySet<number>;
  collapseAll: boolean;
  filter: string;
  /** The filter being typed, or null. */
  draft: string | null;
  hide: ReadonlySet<ChangeKind>;
  sort: SortOrder;
  showAttributes: boolean;
  overlay: null | 'help' | 'info';
  overlayScroll: number;
  columns: number;
  rows: number;
  quit: boolean;
}

export type Action =
  | { type: ActionName }
  | { type: 'key'; input: string; key: KeyLike }
  | { type: 'filter.input'; text: string }
  | { type: 'resize'; columns: number; rows: number }
  | { type: 'jump'; layer: number; pathId: number };

export function initialState(model: ExplorerModel, size: { columns: number; rows: number }, opts: Partial<Pick<ExplorerState, 'sort' | 'compare' | 'hide'>> = {}): ExplorerState {
  const pos = (): ListPos => ({ cursor: 0, scroll: 0 });
  const state: ExplorerState = {
    pane: 'layers',
    tab: 'files',
    layer: 0,
    layersScroll: 0,
    compare: opts.compare ?? 'layer',
    tree: pos(),
    waste: pos(),
    leftovers: pos(),
    details: pos(),
    collapsed: new Set(),
    collapseAll: false,
    filter: '',
    draft: null,
    hide: opts.hide ?? new Set(),
    sort: opts.sort ?? 'name',
    showAttributes: false,
    overlay: null,
    overlayScroll: 0,
    columns: Math.max(1, size.columns),
    rows: Math.max(1, size.rows),
    quit: false,
  };
  return settle(model, state);
}

export function inputMode(state: ExplorerState): InputMode {
  if (state.draft !== null) return 'filter';
  if (state.overlay !== null) return 'overlay';
  return 'normal';
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/** Keeps the cursor inside the list and the scroll window around the cursor. */
export function fitList(pos: ListPos, length: number, height: number): ListPos {
  const h = Math.max(1, height);
  const cursor = clamp(pos.cursor, 0, Math.max(0, length - 1));
  let scroll = Math.min(pos.scroll, cursor);
  scroll = Math.max(scroll, cursor - h + 1);
  scroll = clamp(scroll, 0, Math.max(0, length - h));
  return cursor === pos.cursor && scroll === pos.scroll ? pos : { cursor, scroll };
}

/** Re-fits every list to the current size and contents. */
function settle(model: ExplorerModel, s: ExplorerState): ExplorerState {
  const lay = layout(model, s);
  const layer = clamp(s.layer, 0, Math.max(0, model.layers.length - 1));
  const lp = fitList({ cursor: layer, scroll: s.layersScroll }, model.layers.length, lay.layersHeight);
  const next: ExplorerState = {
    ...s,
    layer,
    layersScroll: lp.scroll,
    tree: fitList(s.tree, treeRows(model, s).rows.length, lay.treeHeight),
    waste: fitList(s.waste, wasteRows(model).length, lay.listHeight),
    leftovers: fitList(s.leftovers, model.leftovers.length, lay.listHeight),
    details: s.tab === 'details' ? clampDetails(model, s, lay.listHeight) : s.details,
  };
  if (s.overlay !== null) {
    const total = s.overlay === 'help' ? Number.MAX_SAFE_INTEGER : infoLines(model, s).length;
    next.overlayScroll = clamp(s.overlayScroll, 0, Math.max(0, total - lay.bodyHeight + 2));
  }
  return next;
}

function clampDetails(model: ExplorerModel, s: ExplorerState, h: number): ListPos {
  const v = clamp(s.details.scroll, 0, Math.max(0, detailLines(model, s).length - h));
  return v === s.details.scroll ? s.details : { cursor: v, scroll: v };
}

function selectedPathId(model: ExplorerModel, s: ExplorerState): number {
  const { rows } = treeRows(model, s);
  return rows.length === 0 ? -1 : rows.ids[clamp(s.tree.cursor, 0, rows.length - 1)];
}

/** After the rows changed (layer, view, sort, filter...), put the cursor back on the same path (or its nearest shown ancestor). */
function keepSelection(model: ExplorerModel, before: ExplorerState, after: ExplorerState): ExplorerState {
  const id = selectedPathId(model, before);
  if (id < 0) return after;
  const { rows } = treeRows(model, after);
  const parent = model.files.paths.parent;
  for (let p = id; p > 0; p = parent[p]) {
    const i = rowIndexOf(rows, p);
    if (i >= 0) {
      const offset = before.tree.cursor - before.tree.scroll;
      return { ...after, tree: { cursor: i, scroll: Math.max(0, i - offset) } };
    }
  }
  return { ...after, tree: { cursor: 0, scroll: 0 } };
}

function isCollapsed(s: ExplorerState, id: number): boolean {
  return s.collapseAll !== s.collapsed.has(id);
}

function setCollapsed(s: ExplorerState, id: number, collapsed: boolean): ExplorerState {
  if (isCollapsed(s, id) === collapsed) return s;
  const set = new Set(s.collapsed);
  if (set.has(id)) set.delete(id);
  else set.add(id);
  return { ...s, collapsed: set };
}

function moveList(pos: ListPos, delta: number | 'home' | 'end', length: number, height: number): ListPos {
  const cursor = delta === 'home' ? 0 : delta === 'end' ? length - 1 : pos.cursor + delta;
  return fitList({ cursor, scroll: pos.scroll }, length, height);
}

function cursorMove(model: ExplorerModel, s: ExplorerState, delta: number | 'home' | 'end', page: boolean): ExplorerState {
  const lay = layout(model, s);
  if (s.overlay !== null) {
    const step = delta === 'home' ? -Infinity : delta === 'end' ? Infinity : (delta as number) * (page ? lay.bodyHeight - 3 : 1);
    return settle(model, { ...s, overlayScroll: Math.max(0, s.overlayScroll + (Number.isFinite(step) ? step : step < 0 ? -s.overlayScroll : 1e9)) });
  }
  const pageOf = (h: number): number | 'home' | 'end' => (typeof delta === 'number' && page ? delta * Math.max(1, h - 1) : delta);
  switch (s.pane) {
    case 'layers': {
      const d = pageOf(lay.layersHeight);
      const target = d === 'home' ? 0 : d === 'end' ? model.layers.length - 1 : s.layer + d;
      return selectLayer(model, s, target);
    }
    case 'files':
      return { ...s, tree: moveList(s.tree, pageOf(lay.treeHeight), treeRows(model, s).rows.length, lay.treeHeight) };
    case 'waste':
      return { ...s, waste: moveList(s.waste, pageOf(lay.listHeight), wasteRows(model).length, lay.listHeight) };
    case 'leftovers':
      return { ...s, leftovers: moveList(s.leftovers, pageOf(lay.listHeight), model.leftovers.length, lay.listHeight) };
    case 'details': {
      const d = pageOf(lay.listHeight);
      const scroll = d === 'home' ? 0 : d === 'end' ? Infinity : s.details.scroll + d;
      const max = Math.max(0, detailLines(model, s).length - lay.listHeight);
      const v = clamp(scroll, 0, max);
      return { ...s, details: { cursor: v, scroll: v } };
    }
  }
}

function selectLayer(model: ExplorerModel, s: ExplorerState, layer: number): ExplorerState {
  const target = clamp(layer, 0, model.layers.length - 1);
  if (target === s.layer) return s;
  return settle(model, keepSelection(model, s, { ...s, layer: target }));
}

/** Changes that rebuild the tree rows and keep the selected path. */
function reshape(model: ExplorerModel, s: ExplorerState, patch: Partial<ExplorerState>): ExplorerState {
  return settle(model, keepSelection(model, s, { ...s, ...patch }));
}

function toggleHide(model: ExplorerModel, s: ExplorerState, kind: ChangeKind): ExplorerState {
  const hide = new Set(s.hide);
  if (hide.has(kind)) hide.delete(kind);
  else hide.add(kind);
  return reshape(model, s, { hide });
}

function treeCollapse(model: ExplorerModel, s: ExplorerState): ExplorerState {
  const { rows, tree } = treeRows(model, s);
  if (rows.length === 0) return s;
  const i = s.tree.cursor;
  const id = rows.ids[i];
  if (hasChildren(tree, id) && !isCollapsed(s, id)) return settle(model, setCollapsed(s, id, true));
  const d = rows.depth[i];
  for (let j = i - 1; j >= 0; j--) if (rows.depth[j] < d) return settle(model, { ...s, tree: { ...s.tree, cursor: j } });
  return s;
}

function treeExpand(model: ExplorerModel, s: ExplorerState): ExplorerState {
  const { rows, tree } = treeRows(model, s);
  if (rows.length === 0) return s;
  const id = rows.ids[s.tree.cursor];
  if (!hasChildren(tree, id)) return s;
  if (isCollapsed(s, id)) return settle(model, setCollapsed(s, id, false));
  return cursorMove(model, s, 1, false);
}

function treeToggle(model: ExplorerModel, s: ExplorerState): ExplorerState {
  const { rows, tree } = treeRows(model, s);
  if (rows.length === 0) return s;
  const id = rows.ids[s.tree.cursor];
  if (!hasChildren(tree, id)) return s;
  return settle(model, setCollapsed(s, id, !isCollapsed(s, id)));
}

function cyclePane(s: ExplorerState, dir: 1 | -1): ExplorerState {
  const i = PANES.indexOf(s.pane);
  const pane = PANES[(i + dir + PANES.length) % PANES.length];
  return { ...s, pane, tab: pane === 'layers' ? s.tab : pane };
}

/** Shows a path of a layer in the file tree: that layer's changes, its directories expanded, the cursor on it. */
function jump(model: ExplorerModel, s: ExplorerState, layer: number, pathId: number): ExplorerState {
  let next: ExplorerState = { ...s, pane: 'files', tab: 'files', layer: clamp(layer, 0, model.layers.length - 1), compare: 'layer' };
  const parent = model.files.paths.parent;
  for (let p = parent[pathId]; p > 0; p = parent[p]) next = setCollapsed(next, p, false);
  let { rows } = treeRows(model, next);
  let i = rowIndexOf(rows, pathId);
  if (i < 0) {
    next = { ...next, filter: '', hide: new Set() };
    rows = treeRows(model, next).rows;
    i = rowIndexOf(rows, pathId);
  }
  const lay = layout(model, next);
  return settle(model, { ...next, tree: { cursor: Math.max(0, i), scroll: Math.max(0, i - Math.floor(lay.treeHeight / 2)) } });
}

export function reduce(model: ExplorerModel, s: ExplorerState, action: Action): ExplorerState {
  switch (action.type) {
    case 'key': {
      // several keys can arrive in one read (typing fast, pasting, tmux send-keys): one at a time
      const plain = !Object.entries(action.key).some(([k, v]) => v === true && k !== 'shift');
      if (plain && [...action.input].length > 1 && !action.input.startsWith('\x1b')) {
        return [...action.input].reduce((st, ch) => reduce(model, st, { type: 'key', input: ch, key: { shift: ch !== ch.toLowerCase() } }), s);
      }
      const r = resolveKey(action.input, action.key, inputMode(s));
      if (r === null) return s;
      return 'text' in r ? reduce(model, s, { type: 'filter.input', text: r.text }) : reduce(model, s, { type: r.action });
    }
    case 'resize':
      return settle(model, { ...s, columns: Math.max(1, action.columns), rows: Math.max(1, action.rows) });
    case 'jump':
      return jump(model, s, action.layer, action.pathId);
    case 'quit':
      return { ...s, quit: true };
    case 'cursor.up':
      return cursorMove(model, s, -1, false);
    case 'cursor.down':
      return cursorMove(model, s, 1, false);
    case 'cursor.pageUp':
      return cursorMove(model, s, -1, true);
    case 'cursor.pageDown':
      return cursorMove(model, s, 1, true);
    case 'cursor.home':
      return cursorMove(model, s, 'home', false);
    case 'cursor.end':
      return cursorMove(model, s, 'end', false);
    case 'pane.next':
      return cyclePane(s, 1);
    case 'pane.prev':
      return cyclePane(s, -1);
    case 'layer.prev':
      return selectLayer(model, s, s.layer - 1);
    case 'layer.next':
      return selectLayer(model, s, s.layer + 1);
    case 'compare.toggle':
      return reshape(model, s, { compare: s.compare === 'layer' ? 'cumulative' : 'layer' });
    case 'sort.toggle':
      return reshape(model, s, { sort: s.sort === 'name' ? 'size' : 'name' });
    case 'attributes.toggle':
      return { ...s, showAttributes: !s.showAttributes };
    case 'hide.added':
      return toggleHide(model, s, 'added');
    case 'hide.modified':
      return toggleHide(model, s, 'modified');
    case 'hide.removed':
      return toggleHide(model, s, 'removed');
    case 'hide.unmodified':
      return toggleHide(model, s, 'unmodified');
    case 'tree.collapse':
      return s.pane === 'files' ? treeCollapse(model, s) : s.pane === 'layers' ? selectLayer(model, s, s.layer - 1) : s;
    case 'tree.expand':
      return s.pane === 'files' ? treeExpand(model, s) : s.pane === 'layers' ? selectLayer(model, s, s.layer + 1) : s;
    case 'tree.toggle':
      return s.pane === 'files' ? treeToggle(model, s) : s;
    case 'tree.toggleAll':
      return reshape(model, s, { collapseAll: !s.collapseAll, collapsed: new Set() });
    case 'filter.edit':
      return { ...s, draft: s.filter, pane: s.pane === 'layers' ? s.pane : 'files', tab: 'files' };
    case 'filter.input':
      return s.draft === null ? s : { ...s, draft: s.draft + action.text };
    case 'filter.backspace':
      return s.draft === null ? s : { ...s, draft: [...s.draft].slice(0, -1).join('') };
    case 'filter.apply':
      return s.draft === null ? s : reshape(model, s, { filter: s.draft.trim(), draft: null });
    case 'filter.cancel':
      return { ...s, draft: null };
    case 'escape':
      if (s.overlay !== null) return { ...s, overlay: null };
      if (s.filter !== '') return reshape(model, s, { filter: '' });
      return s;
    case 'help.toggle':
      return settle(model, { ...s, overlay: s.overlay === 'help' ? null : 'help', overlayScroll: 0 });
    case 'overlay.close':
      return { ...s, overlay: null, overlayScroll: 0 };
    case 'item.open': {
      if (s.pane === 'waste') {
        const row = wasteRows(model)[s.waste.cursor];
        if (row && row.pathId !== undefined && row.layer !== undefined) return jump(model, s, row.layer, row.pathId);
        return s;
      }
      if (s.pane === 'details') return s;
      return settle(model, { ...s, overlay: 'info', overlayScroll: 0 });
    }
    default:
      return s;
  }
}

