import { formatBytes, formatPercent } from '../core/bytes.js';
import { displayPath } from '../layers/paths.js';
import { entryDetails, fileView, modeString, VIEW_CHANGE_NAMES, type FileView, type ViewChangeName } from '../layers/analysis/views.js';
import { KEYMAP, keyLabel, keysFor } from './keymap.js';
import type { ExplorerModel } from './model.js';
import type { ExplorerState, Pane } from './state.js';
import { buildTree, flatten, hasChildren, visibility, type Rows, type Tree } from './tree.js';
import { clean, fit, fitLine, padStart, seg, truncate, truncateLeft, width, wrap, type Line, type Seg } from './text.js';

/* ------------------------------------------------------------------------------------------------
 * Layout
 * ---------------------------------------------------------------------------------------------- */

export interface Layout {
  width: number;
  /** Rows the frame uses: one less than the terminal, so Ink never has to clear the whole screen. */
  height: number;
  layersHeight: number;
  /** Rows of the right-hand area below the tab bar. */
  contentHeight: number;
  /** Tree rows (the content minus the selected file's detail line). */
  treeHeight: number;
  listHeight: number;
  /** Rows between the header and the footer (overlays). */
  bodyHeight: number;
  tooSmall: boolean;
}

const HEADER = 2;
const FIXED = HEADER + 1 /* layers heading */ + 1 /* layer info */ + 1 /* tab bar */ + 1; /* footer */

export function layout(model: ExplorerModel, s: Pick<ExplorerState, 'columns' | 'rows'>): Layout {
  const w = Math.max(1, s.columns);
  const height = Math.max(1, s.rows - 1);
  const rest = Math.max(0, height - FIXED);
  const layersHeight = Math.max(1, Math.min(model.layers.length, Math.max(2, Math.floor(rest * 0.35))));
  const contentHeight = Math.max(1, rest - layersHeight);
  return {
    width: w,
    height,
    layersHeight,
    contentHeight,
    treeHeight: Math.max(1, contentHeight - 1),
    listHeight: contentHeight,
    bodyHeight: Math.max(1, height - HEADER - 1),
    tooSmall: w < 40 || height < 10,
  };
}

/* ------------------------------------------------------------------------------------------------
 * Memoised views (selectors stay pure: the caches only remember earlier answers)
 * ---------------------------------------------------------------------------------------------- */

interface Cache {
  views: Map<string, FileView>;
  trees: Map<string, Tree>;
  vis: { key: string; value: Uint8Array } | null;
  rows: { tree: Tree; vis: Uint8Array; collapsed: ReadonlySet<number>; collapseAll: boolean; value: Rows } | null;
  lower: string[] | null;
  waste: WasteRow[] | null;
}

const caches = new WeakMap<ExplorerModel, Cache>();

function cacheOf(model: ExplorerModel): Cache {
  let c = caches.get(model);
  if (!c) {
    c = { views: new Map(), trees: new Map(), vis: null, rows: null, lower: null, waste: null };
    caches.set(model, c);
  }
  return c;
}

function lru<V>(map: Map<string, V>, key: string, max: number, make: () => V): V {
  const hit = map.get(key);
  if (hit !== undefined) {
    map.delete(key);
    map.set(key, hit);
    return hit;
  }
  const v = make();
  map.set(key, v);
  while (map.size > max) map.delete(map.keys().next().value as string);
  return v;
}

export function viewOf(model: ExplorerModel, s: Pick<ExplorerState, 'layer' | 'compare'>): FileView {
  return lru(cacheOf(model).views, `${s.layer}:${s.compare}`, 6, () => fileView(model.files, s.layer, s.compare));
}

export interface TreeRowsResult {
  view: FileView;
  tree: Tree;
  rows: Rows;
}

