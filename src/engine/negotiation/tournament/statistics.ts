// The statistics of a tournament's ranking: a cluster bootstrap interval and a paired sign-flip test (see docs/tournaments.md).
import { createRng } from '../../util/rng.ts';

/**
 * 32 random bits at a time (xorshift128, seeded from the engine's seeded
 * generator): the inner loops of the bootstrap and the sign-flip test draw
 * millions of numbers, and this is many times faster than one call per draw.
 */
function bitStream(seed: number): () => number {
  const rng = createRng(seed);
  let x = rng.int(1, 0x7fffffff);
  let y = rng.int(0, 0x7fffffff);
  let z = rng.int(0, 0x7fffffff);
  let w = rng.int(0, 0x7fffffff);
  return () => {
    const t = x ^ (x << 11);
    x = y;
    y = z;
    z = w;
    w = (w ^ (w >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    return w;
  };
}

/** A quantile of sorted values (linear interpolation between order statistics, Hyndman–Fan type 7). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** A group of observations resampled together: their sum and count. */
export interface Cluster {
  readonly sum: number;
  readonly count: number;
}

/**
 * Percentile bootstrap interval of a mean over clusters: each of `resamples`
 * resamples draws as many clusters as there are, with replacement, and takes
 * Σ sums / Σ counts; the interval runs between the (1 − confidence)/2 and
 * (1 + confidence)/2 quantiles of those estimates. Seeded: the same seed gives
 * the same interval. With one cluster (or identical ones) the interval is a
 * single point.
 */
export function bootstrapInterval(clusters: readonly Cluster[], options: { resamples: number; confidence: number; seed: number }): { low: number; high: number } {
  const m = clusters.length;
  if (m === 0) return { low: NaN, high: NaN };
  const sums = Float64Array.from(clusters, (c) => c.sum);
  const counts = Float64Array.from(clusters, (c) => c.count);
  const bits = bitStream(options.seed);
  const estimates = new Float64Array(options.resamples);
  for (let b = 0; b < options.resamples; b++) {
    let s = 0;
    let c = 0;
    for (let j = 0; j < m; j++) {
      // A uniform index in [0, m): the high bits of a 32-bit draw scaled by m (bias below m / 2³², negligible).
      const k = Math.floor((bits() / 0x100000000) * m);
      s += sums[k]!;
      c += counts[k]!;
    }
    estimates[b] = s / c;
  }
  estimates.sort();
  const alpha = 1 - options.confidence;
  return { low: quantile(estimates, alpha / 2), high: quantile(estimates, 1 - alpha / 2) };
}

/** The result of a two-sided paired sign-flip test. */
export interface SignFlipTest {
  /** p-value of the null hypothesis "the paired differences are symmetric around 0". */
  readonly pValue: number;
  /** How it was computed: every sign pattern (`exact`), random patterns (`monte-carlo`) or the normal approximation (`normal`). */
  readonly method: 'exact' | 'monte-carlo' | 'normal';
}

/** At most this many non-zero differences: every sign pattern is enumerated (2^16 patterns). */
export const SIGN_FLIP_EXACT_MAX = 16;
/** Random sign patterns drawn when the differences are too many to enumerate. */
export const SIGN_FLIP_RESAMPLES = 10_000;
/** Above this many differences the randomisation distribution is taken as normal (its mean 0, variance Σd²). */
export const SIGN_FLIP_MONTE_CARLO_MAX = 200;

/** Standard normal upper tail (Abramowitz–Stegun 7.1.26 on erfc; error < 1.5e-7). */
function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/**
 * Two-sided paired sign-flip (randomisation) test of Σ d: under the null
 * hypothesis each difference is as likely positive as negative, so the
 * p-value is the share of sign patterns whose |Σ ±dᵢ| is at least the
 * observed |Σ dᵢ|. Zeros do not change the sum and are left out. Exact for up
 * to 16 non-zero differences; Monte Carlo (10 000 seeded patterns,
 * p = (1 + hits) / (1 + 10 000)) up to 200; above that the normal
 * approximation z = Σd / √Σd².
 */
export function signFlipTest(differences: readonly number[], seed: number): SignFlipTest {
  const d = differences.filter((x) => x !== 0);
  const m = d.length;
  if (m === 0) return { pValue: 1, method: 'exact' };
  const observed = Math.abs(d.reduce((s, x) => s + x, 0));
  const tol = 1e-12 * Math.max(1, d.reduce((s, x) => s + Math.abs(x), 0));
  if (m <= SIGN_FLIP_EXACT_MAX) {
    // Gray code: each step flips one sign, so each pattern's sum costs O(1).
    let sum = d.reduce((s, x) => s + x, 0);
    const signs = new Int8Array(m).fill(1);
    let hits = 0;
    const patterns = 2 ** m;
    for (let g = 0; g < patterns; g++) {
      if (g > 0) {
        const bit = 31 - Math.clz32(g & -g);
        signs[bit] = -signs[bit]!;
        sum += 2 * signs[bit]! * d[bit]!;
      }
      if (Math.abs(sum) >= observed - tol) hits++;
    }
    return { pValue: hits / patterns, method: 'exact' };
  }
  if (m <= SIGN_FLIP_MONTE_CARLO_MAX) {
    const bits = bitStream(seed);
    let hits = 0;
    for (let r = 0; r < SIGN_FLIP_RESAMPLES; r++) {
      let s = 0;
      let word = 0;
      for (let i = 0; i < m; i++) {
        if ((i & 31) === 0) word = bits();
        s += (word >>> (i & 31)) & 1 ? -d[i]! : d[i]!;
      }
      if (Math.abs(s) >= observed - tol) hits++;
    }
    return { pValue: (1 + hits) / (1 + SIGN_FLIP_RESAMPLES), method: 'monte-carlo' };
  }
  const sd = Math.sqrt(d.reduce((s, x) => s + x * x, 0));
  return { pValue: Math.min(1, 2 * normalUpperTail(observed / sd)), method: 'normal' };
}

/** Holm–Bonferroni adjusted p-values (same order as given). */
export function holm(pValues: readonly number[]): number[] {
  const k = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const adjusted = new Array<number>(k);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (k - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
