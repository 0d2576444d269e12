/**
 * Number syntax as GENIUS's Java reads it (Double.valueOf / Integer.valueOf),
 * minus what JavaScript's Number() would wrongly accept ("", "0x10", " ").
 */
const DOUBLE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[dDfF]?$/;
const INTEGER = /^[+-]?\d+$/;

/** A finite double, ±Infinity when `allowInfinite`, or undefined when the text is not a number (NaN included). */
export function parseJavaDouble(s: string | undefined, allowInfinite = false): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  if (allowInfinite && /^[+-]?Infinity$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (!DOUBLE.test(t)) return undefined;
  const x = Number(t.replace(/[dDfF]$/, ''));
  return Number.isFinite(x) ? x : undefined;
}

/** A 32-bit integer, or undefined. */
export function parseJavaInt(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  if (!INTEGER.test(t)) return undefined;
  const x = Number(t);
  return x >= -2147483648 && x <= 2147483647 ? x : undefined;
}

/** Shortest text that reads back as exactly the same double. */
export function formatDouble(x: number): string {
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return String(x);
}