/** The shown rows of the file tree (every one, as ids: cheap); row text is only made for the visible window. */
export function treeRows(model: ExplorerModel, s: Pick<ExplorerState, 'layer' | 'compare' | 'sort' | 'hide' | 'filter' | 'collapsed' | 'collapseAll'>): TreeRowsResult {
  const c = cacheOf(model);
  const view = viewOf(model, s);
  const tree = lru(c.trees, `${s.layer}:${s.compare}:${s.sort}`, 4, () => buildTree(model.files.paths, view, model.nameRank, s.sort));
  const visKey = `${s.layer}:${s.compare}|${[...s.hide].sort().join(',')}|${s.filter}`;
  if (c.vis?.key !== visKey) {
    const text = s.filter === '' ? () => '' : lowerPaths(model);
    c.vis = { key: visKey, value: visibility(model.files.paths, view, s.hide, s.filter, typeof text === 'function' ? text : (id) => text[id]) };
  }
  const vis = c.vis.value;
  const r = c.rows;
  if (r && r.tree === tree && r.vis === vis && r.collapsed === s.collapsed && r.collapseAll === s.collapseAll) return { view, tree, rows: r.value };
  const collapsed = s.collapsed;
  const all = s.collapseAll;
  const rows = flatten(tree, vis, (id) => all !== collapsed.has(id));
  c.rows = { tree, vis, collapsed, collapseAll: all, value: rows };
  return { view, tree, rows };
}

function lowerPaths(model: ExplorerModel): string[] {
  const c = cacheOf(model);
  if (!c.lower) c.lower = model.files.paths.names.map((n) => `/${displayPath(n)}`.toLowerCase());
  return c.lower;
}

/* ------------------------------------------------------------------------------------------------
 * Styles
 * ---------------------------------------------------------------------------------------------- */

export const CHANGE_STYLE: Record<ViewChangeName, { mark: string; color?: string; label: string }> = {
  added: { mark: '+', color: 'green', label: 'added' },
  modified: { mark: '~', color: 'yellow', label: 'modified' },
  removed: { mark: '-', color: 'red', label: 'removed' },
  unmodified: { mark: ' ', label: 'unmodified' },
};

const ACCENT = 'cyan';
const cursorMark = (selected: boolean, focused: boolean): string => (selected ? (focused ? '▶' : '›') : ' ');

/** A block bar of `w` columns for `ratio` (eighths of a cell). */
export function bar(ratio: number, w: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, ratio)) * w * 8);
  const full = Math.floor(eighths / 8);
  const part = eighths % 8;
  const parts = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
  const s = '█'.repeat(full) + (part > 0 ? parts[part] : '');
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

const pad = (lines: Line[], h: number, w: number): Line[] => {
  const out = lines.slice(0, h).map((l) => fitLine(l, w));
  while (out.length < h) out.push([seg(' '.repeat(w))]);
  return out;
};

/* ------------------------------------------------------------------------------------------------
 * Header
 * ---------------------------------------------------------------------------------------------- */

export function headerLines(model: ExplorerModel, w: number): Line[] {
  const a = model.analysis;
  const wastedShare = a.totalBytes > 0 ? a.wastedBytes / a.totalBytes : 0;
  const title: Line = [
    seg(' ballast explore ', { bold: true, color: ACCENT }),
    seg(clean(model.title), { bold: true }),
    seg(`  ${a.platform} · ${a.layers.length} layers · ${a.finalFileCount} files`, { dim: true }),
  ];
  const stats: Line = [
    seg(' total '),
    seg(formatBytes(a.totalBytes), { bold: true }),
    seg('  final '),
    seg(formatBytes(a.finalBytes), { bold: true }),
    seg('  wasted '),
    seg(`${formatBytes(a.wastedBytes)} (${formatPercent(wastedShare)})`, { bold: true, color: a.wastedBytes > 0 ? 'red' : undefined }),
    seg('  efficiency '),
    seg(formatPercent(a.efficiency), { bold: true, color: a.efficiency >= 0.9 ? 'green' : a.efficiency >= 0.75 ? 'yellow' : 'red' }),
  ];
  return [fitLine(title, w), fitLine(stats, w)];
}

/* ------------------------------------------------------------------------------------------------
 * Layers pane
 * ---------------------------------------------------------------------------------------------- */

const SIZE_W = 8;
const BAR_W = 10;

