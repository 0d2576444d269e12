import type { OutcomeSpace } from '../model/outcome-space.ts';
import type { UtilityFunction } from '../model/utility-function.ts';
import { createRng } from '../util/rng.ts';
import type { Opposition } from './analysis-types.ts';
import { roundUtility } from './frontier-types.ts';
import { denseRanks, kendallTauB, tauFromRanks } from './correlation.ts';
import { float64Rows, int32Rows } from '../util/typed-rows.ts';

export { kendallTauB };

/**
 * How far the parties' preferences conflict:
 * - `level`: the Euclidean distance from the ideal point (each party's best
 *   utility) to the nearest frontier point; `normalized` divides by √n.
 * - `rankCorrelation`: Kendall's τ-b of each pair's utilities over the
 *   outcomes (all of them when there are at most `sample`, otherwise `sample`
 *   outcomes drawn uniformly with the seed). −1: opposite rankings, +1: same.
 *
 * `rounded`, when given: per party, the rounded utility of every outcome in
 * index order (the enumeration's own), read instead of evaluating again.
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
  const m = size !== undefined && size <= sample ? size : sample;
  const series = rounded ? seriesFrom(rounded, space, m, seed, size !== undefined && size <= sample) : evaluateSeries(space, ufuns, m, seed, size !== undefined && size <= sample);
  const ranked = int32Rows(series.length, m);
  for (let p = 0; p < series.length; p++) denseRanks(series[p]!, m, ranked[p]);
  const rankCorrelation: { a: string; b: string; tau: number }[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) rankCorrelation.push({ a: ids[i]!, b: ids[j]!, tau: roundUtility(tauFromRanks(ranked[i]!, ranked[j]!)) });
  return { ideal, level: roundUtility(level), normalized: roundUtility(n > 0 ? level / Math.sqrt(n) : 0), rankCorrelation, sampled: m };
}

/** The outcomes' digits: all of them in index order (`all`), else m drawn uniformly with the seed. */
function outcomeDigits(space: OutcomeSpace, m: number, seed: number, all: boolean): Int32Array {
  const nIssues = space.issueCount;
  const digits = new Int32Array(m * Math.max(nIssues, 1));
  if (all) {
    space.forEachBlock((block, count, start) => digits.set(block.subarray(0, count * nIssues), start * nIssues), { blockSize: Math.max(1, m) });
  } else {
    const rng = createRng(seed);
    const radices = space.radices;
    for (let k = 0; k < m; k++) for (let i = 0; i < nIssues; i++) digits[k * nIssues + i] = rng.int(0, radices[i]! - 1);
  }
  return digits;
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
  const digits = outcomeDigits(space, m, seed, false);
  const nIssues = space.issueCount;
  const radices = space.radices;
  const at = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    // index order: the last issue varies fastest
    let index = 0;
    for (let i = 0; i < nIssues; i++) index = index * radices[i]! + digits[k * nIssues + i]!;
    at[k] = index;
  }
  const rows = float64Rows(rounded.length, m);
  rounded.forEach((r, p) => {
    const out = rows[p]!;
    for (let k = 0; k < m; k++) out[k] = r[at[k]!]!;
  });
  return rows;
}
