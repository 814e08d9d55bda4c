import { describe, expect, it } from 'vitest';
import { checkstyle } from '../../src/formatters/checkstyle.js';
import { NASTY_MESSAGE, RESULTS, ctx } from './fixtures.js';
import { findAll, parseXml } from './xml.js';

describe('checkstyle', () => {
  const xml = checkstyle(RESULTS, ctx);
  const root = parseXml(xml);

  it('is well-formed checkstyle 4.3 XML', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">')).toBe(true);
    expect(root.name).toBe('checkstyle');
    expect(root.attrs).toEqual({ version: '4.3' });
    expect(parseXml(checkstyle([], ctx)).children).toEqual([]);
  });

  it('has a <file> per result, clean files included, paths relative to cwd', () => {
    expect(findAll(root, 'file').map((f) => [f.attrs.name, f.children.length])).toEqual([
      ['services/api/Dockerfile', 5],
      ['Dockerfile.clean', 0],
      ['docker/my app/Dockerfile', 1],
      ['docker:app:1.0', 1],
    ]);
  });

  it('writes line, column, severity, message and source; the message survives escaping', () => {
    const errors = findAll(root, 'error');
    expect(errors[0].attrs).toEqual({
      line: '4',
      column: '5',
      severity: 'error',
      // CR/LF kept as character references; the BEL, which XML 1.0 cannot carry, is made visible
      message: NASTY_MESSAGE.replace('\u0007', '\\u0007'),
      source: 'ballast.add-remote-unchecked',
    });
    expect(errors.map((e) => e.attrs.severity)).toEqual(['error', 'warning', 'info', 'info', 'warning', 'error', 'warning']);
    // layer findings have no line or column; where in the image goes into the message
    expect(errors.at(-1)!.attrs).toEqual({
      severity: 'warning',
      message: 'apt lists take 41 MB in layer 3. [docker:app:1.0 layer 3 (sha256:ab12ab12ab12) /var/lib/apt/lists]',
      source: 'ballast.apt-lists-left',
    });
  });

  it('matches the snapshot', () => {
    expect(xml).toMatchSnapshot();
  });
});
