/** Named actions and the keys bound to them: one declarative table, used for dispatch and for the help overlay. */

export type ActionName =
  | 'cursor.up'
  | 'cursor.down'
  | 'cursor.pageUp'
  | 'cursor.pageDown'
  | 'cursor.home'
  | 'cursor.end'
  | 'tree.collapse'
  | 'tree.expand'
  | 'tree.toggle'
  | 'tree.toggleAll'
  | 'pane.next'
  | 'pane.prev'
  | 'layer.prev'
  | 'layer.next'
  | 'compare.toggle'
  | 'sort.toggle'
  | 'attributes.toggle'
  | 'hide.added'
  | 'hide.modified'
  | 'hide.removed'
  | 'hide.unmodified'
  | 'filter.edit'
  | 'filter.apply'
  | 'filter.cancel'
  | 'filter.backspace'
  | 'item.open'
  | 'help.toggle'
  | 'overlay.close'
  | 'escape'
  | 'quit';

/** Which keys are live: the normal screen, the filter prompt, or an overlay (help, full text). */
export type InputMode = 'normal' | 'filter' | 'overlay';

export interface Binding {
  action: ActionName;
  /** Canonical key names (see keyName): "up", "k", "shift+tab", "ctrl+c", "space"... The first one is shown in the footer. */
  keys: string[];
  /** What the help overlay says. */
  help: string;
  group: 'Move' | 'Panes' | 'Files' | 'Show' | 'General';
  modes: InputMode[];
}

const N: InputMode[] = ['normal'];

export const KEYMAP: readonly Binding[] = [
  { action: 'cursor.up', keys: ['up', 'k'], help: 'move up', group: 'Move', modes: ['normal', 'overlay'] },
  { action: 'cursor.down', keys: ['down', 'j'], help: 'move down', group: 'Move', modes: ['normal', 'overlay'] },
  { action: 'cursor.pageUp', keys: ['pageup', 'ctrl+u'], help: 'page up', group: 'Move', modes: ['normal', 'overlay'] },
  { action: 'cursor.pageDown', keys: ['pagedown', 'ctrl+d'], help: 'page down', group: 'Move', modes: ['normal', 'overlay'] },
  { action: 'cursor.home', keys: ['home', 'g'], help: 'first row', group: 'Move', modes: ['normal', 'overlay'] },
  { action: 'cursor.end', keys: ['end', 'G'], help: 'last row', group: 'Move', modes: ['normal', 'overlay'] },
  { action: 'pane.next', keys: ['tab'], help: 'next pane: layers, files, waste, leftovers, details', group: 'Panes', modes: N },
  { action: 'pane.prev', keys: ['shift+tab'], help: 'previous pane', group: 'Panes', modes: N },
  { action: 'layer.prev', keys: ['['], help: 'previous layer (from any pane)', group: 'Panes', modes: N },
  { action: 'layer.next', keys: [']'], help: 'next layer (from any pane)', group: 'Panes', modes: N },
  { action: 'item.open', keys: ['return'], help: 'full text: layer command, file details; in waste, go to the file', group: 'Panes', modes: N },
  { action: 'tree.collapse', keys: ['left', 'h'], help: 'collapse the directory, or go to its parent', group: 'Files', modes: N },
  { action: 'tree.expand', keys: ['right', 'l'], help: 'expand the directory, or go into it', group: 'Files', modes: N },
  { action: 'tree.toggle', keys: ['space'], help: 'collapse or expand the directory', group: 'Files', modes: N },
  { action: 'tree.toggleAll', keys: ['e'], help: 'collapse or expand every directory', group: 'Files', modes: N },
  { action: 'filter.edit', keys: ['/'], help: 'filter by path (Enter applies, Esc cancels)', group: 'Files', modes: N },
  { action: 'sort.toggle', keys: ['s'], help: 'sort by name or by size', group: 'Files', modes: N },
  { action: 'compare.toggle', keys: ['c'], help: "this layer's changes, or the whole filesystem up to it", group: 'Show', modes: N },
  { action: 'hide.added', keys: ['1'], help: 'hide or show added (+)', group: 'Show', modes: N },
  { action: 'hide.modified', keys: ['2'], help: 'hide or show modified (~)', group: 'Show', modes: N },
  { action: 'hide.removed', keys: ['3'], help: 'hide or show removed (-)', group: 'Show', modes: N },
  { action: 'hide.unmodified', keys: ['4'], help: 'hide or show unmodified', group: 'Show', modes: N },
  { action: 'attributes.toggle', keys: ['b'], help: 'show or hide mode and owner columns', group: 'Show', modes: N },
  { action: 'help.toggle', keys: ['?'], help: 'this help', group: 'General', modes: ['normal', 'overlay'] },
  { action: 'escape', keys: ['escape'], help: 'close, or clear the filter', group: 'General', modes: N },
  { action: 'quit', keys: ['q', 'ctrl+c'], help: 'quit', group: 'General', modes: N },
  // the filter prompt
  { action: 'filter.apply', keys: ['return'], help: 'apply the filter', group: 'Files', modes: ['filter'] },
  { action: 'filter.cancel', keys: ['escape'], help: 'cancel the filter', group: 'Files', modes: ['filter'] },
  { action: 'filter.backspace', keys: ['backspace'], help: 'delete a character', group: 'Files', modes: ['filter'] },
  { action: 'quit', keys: ['ctrl+c'], help: 'quit', group: 'General', modes: ['filter', 'overlay'] },
  // overlays
  { action: 'overlay.close', keys: ['escape', 'return', 'q'], help: 'close', group: 'General', modes: ['overlay'] },
];