export function layersLines(model: ExplorerModel, s: ExplorerState, w: number, h: number): { heading: Line; rows: Line[]; info: Line } {
  const focused = s.pane === 'layers';
  const headingText = `${'Layers'.padEnd(4 + SIZE_W - 4)}size${' '.repeat(1 + BAR_W + 1)}waste  command`;
  const heading: Line = [seg(headingText, { bold: true, color: focused ? ACCENT : undefined, inverse: false })];
  const rows: Line[] = [];
  for (let i = s.layersScroll; i < Math.min(model.layers.length, s.layersScroll + h); i++) {
    const l = model.layers[i];
    const sel = i === s.layer;
    const share = l.wastedBytes > 0 ? `${Math.max(1, Math.round(l.wasteShare * 100))}%` : '';
    const style = sel && focused ? { inverse: true } : {};
    rows.push([
      seg(cursorMark(sel, focused), { color: ACCENT, ...style }),
      seg(`${padStart(String(i), 3)} ${padStart(formatBytes(l.sizeBytes), SIZE_W)} `, style),
      seg(bar(model.maxLayerBytes > 0 ? l.sizeBytes / model.maxLayerBytes : 0, BAR_W), { color: ACCENT, ...style }),
      seg(' ', style),
      seg(padStart(share, 5), { color: share ? 'red' : undefined, ...style }),
      seg('  ', style),
      seg(clean(l.shortCommand), style),
    ]);
  }
  const l = model.layers[s.layer];
  const info: Line = l
    ? [
        seg(` ${l.digest.slice(0, 19)}`, { dim: true }),
        seg(`  ${l.fileCount} files  `),
        seg(`+${l.added}`, { color: 'green' }),
        seg(' '),
        seg(`~${l.modified}`, { color: 'yellow' }),
        seg(' '),
        seg(`-${l.removed}`, { color: 'red' }),
        seg(l.wastedBytes > 0 ? `  wasted ${formatBytes(l.wastedBytes)}` : '', { color: 'red' }),
        seg(model.analysis.layers[s.layer]?.hidesBytes ? `  hides ${formatBytes(model.analysis.layers[s.layer].hidesBytes)}` : '', { dim: true }),
      ]
    : [seg(' (no layers)')];
  return { heading: fitLine(heading, w), rows: pad(rows, h, w), info: fitLine(info, w) };
}

/* ------------------------------------------------------------------------------------------------
 * Tab bar and footer
 * ---------------------------------------------------------------------------------------------- */

const TAB_NAMES: Record<Exclude<Pane, 'layers'>, string> = { files: 'Files', waste: 'Waste', leftovers: 'Leftovers', details: 'Details' };

export function tabLine(model: ExplorerModel, s: ExplorerState, w: number): Line {
  const out: Line = [];
  const counts: Record<string, string> = {
    files: '',
    waste: model.hidden.length + model.duplicates.length > 0 ? ` ${model.hidden.length + model.duplicates.length}` : '',
    leftovers: model.leftovers.length > 0 ? ` ${model.leftovers.length}` : '',
    details: '',
  };
  for (const t of ['files', 'waste', 'leftovers', 'details'] as const) {
    const active = s.tab === t;
    const label = `${TAB_NAMES[t]}${counts[t]}`;
    const focused = active && s.pane === t;
    out.push(seg(active ? `[${label}]` : ` ${label} `, { bold: active, color: active ? ACCENT : undefined, inverse: focused }));
  }
  if (s.tab === 'files') {
    // the most telling first: a narrow terminal cuts the end
    const status = [`layer ${s.layer}`, s.compare === 'layer' ? 'changes' : 'filesystem'];
    if (s.filter) status.push(`/${s.filter}`);
    if (s.hide.size > 0) status.push(`hiding ${VIEW_CHANGE_NAMES.filter((k) => s.hide.has(k)).map((k) => CHANGE_STYLE[k].mark.trim() || 'unmod').join('')}`);
    status.push(`by ${s.sort}`);
    const used = out.reduce((n, x) => n + width(x.text), 0);
    out.push(seg(`  ${truncate(clean(status.join(' · ')), Math.max(0, w - used - 2))}`, { dim: true }));
  }
  return fitLine(out, w);
}

export function footerLine(s: ExplorerState, w: number): Line {
  if (s.draft !== null) {
    return fitLine([seg(' / ', { bold: true, color: ACCENT }), seg(clean(s.draft)), seg('█', { color: ACCENT }), seg('   Enter apply · Esc cancel', { dim: true })], w);
  }
  if (s.overlay !== null) return fitLine([seg(' ↑↓ scroll · Esc close · Ctrl-C quit', { dim: true })], w);
  const hints: Array<[string, string]> =
    s.pane === 'layers'
      ? [
          [keysFor('cursor.up').split('/')[0] + '↓', 'layer'],
          ['Enter', 'command'],
          ['c', s.compare === 'layer' ? 'filesystem' : 'changes'],
          ['Tab', 'files'],
        ]
      : s.pane === 'files'
        ? [
            ['Space', 'fold'],
            ['/', 'filter'],
            ['1-4', 'hide +~- '],
            ['s', 'sort'],
            ['c', 'view'],
            ['[ ]', 'layer'],
          ]
        : s.pane === 'waste'
          ? [
              ['↑↓', 'move'],
              ['Enter', 'go to file'],
              ['Tab', 'next'],
            ]
          : [
              ['↑↓', 'move'],
              ['Enter', 'full text'],
              ['Tab', 'next'],
            ];
  hints.push(['?', 'help'], ['q', 'quit']);
  const line: Line = [seg(' ')];
  hints.forEach(([k, v], i) => {
    if (i > 0) line.push(seg('  '));
    line.push(seg(k, { bold: true, color: ACCENT }), seg(` ${v}`, { dim: true }));
  });
  return fitLine(line, w);
}

