/**
 * Loops instead of spreads: `Math.max(...a)` and `target.push(...a)` pass every
 * element as an argument and overflow the call stack for arrays of about 10^5
 * elements and more (issue tables reach 10^6 values; see docs/limits.md).
 */

/** The largest element (-Infinity for none). */
export function maxOf(a: ArrayLike<number>): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < a.length; i++) if (a[i]! > m || Number.isNaN(a[i]!)) m = a[i]!;
  return m;
}

/** The smallest element (Infinity for none). */
export function minOf(a: ArrayLike<number>): number {
  let m = Number.POSITIVE_INFINITY;
  for (let i = 0; i < a.length; i++) if (a[i]! < m || Number.isNaN(a[i]!)) m = a[i]!;
  return m;
}

/** Appends every item to `target` (any count). */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const x of items) target.push(x);
}
