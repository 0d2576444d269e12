import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Diagnostic } from '../../model/diagnostics.ts';
import { LIMITS } from '../../model/limits.ts';
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
 *
 * One pass with a small state machine (text, tag, attribute value, comment,
 * processing instruction, CDATA), so its time is linear in the text whatever
 * it holds.
 */
export function cleanQuirks(text: string): { text: string; insertions: Insertion[] } {
  let t = text.replace(/^\uFEFF/, '');
  const bomShift = text.length - t.length;
  // A declaration after leading comments/whitespace: replace by spaces (same length, lines kept).
  t = t.replace(/^((?:\s|<!--[\s\S]*?-->)*)(<\?xml[\s\S]*?\?>)/, (_m, lead: string, decl: string) =>
    lead.length > 0 ? lead + decl.replace(/[^\n]/g, ' ') : lead + decl,
  );
  const insertions: Insertion[] = [];
  const parts: string[] = [];
  let last = 0;
  const ENTITY = /(?:[A-Za-z_][\w.-]*|#\d+|#x[0-9A-Fa-f]+);/y;
  const NEXT_ATTRIBUTE = /[A-Za-z_][\w:.-]*\s*=\s*["']/y;
  const n = t.length;
  let state: 'text' | 'tag' | 'value' = 'text';
  let quote = 0;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (state === 'text') {
      if (c === 0x3c /* < */) {
        // Comments, processing instructions and CDATA are skipped whole.
        const close = t.startsWith('<!--', i) ? '-->' : t.startsWith('<?', i) ? '?>' : t.startsWith('<![CDATA[', i) ? ']]>' : undefined;
        if (close) {
          const e = t.indexOf(close, i + 2);
          i = e < 0 ? n : e + close.length - 1;
          continue;
        }
        if (/[A-Za-z_]/.test(t[i + 1] ?? '')) state = 'tag';
        continue;
      }
    } else if (state === 'tag') {
      if (c === 0x22 || c === 0x27) {
        state = 'value';
        quote = c;
      } else if (c === 0x3e /* > */) state = 'text';
      continue;
    } else if (c === quote) {
      // The end of an attribute value: a name directly after it is missing its space.
      state = 'tag';
      NEXT_ATTRIBUTE.lastIndex = i + 1;
      if (NEXT_ATTRIBUTE.test(t)) {
        parts.push(t.slice(last, i + 1), ' ');
        insertions.push({ at: i + 1 + bomShift, added: 1 });
        last = i + 1;
      }
      continue;
    }
    if (c === 0x26 /* & */) {
      ENTITY.lastIndex = i + 1;
      if (!ENTITY.test(t)) {
        parts.push(t.slice(last, i), '&amp;');
        insertions.push({ at: i + bomShift, added: 4 });
        last = i + 1;
      }
    }
  }
  parts.push(t.slice(last));
  if (bomShift) insertions.unshift({ at: 0, added: -bomShift });
  return { text: parts.join(''), insertions };
}

/** Maps offsets in the cleaned text back to the original, by binary search over the insertions (which are in text order). */
function offsetMapper(insertions: readonly Insertion[]): (offset: number) => number {
  // ends[k]: where insertion k ends in the cleaned text; shifts[k]: the shift of everything after the first k insertions.
  const ends = new Float64Array(insertions.length);
  const shifts = new Float64Array(insertions.length + 1);
  let shift = 0;
  insertions.forEach((ins, k) => {
    ends[k] = ins.added < 0 ? -Infinity : ins.at + shift + ins.added;
    shift += ins.added;
    shifts[k + 1] = shift;
  });
  return (offset) => {
    let lo = 0;
    let hi = insertions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, offset - shifts[lo]!);
  };
}

const ENTITY_DECL = /<!(DOCTYPE|ENTITY)\b/i;

/**
 * Most tags and attributes (counted as `<` and `=` characters) an XML file may
 * have. The XML parser spends about 5 µs and keeps about 500 bytes per tag or
 * attribute, so this bounds a file to a few seconds and a few hundred MB
 * whatever its byte size (docs/limits.md). The largest GENIUS file in the
 * shared scenarios has 65,000 tags.
 */
export const MAX_XML_MARKUP = 400_000;

/** Offset of the first start tag nested deeper than LIMITS.nesting (by a scan of the tags), or undefined. */
function nestingOverflow(text: string): number | undefined {
  const TAG = /<(\/?)[A-Za-z_][^>]*?(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;
  let depth = 0;
  for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
    if (m[0].startsWith('<!--') || m[0].startsWith('<?')) continue;
    if (m[1]) depth--;
    else if (!m[2] && ++depth > LIMITS.nesting) return m.index;
  }
  return undefined;
}

/** Most attributes one element may have (the XML parser slows down more than linearly past a few thousand). */
export const MAX_XML_ATTRIBUTES = 1000;

/** Where the file passes MAX_XML_MARKUP tags and attributes, or an element MAX_XML_ATTRIBUTES attributes; undefined when it does not. */
function markupOverflow(text: string): { offset: number; message: string } | undefined {
  let count = 0;
  let inTag = false;
  let attrs = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3c) {
      inTag = true;
      attrs = 0;
    } else if (c === 0x3e) inTag = false;
    else if (c === 0x3d && inTag && ++attrs > MAX_XML_ATTRIBUTES)
      return { offset: i, message: `an element with more than ${MAX_XML_ATTRIBUTES.toLocaleString('en-US')} attributes: too large to read (docs/limits.md)` };
    if ((c === 0x3c || c === 0x3d) && ++count > MAX_XML_MARKUP)
      return { offset: i, message: `the XML file has more than ${MAX_XML_MARKUP.toLocaleString('en-US')} tags and attributes: too large to read (docs/limits.md)` };
  }
  return undefined;
}

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
  maxNestedTags: LIMITS.nesting,
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
  const over = markupOverflow(file.text);
  if (over) return { errors: [diagAt(file, over.offset, undefined, over.message)] };
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
    const message = (e as Error).message;
    if (/nested tags/i.test(message)) {
      return { errors: [diagAt(file, nestingOverflow(file.text), undefined, `nesting deeper than ${LIMITS.nesting} levels: parley reads documents nested at most ${LIMITS.nesting} deep`)] };
    }
    return { errors: [{ file: file.path, message: `malformed XML: ${message}` }] };
  }
  const roots = convert(raw, offsetMapper(insertions));
  const root = roots[0];
  if (!root) return { errors: [{ file: file.path, line: 1, column: 1, message: 'the file holds no XML element' }] };
  return { doc: { file, root }, errors: [] };
}

function convert(nodes: unknown, toOriginal: (offset: number) => number): XmlElement[] {
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
      children: convert(node[name], toOriginal),
      offset: toOriginal(meta?.startIndex ?? 0),
    });
  }
  return out;
}
