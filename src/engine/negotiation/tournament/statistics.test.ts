import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bootstrapInterval, holm, quantile, signFlipTest, SIGN_FLIP_EXACT_MAX } from './statistics.ts';

/** Brute force: p = share of all 2^m sign patterns with |Σ ±d| ≥ |Σ d|. */
function bruteSignFlip(d: readonly number[]): number {
  const m = d.length;
  const obs = Math.abs(d.reduce((s, x) => s + x, 0));
  let hits = 0;
  for (let mask = 0; mask < 2 ** m; mask++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += mask & (1 << i) ? -d[i]! : d[i]!;
    if (Math.abs(s) >= obs - 1e-12) hits++;
  }
  return hits / 2 ** m;
}

describe('tournament statistics', () => {
  it('quantile interpolates between order statistics', () => {
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10], 0.3)).toBe(10);
  });

  it('the exact sign-flip test equals brute-force enumeration', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }).map((x) => x / 10), { minLength: 0, maxLength: 10 }), (d) => {
        const t = signFlipTest(d, 1);
        expect(t.method).toBe('exact');
        expect(t.pValue).toBeCloseTo(bruteSignFlip(d.filter((x) => x !== 0)), 12);
      }),
    );
  });

  it('by hand: differences 0.1 and 0.5 (one-sided extreme) give p = 1/2; all positive among 5 gives 2/32', () => {
    expect(signFlipTest([0.1, 0.5], 0).pValue).toBe(0.5);
    expect(signFlipTest([0, 0, 0.1, 0.5], 0).pValue).toBe(0.5);
    expect(signFlipTest([1, 1, 1, 1, 1], 0).pValue).toBe(2 / 32);
    expect(signFlipTest([], 0).pValue).toBe(1);
  });

  it('beyond exact enumeration: Monte Carlo (seeded) and the normal approximation agree with the exact value', () => {
    const d = Array.from({ length: SIGN_FLIP_EXACT_MAX }, (_, i) => ((i * 7) % 5) / 10 - 0.12);
    const exact = signFlipTest(d, 3).pValue;
    const mc = signFlipTest([...d, 0.01], 3);
    expect(mc.method).toBe('monte-carlo');
    expect(signFlipTest([...d, 0.01], 3).pValue).toBe(mc.pValue); // seeded
    expect(Math.abs(mc.pValue - exact)).toBeLessThan(0.05);
    const big = Array.from({ length: 400 }, (_, i) => Math.sin(i) + 0.1);
    const normal = signFlipTest(big, 3);
    expect(normal.method).toBe('normal');
    const z = big.reduce((s, x) => s + x, 0) / Math.sqrt(big.reduce((s, x) => s + x * x, 0));
    expect(z).toBeGreaterThan(2);
    expect(normal.pValue).toBeLessThan(0.05);
  });

  it('Holm: sorted p-values times (k − rank), running maximum, capped at 1', () => {
    expect(holm([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
    expect(holm([0.5, 0.9])).toEqual([1, 1]);
    expect(holm([])).toEqual([]);
  });

  it('the bootstrap interval matches the exact bootstrap distribution (all m^m resamples)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ sum: fc.integer({ min: 0, max: 10 }), count: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 4 }), (clusters) => {
        const m = clusters.length;
        const estimates: number[] = [];
        const rec = (chosen: number[]) => {
          if (chosen.length === m) {
            estimates.push(chosen.reduce((s, k) => s + clusters[k]!.sum, 0) / chosen.reduce((s, k) => s + clusters[k]!.count, 0));
            return;
          }
          for (let k = 0; k < m; k++) rec([...chosen, k]);
        };
        rec([]);
        // The exact bootstrap distribution is discrete: check the exact CDF at the interval's ends (sampling error ≈ 0.0025).
        const below = (x: number) => estimates.filter((e) => e < x - 1e-12).length / estimates.length;
        const atMost = (x: number) => estimates.filter((e) => e <= x + 1e-12).length / estimates.length;
        const iv = bootstrapInterval(clusters, { resamples: 4000, confidence: 0.95, seed: 9 });
        expect(atMost(iv.low)).toBeGreaterThanOrEqual(0.025 - 0.015);
        expect(below(iv.low)).toBeLessThanOrEqual(0.025 + 0.015);
        expect(atMost(iv.high)).toBeGreaterThanOrEqual(0.975 - 0.015);
        expect(below(iv.high)).toBeLessThanOrEqual(0.975 + 0.015);
      }),
      { numRuns: 40 },
    );
  });

  it('the bootstrap is seeded, and a single cluster gives a point', () => {
    const c = [
      { sum: 1, count: 2 },
      { sum: 3, count: 2 },
      { sum: 0.5, count: 1 },
    ];
    expect(bootstrapInterval(c, { resamples: 500, confidence: 0.9, seed: 4 })).toEqual(bootstrapInterval(c, { resamples: 500, confidence: 0.9, seed: 4 }));
    expect(bootstrapInterval([{ sum: 0.6, count: 2 }], { resamples: 100, confidence: 0.95, seed: 1 })).toEqual({ low: 0.3, high: 0.3 });
  });
});
