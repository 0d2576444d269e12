import type { AnalysisParties } from './analysis-parties.ts';
import type { EnumerationStats } from './enumerate.ts';
import { Skyline2 } from './skyline.ts';
import { linearFrontier2 } from './linear-frontier.ts';

/**
 * Whether the two-party fast path applies: exactly two parties with
 * preferences, both negotiators, both linear-additive, no negotiator red
 * lines, and the agreement rule is unanimity of the negotiators.
 */
export function fastPathApplies(ap: AnalysisParties): boolean {
  return (
    ap.d === 2 &&
    ap.scored.length === 2 &&
    ap.scored.every((s) => s.ufun.tables) &&
    !ap.negotiatorRedLines &&
    ap.passingIsRational &&
    ap.space.issueCount >= 1 &&
    ap.space.sizeNumber !== undefined
  );
}

/**
 * The same pass as `enumerateOutcomes`, specialised for two linear-additive
 * negotiators, as a depth-first walk over the issues with branch and bound.
 * Utilities are summed issue by issue (bit-identical to
 * `UtilityFunction.utility`). A sub-tree (the issues from k on, the earlier
 * ones fixed) whose upper corner — each party's prefix plus the most it can
 * still gain — is more than 1e-10 below some frontier point in both
 * utilities holds only outcomes strictly dominated after rounding too; with
 * no red lines their dominator is rational whenever they are, so they can
 * change neither the frontier nor any solution nor any party's best utility:
 * the sub-tree is only counted (rational outcomes, by the same bounds, with a
 * margin far above float error so the count stays exact). The frontier is
 * known before the walk (`linearFrontier2`, by merging per-issue frontiers,
 * without enumeration), so the bound prunes from the first sub-tree on; the
 * walk itself still decides every count, tie and solution. Best and worst
 * utilities come from the per-issue extremes, summed in issue order like
 * every other utility.
 */
