import { LIMITS } from '../model/limits.ts';
import type { Diagnostic } from '../model/diagnostics.ts';
import type { SourceFile } from './source-file.ts';

/**
 * A JSON parser that keeps where every value is, in time and memory linear in
 * the input and small: one pass, no recursion (nesting is capped at
 * LIMITS.nesting with a diagnostic), duplicate keys found with one hash lookup
 * each. Positions are kept as character offsets per container (one number per
 * child) and turned into line:column only when a diagnostic asks.
 */

/** Where a container's children are: their value offsets and, for objects, their keys and key offsets, in file order. */
interface Layout {
  readonly offset: number;
  readonly valueOffsets: number[];
  readonly keys?: string[];
  readonly keyOffsets?: number[];
}

/** A parsed JSON document: its value and where each path is. */
export interface JsonDocument {
  readonly value: unknown;
  /** Offset of the value (or, with `key`, of the key) at `path`, or of the deepest container on the path that exists. */
  offsetOf(path: readonly (string | number)[], key?: boolean): { offset: number; complete: boolean };
  /** The scalar at `path` as the file wrote it (strings as their value, numbers as their source text). */
  text(path: readonly (string | number)[]): string | undefined;
}

/** A JSON syntax error (or a limit) at an offset. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    /** True for problems that are not a matter of syntax (duplicate keys, nesting): the text is JSON, but refused. */
    readonly refused = false,
  ) {
    super(message);
  }
}

const WS = new Uint8Array(128);
WS[0x20] = WS[0x09] = WS[0x0a] = WS[0x0d] = 1;

interface Frame {
  readonly container: unknown[] | Record<string, unknown>;
  readonly layout: Layout;
  readonly isArray: boolean;
  /** For objects: the key read and waiting for its value. */
  key?: string;
  /** For objects: the value being read belongs to a duplicate key (it is not stored). */
  dropNext?: boolean;
}

/**
 * Parses JSON text; throws a JsonSyntaxError at the first syntax error or
 * nesting past the limit. Duplicate keys do not stop the parse: each is added
 * to `duplicates` (the first value is kept), so every one can be reported.
 */
