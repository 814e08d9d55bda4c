import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/core/text.js';
import { displayRange, isInside, normalizeLine, reportPath, visibleControls, xmlAttr, xmlText } from '../../src/formatters/machine.js';
import { at } from './fixtures.js';
import { parseXml } from './xml.js';

describe('machine helpers', () => {
  it('reportPath: relative to cwd with forward slashes; outside cwd stays absolute', () => {
    expect(reportPath('/repo/a/Dockerfile', '/repo')).toBe('a/Dockerfile');
    expect(reportPath('/repo/a/Dockerfile', '/repo/')).toBe('a/Dockerfile');
    expect(reportPath('/other/Dockerfile', '/repo')).toBe('/other/Dockerfile');
    expect(reportPath('/repo2/Dockerfile', '/repo')).toBe('/repo2/Dockerfile');
    expect(reportPath('./a/../b/Dockerfile', '/repo')).toBe('b/Dockerfile');
    expect(reportPath('..foo/Dockerfile', '/repo')).toBe('..foo/Dockerfile');
    expect(reportPath('-', '/repo')).toBe('-');
    expect(isInside('a/Dockerfile')).toBe(true);
    expect(isInside('..foo/Dockerfile')).toBe(true);
    expect(isInside('../Dockerfile')).toBe(false);
    expect(isInside('/other/Dockerfile')).toBe(false);
    expect(isInside('C:/x/Dockerfile')).toBe(false);
  });

  it('displayRange pulls an end just after a line break back to the line it ends', () => {
    const src = 'RUN a\r\nRUN b\n';
    const loc = at('f', src, 'RUN a\r\n');
    expect(loc.end).toEqual({ line: 2, column: 1 });
    expect(displayRange(loc, new LineIndex(src))).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 6 });
    expect(displayRange(loc)).toEqual({ startLine: 1, startColumn: 1, endLine: 2, endColumn: 1 });
    const empty = at('f', src, '');
    expect(displayRange(empty, new LineIndex(src))).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
  });

  it('normalizeLine ignores BOM and whitespace', () => {
    expect(normalizeLine('\uFEFF  RUN\t pip   install  ')).toBe('RUN pip install');
  });

  it('escapes XML attributes and text, replacing what XML 1.0 cannot carry', () => {
    const s = `a<b>&"c"'d'\t\r\n\u0001\uD800 ü🐳`;
    expect(xmlAttr(s)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;&#9;&#13;&#10;\\u0001\uFFFD ü🐳');
    expect(xmlText(s)).toBe(`a&lt;b&gt;&amp;"c"'d'\t&#13;\n\\u0001\uFFFD ü🐳`);
    expect(parseXml(`<x a="${xmlAttr(s)}">${xmlText(s)}</x>`)).toEqual({
      name: 'x',
      attrs: { a: `a<b>&"c"'d'\t\r\n\\u0001\uFFFD ü🐳` },
      children: [],
      text: `a<b>&"c"'d'\t\r\n\\u0001\uFFFD ü🐳`,
    });
  });

  it('visibleControls leaves TAB/CR/LF and printable text alone', () => {
    expect(visibleControls('a\tb\r\nc\u001b[31m\u007f ü')).toBe('a\tb\r\nc\\u001b[31m\\u007f ü');
  });
});

describe('the XML well-formedness checker used by these tests', () => {
  it.each([
    ['<a>', /unclosed/],
    ['<a></b>', /closes/],
    ['<a x="1" x="2"/>', /duplicate/],
    ['<a x=1/>', /bad start tag/],
    ['<a x="<"/>', /< in attribute/],
    ['<a>&</a>', /bare &/],
    ['<a>&nbsp;</a>', /unknown entity/],
    ['<a>&#1;</a>', /forbids/],
    ['<a>\u0001</a>', /forbids/],
    ['<a/><b/>', /more than one root/],
    ['text<a/>', /outside the root/],
    ['', /no root/],
  ])('rejects %j', (xml, reason) => {
    expect(() => parseXml(xml)).toThrow(reason);
  });

  it('accepts a declaration, comments, CDATA and references', () => {
    const el = parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><a b=\'&#x3c;\'><![CDATA[<&>]]>&#169;</a>\n');
    expect(el).toEqual({ name: 'a', attrs: { b: '<' }, children: [], text: '<&>©' });
  });
});