/* ------------------------------------------------------------------------------------------------
 * File tree pane
 * ---------------------------------------------------------------------------------------------- */

function nameOf(model: ExplorerModel, id: number): string {
  const full = model.files.paths.names[id];
  const cut = full.lastIndexOf('/');
  return clean(displayPath(cut < 0 ? full : full.slice(cut + 1)));
}

export function treeLines(model: ExplorerModel, s: ExplorerState, w: number, h: number): Line[] {
  const { view, tree, rows } = treeRows(model, s);
  const focused = s.pane === 'files';
  const out: Line[] = [];
  const files = model.files;
  if (rows.length === 0) {
    const why = view.count === 0 ? 'this layer has no files' : s.filter ? `nothing matches "${s.filter}"` : 'every change kind here is hidden (1-4 show them)';
    out.push([seg(`  (${why})`, { dim: true })]);
  }
  for (let r = s.tree.scroll; r < Math.min(rows.length, s.tree.scroll + h); r++) {
    const id = rows.ids[r];
    const sel = r === s.tree.cursor;
    const change = VIEW_CHANGE_NAMES[view.change[id]];
    const st = CHANGE_STYLE[change];
    const occ = view.occ[id];
    const isDir = view.dir[id] === 1;
    const kids = hasChildren(tree, id);
    const collapsed = kids && s.collapseAll !== s.collapsed.has(id);
    const d = occ >= 0 ? entryDetails(files, occ) : null;
    const base = { color: st.color, inverse: sel && focused };
    const line: Line = [seg(cursorMark(sel, focused), { color: ACCENT, inverse: sel && focused }), seg(st.mark, { ...base, bold: true }), seg(' ', base)];
    if (s.showAttributes) {
      line.push(seg(`${d ? modeString(d.kind, d.mode) : 'd---------'} ${padStart(d ? `${d.uid}:${d.gid}` : '', 9)} `, { ...base, dim: !sel }));
    }
    const size = d && (d.kind === 'symlink' || d.kind === 'hardlink') ? '' : formatBytes(view.bytes[id]);
    line.push(seg(`${padStart(size, SIZE_W)}  `, base));
    line.push(seg('  '.repeat(rows.depth[r]), base));
    line.push(seg(isDir ? (kids ? (collapsed ? '▸ ' : '▾ ') : '  ') : '  ', { ...base, color: ACCENT }));
    line.push(seg(nameOf(model, id) + (isDir ? '/' : ''), { ...base, bold: isDir }));
    if (d?.linkTarget) line.push(seg(` ${d.kind === 'hardlink' ? '⇒' : '→'} ${clean(d.linkTarget)}`, { ...base, dim: !sel }));
    out.push(line);
  }
  const padded = pad(out, h, w);
  padded.push(fitLine(selectedFileSummary(model, s), w));
  return padded;
}

/** One line about the selected file: mode, owner, size, layer, digest, link target. */
export function selectedFileSummary(model: ExplorerModel, s: ExplorerState): Line {
  const { view, rows } = treeRows(model, s);
  if (rows.length === 0) return [seg('')];
  const id = rows.ids[Math.min(s.tree.cursor, rows.length - 1)];
  const occ = view.occ[id];
  const change = VIEW_CHANGE_NAMES[view.change[id]];
  if (occ < 0) return [seg(` directory (no entry of its own in layer ${s.layer})`, { dim: true })];
  const d = entryDetails(model.files, occ);
  const parts: Line = [seg(' '), seg(modeString(d.kind, d.mode), { color: ACCENT }), seg(` ${d.uid}:${d.gid}`), seg(`  ${formatBytes(view.bytes[id])}`, { bold: true })];
  if (change === 'removed') parts.push(seg(`  removed here (written in layer ${d.layer})`, { color: 'red' }));
  else parts.push(seg(`  ${CHANGE_STYLE[change].label} · layer ${d.layer}`, { color: CHANGE_STYLE[change].color }));
  if (d.linkTarget) parts.push(seg(`  → ${clean(d.linkTarget)}`));
  if (d.digest) parts.push(seg(`  ${d.digest.slice(0, 19)}`, { dim: true }));
  return parts;
}