export function parseJsonWithOffsets(text: string, options: { maxNesting?: number; duplicates?: JsonSyntaxError[] } = {}): JsonDocument {
  const duplicates = options.duplicates ?? [];
  const maxNesting = options.maxNesting ?? LIMITS.nesting;
  const n = text.length;
  const layouts = new WeakMap<object, Layout>();
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: Frame[] = [];
  let root: unknown;
  let rootOffset = 0;
  let haveRoot = false;

  const skipWs = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 128 && WS[c]) i++;
      else break;
    }
  };
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, Math.min(at, n));
  };
  const describe = (at: number) => (at >= n ? 'the end of the file' : `"${text[at]}"`);

  const readString = (): string => {
    // i is at the opening quote.
    const start = i;
    i++;
    let out = '';
    let run = i;
    for (;;) {
      if (i >= n) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(run, i);
        i++;
        return out;
      }
      if (c === 0x5c) {
        out += text.slice(run, i);
        const e = text.charCodeAt(i + 1);
        switch (e) {
          case 0x22:
            out += '"';
            break;
          case 0x5c:
            out += '\\';
            break;
          case 0x2f:
            out += '/';
            break;
          case 0x62:
            out += '\b';
            break;
          case 0x66:
            out += '\f';
            break;
          case 0x6e:
            out += '\n';
            break;
          case 0x72:
            out += '\r';
            break;
          case 0x74:
            out += '\t';
            break;
          case 0x75: {
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9A-Fa-f]{4}$/.test(hex)) fail('a \\u escape needs four hexadecimal digits', i);
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            fail(`invalid escape "\\${text[i + 1] ?? ''}" in a string`, i);
        }
        i += 2;
        run = i;
        continue;
      }
      if (c < 0x20) fail('a control character inside a string (escape it, e.g. \\n)', i);
      i++;
    }
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const readNumber = (): number => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m || m[0].length === 0 || m[0] === '-') fail(`unexpected ${describe(i)}: expected a value`);
    i += m![0].length;
    return Number(m![0]);
  };

  const literal = (word: string, value: unknown): unknown => {
    if (text.startsWith(word, i)) {
      i += word.length;
      return value;
    }
    return fail(`unexpected ${describe(i)}: expected a value`);
  };

  /** Stores a finished value into the container on top of the stack (or as the root). */
  const place = (value: unknown, at: number) => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = value;
      rootOffset = at;
      haveRoot = true;
      return;
    }
    top.layout.valueOffsets.push(at);
    if (top.isArray) (top.container as unknown[]).push(value);
    else {
      const obj = top.container as Record<string, unknown>;
      const k = top.key!;
      if (top.dropNext) top.dropNext = false;
      else if (k === '__proto__') Object.defineProperty(obj, k, { value, enumerable: true, writable: true, configurable: true });
      else obj[k] = value;
      top.key = undefined;
    }
  };

  const open = (isArray: boolean, at: number) => {
    if (stack.length >= maxNesting) throw new JsonSyntaxError(`nesting deeper than ${maxNesting} levels: parley reads documents nested at most ${maxNesting} deep`, at, true);
    const container: unknown[] | Record<string, unknown> = isArray ? [] : {};
    const layout: Layout = isArray ? { offset: at, valueOffsets: [] } : { offset: at, valueOffsets: [], keys: [], keyOffsets: [] };
    layouts.set(container, layout);
    stack.push({ container, layout, isArray });
  };

  // The parser is a loop over "expect a value" and "after a value" states, with an explicit stack.
  skipWs();
  let expectValue = true;
  for (;;) {
    if (expectValue) {
      skipWs();
      const top = stack[stack.length - 1];
      if (top && !top.isArray && top.key === undefined) {
        // Expecting a key (or the end of an empty object).
        if (text.charCodeAt(i) === 0x7d && top.layout.valueOffsets.length === 0) {
          i++;
          stack.pop();
          place(top.container, top.layout.offset);
          expectValue = false;
          continue;
        }
        if (text.charCodeAt(i) !== 0x22) fail(`unexpected ${describe(i)}: expected a key in double quotes`);
        const keyAt = i;
        const key = readString();
        const obj = top.container as Record<string, unknown>;
        if (Object.prototype.hasOwnProperty.call(obj, key)) {
          if (duplicates.length < LIMITS.diagnostics) duplicates.push(new JsonSyntaxError(`duplicate key "${key.length > 60 ? `${key.slice(0, 60)}…` : key}" (keys must be unique)`, keyAt, true));
          top.dropNext = true;
        }
        top.layout.keys!.push(key);
        top.layout.keyOffsets!.push(keyAt);
        skipWs();
        if (text.charCodeAt(i) !== 0x3a) fail(`unexpected ${describe(i)}: expected ":" after the key`);
        i++;
        top.key = key;
        continue;
      }
      skipWs();
      const at = i;
      const c = text.charCodeAt(i);
      if (c === 0x7b) {
        i++;
        open(false, at);
        continue;
      }
      if (c === 0x5b) {
        i++;
        open(true, at);
        skipWs();
        if (text.charCodeAt(i) === 0x5d) {
          i++;
          const done = stack.pop()!;
          place(done.container, done.layout.offset);
          expectValue = false;
        }
        continue;
      }
      let value: unknown;
      if (c === 0x22) value = readString();
      else if (c === 0x74) value = literal('true', true);
      else if (c === 0x66) value = literal('false', false);
      else if (c === 0x6e) value = literal('null', null);
      else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) value = readNumber();
      else fail(`unexpected ${describe(i)}: expected a value`);
      place(value, at);
      expectValue = false;
      continue;
    }
    // After a value.
    skipWs();
    const top = stack[stack.length - 1];
    if (!top) {
      if (i < n) fail(`unexpected ${describe(i)} after the end of the document`);
      break;
    }
    const c = text.charCodeAt(i);
    if (c === 0x2c) {
      i++;
      expectValue = true;
      continue;
    }
    if ((c === 0x5d && top.isArray) || (c === 0x7d && !top.isArray)) {
      i++;
      stack.pop();
      place(top.container, top.layout.offset);
      continue;
    }
    fail(`unexpected ${describe(i)}: expected "," or "${top.isArray ? ']' : '}'}"`);
  }
  if (!haveRoot) fail('the file holds no JSON value', 0);

  const step = (node: unknown, s: string | number): { child: unknown; offset: number; keyOffset: number } | undefined => {
    if (node === null || typeof node !== 'object') return undefined;
    const layout = layouts.get(node);
    if (!layout) return undefined;
    if (Array.isArray(node)) {
      if (typeof s !== 'number' || s < 0 || s >= node.length) return undefined;
      return { child: node[s], offset: layout.valueOffsets[s]!, keyOffset: layout.valueOffsets[s]! };
    }
    const k = layout.keys!.indexOf(String(s));
    if (k < 0) return undefined;
    return { child: (node as Record<string, unknown>)[String(s)], offset: layout.valueOffsets[k]!, keyOffset: layout.keyOffsets![k]! };
  };

  const walk = (path: readonly (string | number)[], key: boolean) => {
    let node = root;
    let offset = rootOffset;
    for (let k = 0; k < path.length; k++) {
      const next = step(node, path[k]!);
      if (!next) return { node, offset, complete: false };
      node = next.child;
      offset = key && k === path.length - 1 ? next.keyOffset : next.offset;
    }
    return { node, offset, complete: true };
  };

  return {
    value: root,
    offsetOf(path, key = false) {
      const w = walk(path, key);
      return { offset: w.offset, complete: w.complete };
    },
    text(path) {
      const w = walk(path, false);
      if (!w.complete) return undefined;
      if (typeof w.node === 'string') return w.node;
      if (typeof w.node === 'number') {
        NUMBER.lastIndex = w.offset;
        return NUMBER.exec(text)?.[0] ?? String(w.node);
      }
      if (typeof w.node === 'boolean' || w.node === null) return String(w.node);
      return undefined;
    },
  };
}

/** 1-based line and column of offsets in one text, from a table of line starts built once. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  let starts: Int32Array | undefined;
  return (offset: number) => {
    if (!starts) {
      let count = 1;
      for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) count++;
      starts = new Int32Array(count);
      let j = 1;
      for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) starts[j++] = k + 1;
    }
    const at = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - starts[lo]! + 1 };
  };
}

/** A JsonSyntaxError as a diagnostic of a file. */
export function jsonDiagnostic(file: SourceFile, e: JsonSyntaxError, where = lineIndex(file.text)): Diagnostic {
  return { file: file.path, ...where(e.offset), message: e.message };
}
