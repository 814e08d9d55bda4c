import { describe, expect, it } from 'vitest';
import { KEYMAP, keyName, keysFor, resolveKey } from '../../src/tui/keymap.js';

describe('key map', () => {
  it('names keys from Ink key flags and raw bytes', () => {
    expect(keyName('', { upArrow: true })).toBe('up');
    expect(keyName('', { tab: true, shift: true })).toBe('shift+tab');
    expect(keyName('c', { ctrl: true })).toBe('ctrl+c');
    expect(keyName(' ', {})).toBe('space');
    expect(keyName('\r', {})).toBe('return');
    expect(keyName('\x7f', {})).toBe('backspace');
    expect(keyName('', { delete: true })).toBe('backspace');
  });

  it('binds arrows and vi keys to the same actions', () => {
    for (const [k, key] of [
      ['k', {}],
      ['', { upArrow: true }],
    ] as const)
      expect(resolveKey(k, key, 'normal')).toEqual({ action: 'cursor.up' });
    expect(resolveKey('j', {}, 'normal')).toEqual({ action: 'cursor.down' });
    expect(resolveKey('h', {}, 'normal')).toEqual({ action: 'tree.collapse' });
    expect(resolveKey('l', {}, 'normal')).toEqual({ action: 'tree.expand' });
    expect(resolveKey('', { tab: true }, 'normal')).toEqual({ action: 'pane.next' });
    expect(resolveKey('', { tab: true, shift: true }, 'normal')).toEqual({ action: 'pane.prev' });
    expect(resolveKey(' ', {}, 'normal')).toEqual({ action: 'tree.toggle' });
    expect(resolveKey('1', {}, 'normal')).toEqual({ action: 'hide.added' });
    expect(resolveKey('4', {}, 'normal')).toEqual({ action: 'hide.unmodified' });
  });

  it('types text in the filter prompt, where q is a letter and Ctrl-C still quits', () => {
    expect(resolveKey('q', {}, 'filter')).toEqual({ text: 'q' });
    expect(resolveKey('/', {}, 'filter')).toEqual({ text: '/' });
    expect(resolveKey('c', { ctrl: true }, 'filter')).toEqual({ action: 'quit' });
    expect(resolveKey('', { return: true }, 'filter')).toEqual({ action: 'filter.apply' });
    expect(resolveKey('', { escape: true }, 'filter')).toEqual({ action: 'filter.cancel' });
  });

  it('closes overlays with Esc, Enter or q and quits on Ctrl-C everywhere', () => {
    expect(resolveKey('q', {}, 'overlay')).toEqual({ action: 'overlay.close' });
    expect(resolveKey('c', { ctrl: true }, 'overlay')).toEqual({ action: 'quit' });
    expect(resolveKey('c', { ctrl: true }, 'normal')).toEqual({ action: 'quit' });
    expect(resolveKey('q', {}, 'normal')).toEqual({ action: 'quit' });
  });

  it('has no key bound twice in one mode', () => {
    for (const mode of ['normal', 'filter', 'overlay'] as const) {
      const seen = new Map<string, string>();
      for (const b of KEYMAP.filter((x) => x.modes.includes(mode)))
        for (const k of b.keys) {
          expect(seen.get(k), `${mode}: ${k}`).toBeUndefined();
          seen.set(k, b.action);
        }
    }
  });

  it('labels keys for people', () => {
    expect(keysFor('cursor.up')).toBe('↑/k');
    expect(keysFor('pane.prev')).toBe('Shift-Tab');
    expect(keysFor('quit')).toBe('q/Ctrl-C');
  });
});
