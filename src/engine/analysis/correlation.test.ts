import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denseRanks, kendallTauB, kendallTauPairs, pearson, ranks, spearman } from './correlation.ts';

/** Brute-force τ-b over all pairs: the oracle. */
function kendallBrute(a: readonly number[], b: readonly number[]): number {
  const m = a.length;
  let conc = 0;
  let disc = 0;
  let tiesA = 0;
  let tiesB = 0;
  for (let i = 0; i < m; i++)
    for (let j = i + 1; j < m; j++) {
      const da = Math.sign(a[i]! - a[j]!);
      const db = Math.sign(b[i]! - b[j]!);
      if (da === 0) tiesA++;
      if (db === 0) tiesB++;
      if (da * db > 0) conc++;
      else if (da * db < 0) disc++;
    }
  const pairs = (m * (m - 1)) / 2;
  const den = Math.sqrt((pairs - tiesA) * (pairs - tiesB));
  return den > 0 ? (conc - disc) / den : 0;
}

describe('correlation', () => {
  it('Kendall τ-b (O(n log n)) equals the all-pairs count, ties included', () => {
    // few distinct values (the per-cell count) and many (Knight's algorithm)
    const series = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.constantFrom(5, 200)).chain(([n, top]) =>
      fc.tuple(fc.array(fc.integer({ min: 0, max: top }), { minLength: n, maxLength: n }), fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n })),
    );
    fc.assert(
      fc.property(series, ([a, b]) => {
        expect(kendallTauB(a, b)).toBeCloseTo(kendallBrute(a, b), 12);
      }),
      { numRuns: 300 },
    );
  });
  it('dense ranks: the rank of a value is the number of distinct smaller values (property)', () => {
    const value = fc.oneof(fc.integer({ min: -6, max: 6 }).map((v) => v / 4), fc.double({ noNaN: true }), fc.constant(-0));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (a) => {
        const distinct = [...new Set(a.map((v) => (Object.is(v, -0) ? 0 : v)))];
        expect(Array.from(denseRanks(Float64Array.from(a)))).toEqual(a.map((v) => distinct.filter((w) => w < v).length));
      }),
      { numRuns: 300 },
    );
  });
  it('τ-b of every pair at once equals the all-pairs count of each pair (property)', () => {
    // few or many distinct values per series, so that both the table and the Fenwick passes run
    const series = fc
      .tuple(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 1, max: 4 }))
      .chain(([n, d]) => fc.array(fc.constantFrom(2, 6, 400).chain((top) => fc.array(fc.integer({ min: 0, max: top }), { minLength: n, maxLength: n })), { minLength: d, maxLength: d }));
    fc.assert(
      fc.property(series, (all) => {
        const m = all[0]!.length;
        const ranked = all.map((x) => denseRanks(Float64Array.from(x)));
        const got = kendallTauPairs(ranked, m);
        const want: number[] = [];
        for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) want.push(kendallBrute(all[i]!, all[j]!));
        expect(got.length).toBe(want.length);
        got.forEach((t, q) => expect(t).toBeCloseTo(want[q]!, 12));
      }),
      { numRuns: 300 },
    );
  });

  it('dense ranks into a given array: the first m values only, the same ranks as a fresh array', () => {
    const x = Float64Array.of(0.5, 0.25, 0.5, 1, 0.25, 9, 9);
    const out = new Int32Array(8).fill(-7);
    denseRanks(x, 5, out);
    expect(Array.from(out)).toEqual([1, 0, 1, 2, 0, -7, -7, -7]);
    expect(Array.from(denseRanks(x, 5))).toEqual([1, 0, 1, 2, 0]);
  });

  it('Pearson and Spearman on known series', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBe(0);
    expect(Array.from(ranks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 16])).toBeCloseTo(1, 12);
  });
});