/* ------------------------------------------------------------------------------------------------
 * Waste pane
 * ---------------------------------------------------------------------------------------------- */

export interface WasteRow {
  kind: 'heading' | 'hidden' | 'set' | 'copy' | 'none';
  text: string;
  sizeBytes?: number;
  pathId?: number;
  layer?: number;
  hiddenBy?: number;
  reason?: 'overwritten' | 'removed';
}

/** Every hidden copy, then every set of duplicate files (one row per copy). */
export function wasteRows(model: ExplorerModel): WasteRow[] {
  const c = cacheOf(model);
  if (c.waste) return c.waste;
  const rows: WasteRow[] = [];
  const hiddenBytes = model.hidden.reduce((n, h) => n + h.sizeBytes, 0);
  rows.push({ kind: 'heading', text: `Hidden copies: ${model.hidden.length} files, ${formatBytes(hiddenBytes)} (overwritten or deleted later)` });
  if (model.hidden.length === 0) rows.push({ kind: 'none', text: '(none)' });
  for (const h of model.hidden) rows.push({ kind: 'hidden', text: h.path, sizeBytes: h.sizeBytes, pathId: h.pathId, layer: h.layer, hiddenBy: h.hiddenBy, reason: h.reason });
  const dupBytes = model.duplicates.reduce((n, d) => n + d.wastedBytes, 0);
  rows.push({ kind: 'heading', text: `Duplicate content: ${model.duplicates.length} sets, ${formatBytes(dupBytes)} (same bytes, several paths)` });
  if (model.duplicates.length === 0) rows.push({ kind: 'none', text: '(none)' });
  for (const d of model.duplicates) {
    rows.push({ kind: 'set', text: `${d.copies.length} copies of ${formatBytes(d.sizeBytes)}  ${d.digest.slice(0, 19)}`, sizeBytes: d.wastedBytes });
    for (const cp of d.copies) rows.push({ kind: 'copy', text: cp.path, pathId: cp.pathId, layer: cp.layer });
  }
  c.waste = rows;
  return rows;
}

export function wasteLines(model: ExplorerModel, s: ExplorerState, w: number, h: number): Line[] {
  const rows = wasteRows(model);
  const focused = s.pane === 'waste';
  const out: Line[] = [];
  for (let i = s.waste.scroll; i < Math.min(rows.length, s.waste.scroll + h); i++) {
    const r = rows[i];
    const sel = i === s.waste.cursor;
    const inv = { inverse: sel && focused };
    const cur = seg(cursorMark(sel, focused), { color: ACCENT, ...inv });
    if (r.kind === 'heading') out.push([cur, seg(r.text, { bold: true, ...inv })]);
    else if (r.kind === 'none') out.push([cur, seg(`  ${r.text}`, { dim: true, ...inv })]);
    else if (r.kind === 'hidden') {
      const where = `L${r.layer} → ${r.reason === 'removed' ? 'deleted' : 'overwritten'} in L${r.hiddenBy}`;
      const fixed = 1 + SIZE_W + 2 + 26;
      out.push([cur, seg(`${padStart(formatBytes(r.sizeBytes ?? 0), SIZE_W)}  `, { color: 'red', ...inv }), seg(fit(where, 26), { ...inv }), seg(truncateLeft(clean(r.text), w - fixed), inv)]);
    } else if (r.kind === 'set') out.push([cur, seg(`${padStart(formatBytes(r.sizeBytes ?? 0), SIZE_W)}  `, { color: 'yellow', ...inv }), seg(r.text, inv)]);
    else out.push([cur, seg(`${' '.repeat(SIZE_W)}  ${fit(`L${r.layer}`, 4)}`, { dim: true, ...inv }), seg(truncateLeft(clean(r.text), w - SIZE_W - 7), inv)]);
  }
  return pad(out, h, w);
}

/* ------------------------------------------------------------------------------------------------
 * Leftovers pane
 * ---------------------------------------------------------------------------------------------- */

