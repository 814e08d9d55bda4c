/**
 * A small, strict XML 1.0 well-formedness checker and tree builder for the formatter tests (no
 * dependency and no xmllint needed). It rejects what real parsers reject in the output we produce:
 * unbalanced or mismatched tags, duplicate or unquoted attributes, `<` in attribute values, bare `&`,
 * unknown entities, characters XML 1.0 forbids (raw or as references), content outside the root.
 * DTDs are not supported.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: XmlElement[];
  /** Concatenated, decoded character data directly inside this element. */
  text: string;
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*$/;
const INVALID_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function validCodePoint(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function decode(s: string, where: string): string {
  return s.replace(/&([^;&\s]*);?/g, (m, ref: string) => {
    if (!m.endsWith(';')) throw new Error(`bare & in ${where}: ${JSON.stringify(m)}`);
    if (ref in ENTITIES) return ENTITIES[ref];
    const num = /^#(\d+)$/.exec(ref) ?? /^#x([0-9a-fA-F]+)$/.exec(ref);
    if (!num) throw new Error(`unknown entity &${ref}; in ${where}`);
    const cp = parseInt(num[1], ref[1] === 'x' ? 16 : 10);
    if (!validCodePoint(cp)) throw new Error(`reference to a character XML forbids: &${ref};`);
    return String.fromCodePoint(cp);
  });
}

/** Parses `xml`; throws with a reason when it is not well-formed. */
export function parseXml(xml: string): XmlElement {
  const bad = INVALID_CHAR.exec(xml);
  if (bad) throw new Error(`character XML forbids: U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}`);
  let i = 0;
  const decl = /^<\?xml\s+version="1\.[0-9]"(\s+encoding="[A-Za-z][A-Za-z0-9._-]*")?(\s+standalone="(yes|no)")?\s*\?>/.exec(xml);
  if (xml.startsWith('<?xml') && !decl) throw new Error('bad XML declaration');
  if (decl) i = decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0 || xml.slice(i + 4, end).includes('--')) throw new Error('bad comment');
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', i)) {
      if (!stack.length) throw new Error('CDATA outside the root');
      const end = xml.indexOf(']]>', i);
      if (end < 0) throw new Error('unterminated CDATA');
      stack[stack.length - 1].text += xml.slice(i + 9, end);
      i = end + 3;
    } else if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i);
      if (end < 0) throw new Error('unterminated processing instruction');
      i = end + 2;
    } else if (xml.startsWith('</', i)) {
      const m = /^<\/([^\s>]+)\s*>/.exec(xml.slice(i));
      if (!m) throw new Error(`bad end tag at ${i}`);
      const open = stack.pop();
      if (!open || open.name !== m[1]) throw new Error(`</${m[1]}> closes <${open?.name ?? 'nothing'}>`);
      i += m[0].length;
    } else if (xml[i] === '<') {
      const m = /^<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(xml.slice(i));
      if (!m) throw new Error(`bad start tag at ${i}: ${JSON.stringify(xml.slice(i, i + 60))}`);
      if (!NAME.test(m[1])) throw new Error(`bad element name ${m[1]}`);
      if (!stack.length && root) throw new Error('more than one root element');
      const attrs: Record<string, string> = {};
      for (const a of m[2].matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        const value = a[2] ?? a[3];
        if (!NAME.test(a[1])) throw new Error(`bad attribute name ${a[1]}`);
        if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]} on <${m[1]}>`);
        if (value.includes('<')) throw new Error(`< in attribute ${a[1]}`);
        // attribute-value normalization: literal TAB/CR/LF become spaces
        attrs[a[1]] = decode(value.replace(/\r\n|[\t\r\n]/g, ' '), `attribute ${a[1]}`);
      }
      const el: XmlElement = { name: m[1], attrs, children: [], text: '' };
      if (stack.length) stack[stack.length - 1].children.push(el);
      else root = el;
      if (!m[3]) stack.push(el);
      i += m[0].length;
    } else {
      const end = xml.indexOf('<', i);
      const raw = xml.slice(i, end < 0 ? xml.length : end);
      if (raw.includes(']]>')) throw new Error(']]> in character data');
      const text = decode(raw, 'text');
      if (stack.length) stack[stack.length - 1].text += text;
      else if (text.trim()) throw new Error(`text outside the root: ${JSON.stringify(text.slice(0, 40))}`);
      i = end < 0 ? xml.length : end;
    }
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every descendant element named `name`, in document order. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}
