import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Diagnostic } from '../../model/diagnostics.ts';
import { lineColumn, type SourceFile } from '../source-file.ts';

/**
 * A parsed XML element with the character offset (in the ORIGINAL text) of
 * its start tag, so that diagnostics can point at it.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly offset: number;
}

export interface XmlDocument {
  readonly file: SourceFile;
  readonly root: XmlElement;
}

/** Children of an element with the given tag name. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/** Offset of an attribute's value inside an element's start tag (falls back to the tag). */
export function attrOffset(text: string, el: XmlElement, attr: string): number {
  const end = text.indexOf('>', el.offset);
  const tag = text.slice(el.offset, end < 0 ? undefined : end);
  const m = new RegExp(`(^|[\\s"'])${attr.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*["']`).exec(tag);
  return m ? el.offset + m.index + m[0].length : el.offset;
}

/** A diagnostic located at a character offset of a file. */
export function diagAt(file: SourceFile, offset: number | undefined, path: string | undefined, message: string): Diagnostic {
  if (offset === undefined) return { file: file.path, ...(path ? { path } : {}), message };
  const { line, column } = lineColumn(file.text, offset);
  return { file: file.path, line, column, ...(path ? { path } : {}), message };
}

/**
 * Edits made while cleaning quirks: text inserted at an original offset. Used
 * to map offsets in the cleaned text back to the original.
 */
interface Insertion {
  readonly at: number;
  readonly added: number;
}

/**
 * Makes real ANAC files parseable without moving lines: blanks out an XML
 * declaration that is not at the very start (comments or blank lines before
 * it), escapes a stray `&` that does not start an entity, and inserts the
 * missing space between two attributes. Returns the cleaned text and the
 * insertions, so offsets can be mapped back.
 */
export function cleanQuirks(text: string): { text: string; insertions: Insertion[] } {
  let t = text.replace(/^\uFEFF/, '');
  const bomShift = text.length - t.length;
  // A declaration after leading comments/whitespace: replace by spaces (same length, lines kept).
  t = t.replace(/^((?:\s|<!--[\s\S]*?-->)*)(<\?xml[\s\S]*?\?>)/, (_m, lead: string, decl: string) =>
    lead.length > 0 ? lead + decl.replace(/[^\n]/g, ' ') : lead + decl,
  );
  const insertions: Insertion[] = [];
  let out = '';
  let last = 0;
  // One pass over the text, rewriting only what needs it.
  const re = /&(?!(?:[A-Za-z_][\w.-]*|#\d+|#x[0-9A-Fa-f]+);)|(["'])(?=[A-Za-z_][\w:.-]*\s*=\s*["'])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t)) !== null) {
    if (m[0] === '&') {
      if (insideComment(t, m.index)) continue;
      out += t.slice(last, m.index) + '&amp;';
      insertions.push({ at: m.index + bomShift, added: 4 });
      last = m.index + 1;
    } else {
      // A quote directly followed by `name=`: only a fix when it closes an attribute value inside a tag.
      if (!closesAttributeValue(t, m.index)) continue;
      out += t.slice(last, m.index + 1) + ' ';
      insertions.push({ at: m.index + 1 + bomShift, added: 1 });
      last = m.index + 1;
    }
  }
  out += t.slice(last);
  if (bomShift) insertions.unshift({ at: 0, added: -bomShift });
  return { text: out, insertions };
}

function insideComment(t: string, i: number): boolean {
  const open = t.lastIndexOf('<!--', i);
  return open >= 0 && t.lastIndexOf('-->', i) < open;
}

/** Whether the quote at `q` closes an attribute value of a start tag. */
function closesAttributeValue(t: string, q: number): boolean {
  const lt = t.lastIndexOf('<', q);
  if (lt < 0 || t.lastIndexOf('>', q) > lt) return false;
  const tag = t.slice(lt, q + 1);
  if (!/^<[A-Za-z_]/.test(tag)) return false;
  // Walk the attributes of the tag so far; the quote must end the last value.
  const attrRe = /\s*([A-Za-z_][\w:.-]*)\s*=\s*("[^"]*"|'[^']*')/gy;
  const nameEnd = /^<[A-Za-z_][\w:.-]*/.exec(tag)![0].length;
  attrRe.lastIndex = nameEnd;
  let end = nameEnd;
  while (attrRe.exec(tag) !== null) end = attrRe.lastIndex;
  return end === tag.length;
}

function toOriginal(offset: number, insertions: readonly Insertion[]): number {
  let shift = 0;
  for (const ins of insertions) {
    if (ins.at + shift + Math.max(ins.added, 0) <= offset || ins.added < 0) shift += ins.added;
    else break;
  }
  return Math.max(0, offset - shift);
}

const ENTITY_DECL = /<!(DOCTYPE|ENTITY)\b/i;

const parser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: false,
  allowBooleanAttributes: true,
});
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

/** Decodes the five predefined XML entities and character references (nothing else is expanded). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9A-Fa-f]+);/g, (all, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/**
 * Parses untrusted XML safely: document type and entity declarations are
 * refused (never expanded), malformed XML is reported with its line and
 * column, and every element keeps the offset of its start tag.
 */
export function parseXml(file: SourceFile): { doc?: XmlDocument; errors: Diagnostic[] } {
  const decl = ENTITY_DECL.exec(file.text);
  if (decl) {
    return {
      errors: [
        diagAt(
          file,
          decl.index,
          undefined,
          `<!${decl[1]!.toUpperCase()}> declarations are refused: GENIUS files need none, and entity expansion (internal "billion laughs" or external SYSTEM entities) is unsafe. Remove the declaration.`,
        ),
      ],
    };
  }
  const { text, insertions } = cleanQuirks(file.text);
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    const unclosed = /^Invalid '(\[[\s\S]*\])' found\.?$/.exec(msg);
    if (unclosed) {
      let names: string[];
      try {
        names = JSON.parse(unclosed[1]!) as string[];
      } catch {
        names = [];
      }
      const end = lineColumn(file.text, file.text.length);
      return {
        errors: [
          {
            file: file.path,
            line: end.line,
            column: end.column,
            message: `the XML ends before ${names.map((n) => `<${n}>`).join(', ') || 'some elements'} ${names.length === 1 ? 'is' : 'are'} closed: the file looks truncated`,
          },
        ],
      };
    }
    return { errors: [{ file: file.path, line, column: col, message: `malformed XML: ${msg}` }] };
  }
  let raw: unknown;
  try {
    raw = parser.parse(text);
  } catch (e) {
    return { errors: [{ file: file.path, message: `malformed XML: ${(e as Error).message}` }] };
  }
  const roots = convert(raw, insertions);
  const root = roots[0];
  if (!root) return { errors: [{ file: file.path, line: 1, column: 1, message: 'the file holds no XML element' }] };
  return { doc: { file, root }, errors: [] };
}

function convert(nodes: unknown, insertions: readonly Insertion[]): XmlElement[] {
  if (!Array.isArray(nodes)) return [];
  const out: XmlElement[] = [];
  for (const node of nodes as Record<string | symbol, unknown>[]) {
    const name = Object.keys(node).find((k) => k !== ':@' && !k.startsWith('#') && k !== '?xml');
    if (!name) continue;
    const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(rawAttrs)) attrs[k] = decodeEntities(String(v));
    const meta = node[META] as { startIndex?: number } | undefined;
    out.push({
      name,
      attrs,
      children: convert(node[name], insertions),
      offset: toOriginal(meta?.startIndex ?? 0, insertions),
    });
  }
  return out;
}
