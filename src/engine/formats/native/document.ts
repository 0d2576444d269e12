import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { formatPath, type Diagnostic } from '../../model/diagnostics.ts';

/** At most this many alias expansions per document: a "billion laughs" YAML fails fast. */
const MAX_ALIASES = 100;

/** A parsed YAML or JSON text that can say where a field path stands in it. */
export interface PositionedDocument {
  readonly file: string;
  readonly value: unknown;
  /** A diagnostic for a field path, with the line:column of the deepest node that exists on the path. */
  at(path: readonly (string | number)[], message: string): Diagnostic;
}

/**
 * Parses YAML (JSON is YAML too, so both get positions). Syntax errors are
 * returned as diagnostics with line:column; nothing throws.
 */
export function parsePositioned(file: string, text: string): { doc?: PositionedDocument; errors: Diagnostic[] } {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (e) {
    return { errors: [{ file, message: `cannot parse: ${(e as Error).message}` }] };
  }
  const pos = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map((e) => ({ file, ...pos(e.pos[0]), message: e.message.split('\n')[0] ?? e.message })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    return { errors: [{ file, message: `cannot read: ${(e as Error).message}` }] };
  }
  const at = (path: readonly (string | number)[], message: string): Diagnostic => {
    let node: unknown = doc.contents;
    let offset: number | undefined = (doc.contents as Node | null)?.range?.[0];
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
        if (!pair) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value;
        if ((node as Node | null)?.range && typeof key === 'string' && !isMap(node) && !Array.isArray((node as { items?: unknown }).items)) {
          offset = (node as Node).range![0];
        }
      } else if (node && typeof node === 'object' && 'items' in node && Array.isArray((node as { items: unknown[] }).items)) {
        const item = (node as { items: unknown[] }).items[Number(key)];
        if (item === undefined) break;
        node = item;
        offset = (item as Node).range?.[0] ?? offset;
      } else break;
    }
    return { file, ...(offset !== undefined ? pos(offset) : {}), path: formatPath(path), message };
  };
  return { doc: { file, value, at }, errors: [] };
}