export function leftoverLines(model: ExplorerModel, s: ExplorerState, w: number, h: number): Line[] {
  const focused = s.pane === 'leftovers';
  const out: Line[] = [];
  if (model.leftovers.length === 0) out.push([seg('  (no caches or toolchains found)', { dim: true })]);
  for (let i = s.leftovers.scroll; i < Math.min(model.leftovers.length, s.leftovers.scroll + h); i++) {
    const l = model.leftovers[i];
    const sel = i === s.leftovers.cursor;
    const inv = { inverse: sel && focused };
    const what = l.packages ? `${l.packages.length} dev packages` : `${l.fileCount} files`;
    const cmd = model.layers[l.layer]?.shortCommand ?? '';
    out.push([
      seg(cursorMark(sel, focused), { color: ACCENT, ...inv }),
      seg(`${padStart(l.sizeBytes > 0 ? formatBytes(l.sizeBytes) : '', SIZE_W)}  `, { color: l.kind === 'cache' ? 'yellow' : 'magenta', ...inv }),
      seg(fit(l.category, 13), { bold: true, ...inv }),
      seg(`${clean(l.path)}  `, inv),
      seg(`${what}  L${l.layer} `, { dim: true, ...inv }),
      seg(clean(cmd), { dim: true, ...inv }),
    ]);
  }
  return pad(out, h, w);
}

/* ------------------------------------------------------------------------------------------------
 * Details pane and the full-text overlay
 * ---------------------------------------------------------------------------------------------- */

const quoteArgs = (a: string[] | null | undefined): string => (a && a.length > 0 ? JSON.stringify(a) : '(none)');

/** The image's config and the selected file, as lines (the pane shows a scrolled window of them). */
export function detailLines(model: ExplorerModel, s: ExplorerState): Line[] {
  const a = model.analysis;
  const c = model.config;
  const out: Line[] = [];
  const kv = (k: string, v: string): void => void out.push([seg(`  ${k.padEnd(12)}`, { dim: true }), seg(clean(v))]);
  out.push([seg(' Image', { bold: true, color: ACCENT })]);
  kv('reference', model.title);
  kv('platform', a.platform);
  kv('id', a.configDigest);
  if (a.manifestDigest) kv('manifest', a.manifestDigest);
  out.push([seg(' Runtime config', { bold: true, color: ACCENT })]);
  kv('entrypoint', quoteArgs(c.entrypoint));
  kv('cmd', quoteArgs(c.cmd));
  kv('user', c.user || '(root)');
  kv('workdir', c.workingDir || '/');
  kv('ports', c.exposedPorts.length > 0 ? c.exposedPorts.join(' ') : '(none)');
  if (c.volumes.length > 0) kv('volumes', c.volumes.join(' '));
  if (c.stopSignal) kv('stop signal', c.stopSignal);
  if (c.healthcheck && c.healthcheck.length > 0) kv('healthcheck', c.healthcheck.join(' '));
  if (c.env.length === 0) kv('env', '(none)');
  c.env.forEach((e, i) => kv(i === 0 ? 'env' : '', e));
  const labels = Object.entries(c.labels);
  if (labels.length === 0) kv('labels', '(none)');
  labels.forEach(([k, v], i) => kv(i === 0 ? 'labels' : '', `${k}=${v}`));
  out.push([seg(' Selected file', { bold: true, color: ACCENT })]);
  for (const [k, v] of fileFacts(model, s)) kv(k, v);
  return out;
}

function fileFacts(model: ExplorerModel, s: ExplorerState): Array<[string, string]> {
  const { view, rows } = treeRows(model, s);
  if (rows.length === 0) return [['', '(no file selected)']];
  const id = rows.ids[Math.min(s.tree.cursor, rows.length - 1)];
  const path = `/${displayPath(model.files.paths.names[id])}`;
  const occ = view.occ[id];
  const change = VIEW_CHANGE_NAMES[view.change[id]];
  if (occ < 0) return [['path', path], ['kind', 'directory (no entry of its own in this layer)'], ['size', formatBytes(view.bytes[id])]];
  const d = entryDetails(model.files, occ);
  const facts: Array<[string, string]> = [
    ['path', path],
    ['kind', d.kind],
    ['mode', `${modeString(d.kind, d.mode)} (${(d.mode & 0o7777).toString(8).padStart(4, '0')})`],
    ['owner', `${d.uid}:${d.gid}`],
    ['size', view.dir[id] ? `${formatBytes(view.bytes[id])} below` : `${formatBytes(d.sizeBytes)} (${d.sizeBytes} bytes)`],
    ['change', change === 'removed' ? `removed in layer ${s.layer}` : `${change} in layer ${s.layer}`],
    ['written in', `layer ${d.layer}`],
  ];
  if (d.hiddenBy !== null && change !== 'removed') facts.push(['hidden by', `layer ${d.hiddenBy}`]);
  if (d.linkTarget) facts.push(['link to', d.linkTarget]);
  if (d.digest) facts.push(['digest', d.digest]);
  return facts;
}