/** The subset of Ink's Key this module reads. */
export interface KeyLike {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
}

/** Canonical name of a key press, as used in KEYMAP. */
export function keyName(input: string, key: KeyLike): string {
  if (input === '\r' || input === '\n') return 'return';
  if (input === '\t') return 'tab';
  if (input === '\x7f' || input === '\b') return 'backspace';
  if (input === '\x1b') return 'escape';
  if (input === '\x03') return 'ctrl+c';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'return';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  // many terminals send DEL (0x7f) for Backspace, which Ink names "delete"
  if (key.backspace || key.delete) return 'backspace';
  if (key.escape) return 'escape';
  if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return input;
}

const tables = new Map<InputMode, Map<string, ActionName>>();
for (const mode of ['normal', 'filter', 'overlay'] as const) {
  const t = new Map<string, ActionName>();
  for (const b of KEYMAP) if (b.modes.includes(mode)) for (const k of b.keys) if (!t.has(k)) t.set(k, b.action);
  tables.set(mode, t);
}

/** The action a key press means in a mode; in the filter prompt, printable text is returned as `text`. */
export function resolveKey(input: string, key: KeyLike, mode: InputMode): { action: ActionName } | { text: string } | null {
  const name = keyName(input, key);
  const action = tables.get(mode)?.get(name);
  if (action) return { action };
  if (mode === 'filter' && !key.ctrl && !key.meta && input.length > 0 && !/[\x00-\x1f\x7f]/.test(input)) return { text: input };
  return null;
}

/** How a key name is shown to people. */
export function keyLabel(k: string): string {
  const names: Record<string, string> = {
    up: '↑',
    down: '↓',
    left: '←',
    right: '→',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    home: 'Home',
    end: 'End',
    return: 'Enter',
    escape: 'Esc',
    tab: 'Tab',
    'shift+tab': 'Shift-Tab',
    space: 'Space',
    backspace: 'Backspace',
  };
  if (names[k]) return names[k];
  if (k.startsWith('ctrl+')) return `Ctrl-${k.slice(5).toUpperCase()}`;
  return k;
}

/** Keys of an action in normal mode, for hints ("1", "↑/k"). */
export function keysFor(action: ActionName): string {
  const b = KEYMAP.find((x) => x.action === action && x.modes.includes('normal'));
  return b ? b.keys.map(keyLabel).join('/') : '';
}
