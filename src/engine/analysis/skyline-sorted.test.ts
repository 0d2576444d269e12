import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SortedSkyline } from './skyline-sorted.ts';
import { SkylineN } from './skyline-n.ts';
import { byUtilitiesDescending, type SkylinePoint } from './skyline-types.ts';

/** The definition: every distinct vector no other vector weakly dominates, with its ties, lowest index and rational ties. */
function bruteForce(rows: readonly (readonly number[])[], rational: readonly boolean[]): SkylinePoint[] {
  const n = rows[0]?.length ?? 0;
  const out: SkylinePoint[] = [];
  const seen = new Set<string>();
  rows.forEach((u, k) => {
    const key = u.join(',');
    if (seen.has(key)) return;
    seen.add(key);
    const dominated = rows.some((w) => w.some((x, i) => x !== u[i]) && w.every((x, i) => x >= u[i]!));
    if (dominated) return;
    let ties = 0;
    let rationalTies = 0;
    let rationalRep = -1;
    rows.forEach((w, j) => {
      if (w.join(',') !== key) return;
      ties++;
      if (rational[j]) {
        rationalTies++;
        if (rationalRep < 0) rationalRep = j;
      }
    });
    out.push({ utilities: [...u].slice(0, n), rep: k, ties, rationalRep, rationalTies });
  });
  return out.sort(byUtilitiesDescending);
}

describe('SortedSkyline (sort-filter skyline of in-memory outcomes)', () => {
  it('equals the brute-force frontier and SkylineN on random point sets with ties, 2–6 parties', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            // a coarse grid: equal vectors and equal coordinates are frequent
            fc.array(fc.tuple(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n }), fc.boolean()), { minLength: 0, maxLength: 120 }),
            fc.integer({ min: 1, max: 8 }),
          ),
        ),
        ([n, pts, capacity]) => {
          const rows = pts.map(([u]) => u.map((x) => x / 4));
          const rational = pts.map(([, r]) => r);
          const sorted = new SortedSkyline(n, capacity);
          const streamed = new SkylineN(n);
          rows.forEach((u, k) => {
            sorted.add(u, k, rational[k]!);
            streamed.add(u, k, rational[k]!);
          });
          const expected = bruteForce(rows, rational);
          expect(sorted.points()).toEqual(expected);
          expect(streamed.points()).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps the lowest index of each vector whatever the arrival order', () => {
    const s = new SortedSkyline(3);
    s.add([0.5, 0.5, 0.5], 7, false);
    s.add([0.5, 0.5, 0.5], 2, true);
    s.add([0.5, 0.5, 0.5], 5, true);
    s.add([0.4, 0.5, 0.5], 1, true);
    expect(s.points()).toEqual([{ utilities: [0.5, 0.5, 0.5], rep: 2, ties: 3, rationalRep: 2, rationalTies: 2 }]);
  });
});
