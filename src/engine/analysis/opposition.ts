import type { OutcomeSpace } from '../model/outcome-space.ts';
import type { UtilityFunction } from '../model/utility-function.ts';
import { createRng } from '../util/rng.ts';
import type { Opposition } from './analysis-types.ts';
import { roundUtility } from './frontier-types.ts';
import { denseRanks, kendallTauB, kendallTauPairs } from './correlation.ts';
import { float64Rows, Scratch } from '../util/typed-rows.ts';

const RANKS = new Scratch();

/** Spaces of at most this many outcomes get the rank correlation over every outcome, whatever the sample size. */
export const EXACT_RANKING = 4096;

export { kendallTauB };

/**
 * How far the parties' preferences conflict:
 * - `level`: the Euclidean distance from the ideal point (each party's best
 *   utility) to the nearest frontier point; `normalized` divides by √n.
 * - `rankCorrelation`: Kendall's τ-b of each pair's utilities over the
 *   outcomes: all of them (exact) when there are at most `sample` or at most
 *   `EXACT_RANKING` (4,096: τ over every outcome costs O(m log m), under a
 *   millisecond there), otherwise `sample` outcome indices drawn uniformly,
 *   with replacement, with the seed (`sampled` says how many, and `exact` is
 *   false).
 *   −1: opposite rankings, +1: same.
 *
 * `rounded`, when given: per party, the rounded utility of every outcome in
 * index order (the enumeration's own), read instead of evaluating again.
 * `frontierExact`: whether `frontierUtilities` is the exact frontier (`exact`
 * is true only when it is and every outcome was ranked).
 */
export function measureOpposition(
  space: OutcomeSpace,
  ids: readonly string[],
  ufuns: readonly UtilityFunction[],
  ideal: readonly number[],
  frontierUtilities: readonly (readonly number[])[],
  seed: number,
  sample: number,
  rounded?: readonly Float64Array[],
  frontierExact = true,
): Opposition {
  const n = ids.length;
  let level = Infinity;
  for (const u of frontierUtilities) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (ideal[i]! - u[i]!) ** 2;
    level = Math.min(level, Math.sqrt(s));
  }
  if (!Number.isFinite(level)) level = 0;
  const size = space.sizeNumber;
  const all = size !== undefined && size <= Math.max(sample, EXACT_RANKING);
  const m = all ? size : sample;
  const series = rounded ? seriesFrom(rounded, space, m, seed, all) : evaluateSeries(space, ufuns, m, seed, all);
  // the ranks are scratch kept between calls (allocating is most of the cost for a small space)
  const area = RANKS.int32(series.length * m);
  const ranked = series.map((x, p) => denseRanks(x, m, area.subarray(p * m, (p + 1) * m)));
  const taus = kendallTauPairs(ranked, m);
  const rankCorrelation: { a: string; b: string; tau: number }[] = [];
  let q = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) rankCorrelation.push({ a: ids[i]!, b: ids[j]!, tau: roundUtility(taus[q++]!) });
  return { ideal, level: roundUtility(level), normalized: roundUtility(n > 0 ? level / Math.sqrt(n) : 0), rankCorrelation, sampled: m, exact: all && frontierExact };
}

/**
 * The outcomes' digits: all of them in index order (`all`), else m drawn
 * uniformly with the seed: each an outcome index (one draw) when the space's
 * size is a safe integer (`sampleIndices`), else each issue's option (one draw
 * per issue).
 */
function outcomeDigits(space: OutcomeSpace, m: number, seed: number, all: boolean): Int32Array {
  const nIssues = space.issueCount;
  const digits = new Int32Array(m * Math.max(nIssues, 1));
  const radices = space.radices;
  if (all) {
    space.forEachBlock((block, count, start) => digits.set(block.subarray(0, count * nIssues), start * nIssues), { blockSize: Math.max(1, m) });
  } else if (space.sizeNumber !== undefined) {
    const at = sampleIndices(space.sizeNumber, m, seed);
    for (let k = 0; k < m; k++) {
      // index order: the last issue varies fastest
      let index = at[k]!;
      for (let i = nIssues - 1; i >= 0; i--) {
        const r = radices[i]!;
        const q = Math.floor(index / r);
        digits[k * nIssues + i] = index - q * r;
        index = q;
      }
    }
  } else {
    const rng = createRng(seed);
    for (let k = 0; k < m; k++) for (let i = 0; i < nIssues; i++) digits[k * nIssues + i] = rng.int(0, radices[i]! - 1);
  }
  return digits;
}

/** m outcome indices in [0, size) drawn uniformly (with replacement) with the seed. */
function sampleIndices(size: number, m: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const at = new Float64Array(m);
  for (let k = 0; k < m; k++) at[k] = rng.int(0, size - 1);
  return at;
}

function evaluateSeries(space: OutcomeSpace, ufuns: readonly UtilityFunction[], m: number, seed: number, all: boolean): Float64Array[] {
  const digits = outcomeDigits(space, m, seed, all);
  const rows = float64Rows(ufuns.length, m);
  ufuns.forEach((f, p) => {
    const out = rows[p]!;
    f.evaluateBlock(digits, m, out);
    for (let k = 0; k < m; k++) out[k] = roundUtility(out[k]!);
  });
  return rows;
}

/** The same series read from every outcome's rounded utilities (the same outcomes, drawn with the same seed). */
function seriesFrom(rounded: readonly Float64Array[], space: OutcomeSpace, m: number, seed: number, all: boolean): readonly Float64Array[] {
  if (all) return rounded.map((r) => (r.length === m ? r : r.subarray(0, m)));
  const at = sampleIndices(rounded[0]?.length ?? 0, m, seed);
  const rows = float64Rows(rounded.length, m);
  rounded.forEach((r, p) => {
    const out = rows[p]!;
    for (let k = 0; k < m; k++) out[k] = r[at[k]!]!;
  });
  return rows;
}