export function detailsPaneLines(model: ExplorerModel, s: ExplorerState, w: number, h: number): Line[] {
  return pad(detailLines(model, s).slice(s.details.scroll, s.details.scroll + h), h, w);
}

/** The full text behind the selection: the layer's command, the file's details, or the leftover's command. */
export function infoLines(model: ExplorerModel, s: ExplorerState): Array<{ text: string; bold?: boolean }> {
  const out: Array<{ text: string; bold?: boolean }> = [];
  if (s.pane === 'layers') {
    const l = model.layers[s.layer];
    if (!l) return out;
    out.push({ text: `Layer ${l.index}`, bold: true }, { text: `digest  ${l.digest}` }, { text: `size    ${formatBytes(l.sizeBytes)}, ${l.fileCount} files` }, { text: '' }, { text: 'Command', bold: true });
    out.push({ text: l.command || '(no history for this layer)' });
  } else if (s.pane === 'files') {
    out.push({ text: 'Selected file', bold: true });
    for (const [k, v] of fileFacts(model, s)) out.push({ text: `${k.padEnd(11)} ${v}` });
  } else if (s.pane === 'leftovers') {
    const l = model.leftovers[s.leftovers.cursor];
    if (!l) return out;
    out.push({ text: `${l.category} (${l.kind})`, bold: true }, { text: `path    ${l.path}` }, { text: `size    ${formatBytes(l.sizeBytes)}, ${l.fileCount} files` }, { text: `layer   ${l.layer}` });
    if (l.packages) out.push({ text: '' }, { text: 'Packages', bold: true }, { text: l.packages.join(' ') });
    out.push({ text: '' }, { text: 'Command', bold: true }, { text: model.layers[l.layer]?.command || l.createdBy || '(no history)' });
  }
  return out;
}

/** A framed box in the middle of the body. */
function overlayBox(title: string, body: Array<{ text: string; bold?: boolean; color?: string }>, scroll: number, w: number, h: number): Line[] {
  const bw = Math.max(20, Math.min(w - 2, 96));
  const inner = bw - 4;
  const wrapped: Array<{ text: string; bold?: boolean; color?: string }> = [];
  for (const b of body) for (const t of wrap(b.text, inner)) wrapped.push({ ...b, text: t });
  const room = Math.max(1, h - 2);
  const maxScroll = Math.max(0, wrapped.length - room);
  const top = Math.min(scroll, maxScroll);
  const shown = wrapped.slice(top, top + room);
  const left = ' '.repeat(Math.max(0, Math.floor((w - bw) / 2)));
  const more = wrapped.length > room ? ` ${top + 1}-${top + shown.length}/${wrapped.length} ` : '';
  const out: Line[] = [];
  out.push([seg(left), seg(`┌ ${title} ${'─'.repeat(Math.max(0, bw - 4 - width(title) - width(more)))}${more}┐`, { color: ACCENT })]);
  for (const b of shown) out.push([seg(left), seg('│ ', { color: ACCENT }), seg(fit(b.text, inner), { bold: b.bold, color: b.color }), seg(' │', { color: ACCENT })]);
  out.push([seg(left), seg(`└${'─'.repeat(bw - 2)}┘`, { color: ACCENT })]);
  return pad(out, h, w);
}

export function helpLines(s: ExplorerState, w: number, h: number): Line[] {
  const body: Array<{ text: string; bold?: boolean; color?: string }> = [];
  let group = '';
  for (const b of KEYMAP) {
    if (!b.modes.includes('normal')) continue;
    if (b.group !== group) {
      if (group) body.push({ text: '' });
      group = b.group;
      body.push({ text: group, bold: true });
    }
    body.push({ text: `  ${fit(b.keys.map(keyLabel).join(' '), 16)} ${b.help}` });
  }
  body.push({ text: '' }, { text: 'Marks', bold: true });
  for (const k of VIEW_CHANGE_NAMES) body.push({ text: `  ${CHANGE_STYLE[k].mark === ' ' ? '(blank)' : CHANGE_STYLE[k].mark.padEnd(7)}          ${k}`, color: CHANGE_STYLE[k].color });
  return overlayBox('Keys', body, s.overlayScroll, w, h);
}