export function enumerateLinear2(ap: AnalysisParties, onProgress?: (done: number, total: number) => void): EnumerationStats {
  const space = ap.space;
  const total = space.sizeNumber!;
  const n = space.issueCount;
  const last = n - 1;
  const radices = space.radices;
  const R = radices[last]!;
  const [A, B] = ap.scored as [(typeof ap.scored)[0], (typeof ap.scored)[0]];
  const ta = A.ufun.tables!;
  const tb = B.ufun.tables!;
  const la = ta[last]!;
  const lb = tb[last]!;
  // Suffix bounds: the most and least each party can still get from issues k..last, and how many outcomes that is.
  const sufMaxA = new Float64Array(n + 1);
  const sufMaxB = new Float64Array(n + 1);
  const sufMinA = new Float64Array(n + 1);
  const sufMinB = new Float64Array(n + 1);
  const sufSize = new Float64Array(n + 1);
  sufSize[n] = 1;
  for (let k = last; k >= 0; k--) {
    let maxA = -Infinity;
    let maxB = -Infinity;
    let minA = Infinity;
    let minB = Infinity;
    for (let v = 0; v < radices[k]!; v++) {
      maxA = Math.max(maxA, ta[k]![v]!);
      maxB = Math.max(maxB, tb[k]![v]!);
      minA = Math.min(minA, ta[k]![v]!);
      minB = Math.min(minB, tb[k]![v]!);
    }
    sufMaxA[k] = sufMaxA[k + 1]! + maxA;
    sufMaxB[k] = sufMaxB[k + 1]! + maxB;
    sufMinA[k] = sufMinA[k + 1]! + minA;
    sufMinB[k] = sufMinB[k + 1]! + minB;
    sufSize[k] = sufSize[k + 1]! * radices[k]!;
  }
  const ra = A.reservation === undefined ? -Infinity : A.reservation;
  const rb = B.reservation === undefined ? -Infinity : B.reservation;
  const da = A.disagreement;
  const db = B.disagreement;
  const frontier = new Skyline2();
  // Real outcomes' utility vectors, known in advance: a sub-tree they beat in both utilities holds no frontier outcome.
  const pruner = new Skyline2();
  for (const p of linearFrontier2(space, A.ufun, B.ufun).points) pruner.add(p.utilities, 0, false);
  let bestRatA = -Infinity;
  let bestRatB = -Infinity;
  let nashV = -Infinity;
  let nashI = -1;
  let utilV = -Infinity;
  let utilI = -1;
  let egalV = -Infinity;
  let egalI = -1;
  let rational = 0;
  let done = 0;
  let nextReport = 65536;
  const ru = new Float64Array(2);
  /** Bounds are sums in another order than the utilities: decide by them only this far from a reservation. */
  const SAFE = 1e-9;

  /** Rational outcomes in the sub-tree of issues k..last with prefix sums pa, pb (exact). */
  const countRational = (k: number, pa: number, pb: number): number => {
    if (pa + sufMinA[k]! >= ra + SAFE && pb + sufMinB[k]! >= rb + SAFE) return sufSize[k]!;
    if (pa + sufMaxA[k]! < ra - SAFE || pb + sufMaxB[k]! < rb - SAFE) return 0;
    if (k === last) {
      let c = 0;
      for (let d = 0; d < R; d++) if (pa + la[d]! >= ra && pb + lb[d]! >= rb) c++;
      return c;
    }
    let c = 0;
    const t = ta[k]!;
    const u = tb[k]!;
    for (let v = 0; v < radices[k]!; v++) c += countRational(k + 1, pa + t[v]!, pb + u[v]!);
    return c;
  };

  const lastIssue = (pa: number, pb: number, index: number) => {
    for (let d = 0; d < R; d++, index++) {
      const ua = pa + la[d]!;
      const ub = pb + lb[d]!;
      const isRational = ua >= ra && ub >= rb;
      if (isRational) rational++;
      if (ua < frontier.cx - 1e-10 && ub < frontier.cy - 1e-10) continue;
      const xa = Math.round(ua * 1e10) / 1e10;
      const xb = Math.round(ub * 1e10) / 1e10;
      const sum = xa + xb;
      if (sum > utilV) {
        utilV = sum;
        utilI = index;
      }
      if (isRational) {
        if (xa > bestRatA) bestRatA = xa;
        if (xb > bestRatB) bestRatB = xb;
        const ga = xa - da;
        const gb = xb - db;
        const prod = ga * gb;
        if (prod > nashV) {
          nashV = prod;
          nashI = index;
        }
        const min = ga < gb ? ga : gb;
        if (min > egalV) {
          egalV = min;
          egalI = index;
        }
      }
      ru[0] = xa;
      ru[1] = xb;
      frontier.add(ru, index, isRational);
    }
  };

  const visit = (k: number, pa: number, pb: number, index: number): void => {
    const ca = pa + sufMaxA[k]!;
    const cb = pb + sufMaxB[k]!;
    if (pruner.strictlyDominated(ca, cb, 1e-10 + SAFE) || frontier.strictlyDominated(ca, cb, 1e-10 + SAFE)) {
      rational += countRational(k, pa, pb);
    } else if (k === last) {
      lastIssue(pa, pb, index);
    } else {
      const t = ta[k]!;
      const u = tb[k]!;
      const step = sufSize[k + 1]!;
      for (let v = 0; v < radices[k]!; v++) visit(k + 1, pa + t[v]!, pb + u[v]!, index + v * step);
      return;
    }
    done += sufSize[k]!;
    if (onProgress && done >= nextReport) {
      nextReport = done + 65536;
      onProgress(done, total);
    }
  };
  visit(0, 0, 0, 0);
  onProgress?.(total, total);

  // Best and worst: the per-issue extremes, summed in issue order and rounded like every utility.
  const extreme = (tables: readonly Float64Array[], pick: (a: number, b: number) => number) => {
    let u = 0;
    for (const t of tables) u += t.reduce((m, x) => pick(m, x));
    return Math.round(u * 1e10) / 1e10;
  };
  return {
    total,
    rationalCount: rational,
    passingCount: rational,
    frontier,
    rationalFrontier: undefined,
    best: Float64Array.of(extreme(ta, Math.max), extreme(tb, Math.max)),
    worst: Float64Array.of(extreme(ta, Math.min), extreme(tb, Math.min)),
    bestRational: Float64Array.of(bestRatA, bestRatB),
    nash: { value: nashV, index: nashI },
    utilitarian: { value: utilV, index: utilI },
    egalitarian: { value: egalV, index: egalI },
    improvementCount: 0,
    improvements: [],
  };
}
