import { CST, isAlias, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { formatPath, ScenarioError, type Diagnostic } from '../model/diagnostics.ts';
import { LIMITS } from '../model/limits.ts';
import { checkFileSize, type SourceFile } from './source-file.ts';
import { JsonSyntaxError, lineIndex, parseJsonWithOffsets } from './json-positions.ts';
import { pushAll } from '../util/arrays.ts';

/**
 * YAML and JSON with positions. JSON is read by the same YAML parser (JSON is
 * YAML 1.2), so both give line:column for every field path.
 *
 * Unlike `doc.toJS()`, the conversion here keeps mapping keys as the text the
 * file wrote: a key `1.0` stays "1.0" (toJS would give "1"), so option names
 * that look numeric survive. Alias expansions are counted and capped, so a
 * "billion laughs" document fails fast with a diagnostic.
 */

export type FieldPath = readonly (string | number)[];

/** Default cap on alias expansions per document (each expansion of `*x`, nested ones included). */
export const MAX_ALIAS_EXPANSIONS = 1000;

/**
 * Most YAML tokens (scalars, indicators, spaces, line breaks) one document may
 * have. The YAML parser keeps about 300 bytes and spends about 3 µs per token,
 * so this bounds a YAML document to a few hundred MB and a few seconds
 * whatever its byte size (docs/limits.md). JSON documents do not go through
 * the YAML parser and have no such limit (only the file size).
 */
export const MAX_YAML_TOKENS = 1_000_000;
/** Most values (scalars and collections, aliases expanded) a YAML document may give. */
export const MAX_YAML_VALUES = 1_000_000;

export interface PositionedOptions {
  /** Cap on alias expansions; 0 forbids aliases. */
  readonly maxAliasCount?: number;
}

/** A parsed YAML or JSON document that can say where a field path is. */
export interface PositionedDocument {
  readonly file: string;
  /** Plain data: objects with string keys (as written), arrays, strings, numbers, booleans, null. */
  readonly value: unknown;
  /** Line and column (1-based) of the node at `path`, or of the deepest node on the path that exists. */
  position(path: FieldPath, options?: { key?: boolean }): { line: number; column: number } | undefined;
  /** A diagnostic at `path` (with `key: true`, at the mapping key rather than its value). */
  at(path: FieldPath, message: string, options?: { key?: boolean }): Diagnostic;
  /** The scalar at `path` as the file wrote it (strings as their value, other scalars as their source text). */
  text(path: FieldPath): string | undefined;
}

/** Text of a scalar: its string value, or the source text for numbers, booleans and nulls. */
function scalarText(node: Node): string {
  if (!isScalar(node)) return '';
  if (typeof node.value === 'string') return node.value;
  return node.source ?? String(node.value);
}

/**
 * Parses a YAML or JSON file. Throws a ScenarioError listing every syntax
 * error with line:column (and the file size check, and alias explosions).
 */
export function parsePositioned(file: SourceFile, options: PositionedOptions = {}): PositionedDocument {
  checkFileSize(file.path, file.text.length);
  if (looksLikeJson(file.text)) {
    const json = parseJsonPositioned(file);
    if (json) return json;
  }
  return parseYamlPositioned(file, options);
}

/** Whether a text starts (after a byte order mark and blanks) like a JSON object or array. */
function looksLikeJson(text: string): boolean {
  const m = /^\uFEFF?[ \t\r\n]*([[{])/.exec(text.slice(0, 4096));
  return !!m;
}

/**
 * Reads a JSON document with the linear JSON parser. Gives undefined when the
 * text is not JSON and the file is not named `.json` (it may be YAML flow
 * style, such as `{parley: 1, …}`); throws a ScenarioError for a `.json` file
 * that is not JSON, and for JSON that is refused (duplicate keys, nesting).
 */
function parseJsonPositioned(file: SourceFile): PositionedDocument | undefined {
  const where = lineIndex(file.text);
  const duplicates: JsonSyntaxError[] = [];
  const diag = (e: JsonSyntaxError) => ({ file: file.path, ...where(e.offset), message: e.refused ? e.message : `malformed JSON: ${e.message}` });
  let json;
  try {
    json = parseJsonWithOffsets(file.text, { duplicates });
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    if (!e.refused && duplicates.length === 0 && !/\.json$/i.test(file.path)) return undefined;
    throw new ScenarioError([...duplicates.slice(0, LIMITS.diagnostics), e].map(diag));
  }
  if (duplicates.length > 0) throw new ScenarioError(duplicates.slice(0, LIMITS.diagnostics).map(diag));
  const position = (path: FieldPath, opts: { key?: boolean } = {}) => where(json.offsetOf(path, opts.key ?? false).offset);
  return {
    file: file.path,
    value: json.value,
    position,
    at(path, message, opts) {
      return { file: file.path, ...position(path, opts), ...(path.length ? { path: formatPath(path) } : {}), message };
    },
    text: (path) => json.text(path),
  };
}

/**
 * Counts a YAML text's tokens and nesting before the parser sees it (the
 * lexer is cheap and streams), so that a document too large for the parser's
 * memory, or nested too deep, is refused first. Throws a ScenarioError.
 */
function checkYamlBudget(file: SourceFile, pos: (offset: number) => { line: number; column: number }): void {
  let tokens = 0;
  let offset = 0;
  let flow = 0;
  const indents: number[] = [];
  let lineStart = true;
  for (const token of new Lexer().lex(file.text)) {
    if (++tokens > MAX_YAML_TOKENS) {
      throw new ScenarioError([
        {
          file: file.path,
          ...pos(offset),
          message: `the YAML document has more than ${MAX_YAML_TOKENS.toLocaleString('en-US')} tokens (values, indicators, line breaks): too large to read as YAML (docs/limits.md); write large scenarios as JSON`,
        },
      ]);
    }
    // The lexer marks where documents, scalars and flow errors start with control characters that are not in the text.
    if (token === CST.DOCUMENT || token === CST.SCALAR || token === CST.FLOW_END) continue;
    const type = CST.tokenType(token);
    if (type === 'newline') lineStart = true;
    else if (lineStart && type !== 'space' && type !== 'comment' && flow === 0) {
      // The first token of a line: its column is the line's indentation.
      const col = offset - file.text.lastIndexOf('\n', offset - 1) - 1;
      while (indents.length > 0 && indents[indents.length - 1]! >= col) indents.pop();
      indents.push(col);
      lineStart = false;
    } else if (type !== 'space') lineStart = false;
    if (type === 'flow-map-start' || type === 'flow-seq-start') flow++;
    else if ((type === 'flow-map-end' || type === 'flow-seq-end') && flow > 0) flow--;
    if (flow + indents.length > LIMITS.nesting + 1)
      throw new ScenarioError([{ file: file.path, ...pos(offset), message: `nesting deeper than ${LIMITS.nesting} levels: parley reads documents nested at most ${LIMITS.nesting} deep` }]);
    offset += token.length;
  }
}

function parseYamlPositioned(file: SourceFile, options: PositionedOptions): PositionedDocument {
  const lineCounter = new LineCounter();
  const where = lineIndex(file.text);
  const pos = (offset: number) => where(offset);
  checkYamlBudget(file, pos);
  let doc: Document.Parsed;
  try {
    // Duplicate keys are found below in one pass (the parser's own check is quadratic).
    doc = parseDocument(file.text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  } catch (e) {
    throw new ScenarioError([{ file: file.path, message: `cannot parse: ${(e as Error).message}` }]);
  }
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.slice(0, LIMITS.diagnostics).map((e) => ({ file: file.path, ...pos(e.pos[0]), message: firstLine(e.message) })),
    );
  }
  const maxAliases = options.maxAliasCount ?? MAX_ALIAS_EXPANSIONS;
  let aliases = 0;
  let values = 0;
  const problems: Diagnostic[] = [];
  const resolve = (node: unknown): unknown => {
    let n = node;
    let hops = 0;
    while (isAlias(n)) {
      aliases++;
      if (aliases > maxAliases) throw new AliasLimit(n.range?.[0]);
      n = n.resolve(doc);
      if (++hops > 100) throw new AliasLimit(undefined);
    }
    return n;
  };
  const convert = (node: unknown, depth: number): unknown => {
    if (depth > LIMITS.nesting) throw new AliasLimit(rangeStart(node), 'nesting');
    if (++values > MAX_YAML_VALUES) throw new AliasLimit(rangeStart(node), 'values');
    const n = resolve(node);
    if (n === null || n === undefined) return null;
    if (isScalar(n)) return n.value;
    if (isSeq(n)) return n.items.map((it) => convert(it, depth + 1));
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      for (const pair of n.items) {
        const k = resolve(pair.key);
        if (!isScalar(k)) {
          if (problems.length < LIMITS.diagnostics) problems.push({ file: file.path, ...(rangeStart(k) !== undefined ? pos(rangeStart(k)!) : {}), message: 'mapping keys must be plain scalars' });
          continue;
        }
        const key = scalarText(k as Node);
        if (Object.prototype.hasOwnProperty.call(out, key)) {
          if (problems.length < LIMITS.diagnostics)
            problems.push({ file: file.path, ...(rangeStart(k) !== undefined ? pos(rangeStart(k)!) : {}), message: `duplicate key "${key.length > 60 ? `${key.slice(0, 60)}…` : key}"` });
          continue;
        }
        Object.defineProperty(out, key, { value: convert(pair.value, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return null;
  };
  let value: unknown;
  try {
    value = convert(doc.contents, 0);
  } catch (e) {
    if (e instanceof AliasLimit)
      throw new ScenarioError([
        {
          file: file.path,
          ...(e.offset !== undefined ? pos(e.offset) : {}),
          message:
            e.kind === 'nesting'
              ? `nesting deeper than ${LIMITS.nesting} levels: parley reads documents nested at most ${LIMITS.nesting} deep`
              : e.kind === 'values'
                ? `the document expands to more than ${MAX_YAML_VALUES.toLocaleString('en-US')} values (aliases included): refusing a document that may explode in size`
                : `too many alias expansions or too deep nesting (at most ${maxAliases} expansions): refusing a document that may explode in size`,
        },
      ]);
    throw e;
  }
  if (problems.length > 0) throw new ScenarioError(problems);

  /** The node at a path, or the deepest existing one; `key` says whether the last step found a key node. */
  const find = (path: FieldPath, wantKey: boolean): { node: unknown; complete: boolean } => {
    let node: unknown = doc.contents;
    let aliasHops = 0;
    for (let i = 0; i < path.length; i++) {
      const step = path[i]!;
      while (isAlias(node) && aliasHops++ < 100) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && scalarText(p.key as Node) === String(step));
        if (!pair) return { node, complete: false };
        node = wantKey && i === path.length - 1 ? pair.key : pair.value ?? pair.key;
      } else if (isSeq(node) && typeof step === 'number') {
        const item = node.items[step];
        if (item === undefined) return { node, complete: false };
        node = item;
      } else {
        return { node, complete: false };
      }
    }
    while (isAlias(node) && aliasHops++ < 100) node = node.resolve(doc);
    return { node, complete: true };
  };
  const position = (path: FieldPath, opts: { key?: boolean } = {}) => {
    const start = rangeStart(find(path, opts.key ?? false).node);
    return start !== undefined ? pos(start) : undefined;
  };
  void lineCounter;
  return {
    file: file.path,
    value,
    position,
    at(path, message, opts) {
      return { file: file.path, ...position(path, opts), ...(path.length ? { path: formatPath(path) } : {}), message };
    },
    text(path) {
      const { node, complete } = find(path, false);
      return complete && isScalar(node) ? scalarText(node as Node) : undefined;
    },
  };
}

function rangeStart(node: unknown): number | undefined {
  const r = (node as Node | null | undefined)?.range;
  return r ? r[0] : undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

class AliasLimit extends Error {
  constructor(
    readonly offset: number | undefined,
    readonly kind: 'aliases' | 'nesting' | 'values' = 'aliases',
  ) {
    super('alias limit');
  }
}

/** The kind of a plain value, in the words messages use. */
export function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : `the number ${v}`;
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${String(v)}`;
}

/**
 * Reads typed fields out of a positioned document, collecting a diagnostic
 * (file, line:column, field path) for each field that is missing or of the
 * wrong type instead of stopping at the first.
 */
export class FieldReader {
  readonly problems: Diagnostic[] = [];
  constructor(readonly doc: PositionedDocument) {}

  error(path: FieldPath, message: string, options?: { key?: boolean }): void {
    // Past the cap, problems are kept without a position (finding one costs a walk of the document).
    this.problems.push(this.problems.length < LIMITS.diagnostics ? this.doc.at(path, message, options) : { file: this.doc.file, ...(path.length ? { path: formatPath(path) } : {}), message });
  }

  /** The raw value at a path (undefined when absent). */
  get(path: FieldPath): unknown {
    let v: unknown = this.doc.value;
    for (const step of path) {
      if (v === null || typeof v !== 'object') return undefined;
      v = Array.isArray(v) ? (typeof step === 'number' ? v[step] : undefined) : Object.prototype.hasOwnProperty.call(v, step) ? (v as Record<string, unknown>)[String(step)] : undefined;
    }
    return v;
  }

  has(path: FieldPath): boolean {
    return this.get(path) !== undefined;
  }

  object(path: FieldPath, what = 'a mapping'): Record<string, unknown> | undefined {
    const v = this.get(path);
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    this.error(path, v === undefined ? `missing: expected ${what}` : `expected ${what}, got ${kindOf(v)}`);
    return undefined;
  }

  array(path: FieldPath, what = 'a list'): unknown[] | undefined {
    const v = this.get(path);
    if (Array.isArray(v)) return v;
    this.error(path, v === undefined ? `missing: expected ${what}` : `expected ${what}, got ${kindOf(v)}`);
    return undefined;
  }

  /** A finite number (numeric text is accepted too); `infinite` also lets ±∞ through. */
  number(path: FieldPath, options: { what?: string; infinite?: boolean; min?: number } = {}): number | undefined {
    const what = options.what ?? 'a number';
    const v = this.get(path);
    const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isNaN(x) || (!Number.isFinite(x) && !options.infinite)) {
      this.error(path, v === undefined ? `missing: expected ${what}` : `expected ${what}, got ${kindOf(v)}`);
      return undefined;
    }
    if (options.min !== undefined && x < options.min) {
      this.error(path, `expected ${what} of at least ${options.min}, got ${x}`);
      return undefined;
    }
    return x;
  }

  /** A string; other scalars are given as the text the file wrote. */
  text(path: FieldPath, what = 'a text'): string | undefined {
    const v = this.get(path);
    if (typeof v === 'string') return v;
    if (v !== undefined && v !== null && typeof v !== 'object') return this.doc.text(path) ?? String(v);
    this.error(path, v === undefined ? `missing: expected ${what}` : `expected ${what}, got ${kindOf(v)}`);
    return undefined;
  }
}

/**
 * Parses one file into a FieldReader; a file that does not parse adds its
 * diagnostics to `problems` and gives undefined, so importers can go on and
 * report every file's problems at once.
 */
export function readerOrProblems(file: SourceFile, problems: Diagnostic[], options?: PositionedOptions): FieldReader | undefined {
  try {
    return new FieldReader(parsePositioned(file, options));
  } catch (e) {
    if (e instanceof ScenarioError) {
      pushAll(problems, e.diagnostics);
      return undefined;
    }
    throw e;
  }
}