export function infoOverlayLines(model: ExplorerModel, s: ExplorerState, w: number, h: number): Line[] {
  return overlayBox(s.pane === 'layers' ? 'Layer' : s.pane === 'files' ? 'File' : 'Leftover', infoLines(model, s), s.overlayScroll, w, h);
}

/* ------------------------------------------------------------------------------------------------
 * The whole screen
 * ---------------------------------------------------------------------------------------------- */

export interface Screen {
  header: Line[];
  layersHeading: Line;
  layers: Line[];
  layerInfo: Line;
  tabs: Line;
  content: Line[];
  /** Replaces everything between the header and the footer when set. */
  overlay: Line[] | null;
  footer: Line;
  /** Set when the terminal is too small to draw anything useful. */
  tooSmall: Line | null;
}

export function screen(model: ExplorerModel, s: ExplorerState): Screen {
  const lay = layout(model, s);
  const w = lay.width;
  const L = layersLines(model, s, w, lay.layersHeight);
  let content: Line[] = [];
  if (s.overlay === null) {
    if (s.tab === 'files') content = treeLines(model, s, w, lay.treeHeight);
    else if (s.tab === 'waste') content = wasteLines(model, s, w, lay.listHeight);
    else if (s.tab === 'leftovers') content = leftoverLines(model, s, w, lay.listHeight);
    else content = detailsPaneLines(model, s, w, lay.listHeight);
  }
  const overlay = s.overlay === 'help' ? helpLines(s, w, lay.bodyHeight) : s.overlay === 'info' ? infoOverlayLines(model, s, w, lay.bodyHeight) : null;
  return {
    header: headerLines(model, w),
    layersHeading: L.heading,
    layers: L.rows,
    layerInfo: L.info,
    tabs: tabLine(model, s, w),
    content,
    overlay,
    footer: footerLine(s, w),
    tooSmall: lay.tooSmall ? fitLine([seg(`terminal too small (${s.columns}x${s.rows}); 80x24 or more works best. q quits.`)], w) : null,
  };
}

/** The screen as plain text (tests, snapshots, the bench). */
export function screenText(model: ExplorerModel, s: ExplorerState): string {
  const sc = screen(model, s);
  const t = (l: Line): string => l.map((x: Seg) => x.text).join('').trimEnd();
  if (sc.tooSmall) return t(sc.tooSmall);
  const lines = sc.overlay ? [...sc.header, ...sc.overlay, sc.footer] : [...sc.header, sc.layersHeading, ...sc.layers, sc.layerInfo, sc.tabs, ...sc.content, sc.footer];
  return lines.map(t).join('\n');
}

/* ------------------------------------------------------------------------------------------------
 * Progress while the image is read
 * ---------------------------------------------------------------------------------------------- */

export interface LoadProgress {
  title: string;
  source: string | null;
  layersDone: number;
  layersTotal: number | null;
  bytesRead: number;
  bytesTotal: number | null;
  analysing: boolean;
}

export function progressLines(p: LoadProgress, w: number, h: number): Line[] {
  const out: Line[] = [];
  out.push([seg(' ballast explore ', { bold: true, color: ACCENT }), seg(clean(p.title), { bold: true })]);
  out.push([seg('')]);
  const layers = p.layersTotal ? `layer ${Math.min(p.layersDone + 1, p.layersTotal)} of ${p.layersTotal}` : p.layersDone > 0 ? `${p.layersDone} layers read` : 'opening';
  const bytes = p.bytesTotal ? `${formatBytes(p.bytesRead)} of ${formatBytes(p.bytesTotal)}` : formatBytes(p.bytesRead);
  out.push([seg(p.analysing ? ' analysing layers…' : ` reading ${p.source ? `(${p.source}) ` : ''}${layers}, ${bytes}`)]);
  const ratio = p.analysing ? 1 : p.bytesTotal ? p.bytesRead / p.bytesTotal : p.layersTotal ? p.layersDone / p.layersTotal : 0;
  const bw = Math.max(10, Math.min(60, w - 12));
  out.push([seg(' '), seg(bar(ratio, bw), { color: ACCENT }), seg(` ${Math.round(ratio * 100)}%`)]);
  out.push([seg('')]);
  out.push([seg(' q quits', { dim: true })]);
  return pad(out, h, w);
}
