import { nashFactor } from './nash-product.ts';
import type { AnalysisParties } from './analysis-parties.ts';
import type { EnumerationStats } from './enumerate.ts';
import { Skyline2 } from './skyline.ts';
import { linearFrontier2 } from './linear-frontier.ts';
import { maxOf, minOf } from '../util/arrays.ts';

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
 * The walk visits the issues that spread utilities most first, so bounds get
 * tight early. A sub-tree (those issues fixed) whose upper corner — each
 * party's partial sum plus the most it can still gain — is more than 1e-10
 * below some frontier point in both utilities holds only outcomes strictly
 * dominated after rounding too; with no red lines their dominator is rational
 * whenever they are, so they can change neither the frontier nor any solution
 * nor any party's best utility: the sub-tree is only counted. The frontier is
 * known before the walk (`linearFrontier2`, by merging per-issue frontiers,
 * without enumeration), so the bound prunes from the first sub-tree on.
 *
 * Exactness: partial sums in visit order differ from the utilities (summed in
 * issue order, as `UtilityFunction.utility` does) by float error only, so
 * they decide nothing closer than SAFE (1e-9) to a threshold; every outcome
 * that may matter — near a reservation value, or not clearly dominated — gets
 * its utilities recomputed in issue order, bit-identical to the model. Ties
 * and solutions break on the lowest outcome index, whatever the visit order.
 * Best and worst utilities come from the per-issue extremes, summed in issue
 * order.
 */
export function enumerateLinear2(ap: AnalysisParties, onProgress?: (done: number, total: number) => void): EnumerationStats {
  const space = ap.space;
  const total = space.sizeNumber!;
  const n = space.issueCount;
  const radices = space.radices;
  const [A, B] = ap.scored as [(typeof ap.scored)[0], (typeof ap.scored)[0]];
  const ta = A.ufun.tables!;
  const tb = B.ufun.tables!;
  const spread = (t: Float64Array) => maxOf(t) - minOf(t);
  // Visit order: widest utility spread first (ties by issue position).
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => spread(ta[j]!) + spread(tb[j]!) - (spread(ta[i]!) + spread(tb[i]!)) || i - j);
  const strides = new Float64Array(n);
  for (let i = n - 1, m = 1; i >= 0; i--) {
    strides[i] = m;
    m *= radices[i]!;
  }
  // Suffix bounds by visit position: the most and least each party can still get, and how many outcomes that is.
  const sufMaxA = new Float64Array(n + 1);
  const sufMaxB = new Float64Array(n + 1);
  const sufMinA = new Float64Array(n + 1);
  const sufMinB = new Float64Array(n + 1);
  const sufSize = new Float64Array(n + 1);
  sufSize[n] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k]!;
    sufMaxA[k] = sufMaxA[k + 1]! + maxOf(ta[i]!);
    sufMaxB[k] = sufMaxB[k + 1]! + maxOf(tb[i]!);
    sufMinA[k] = sufMinA[k + 1]! + minOf(ta[i]!);
    sufMinB[k] = sufMinB[k + 1]! + minOf(tb[i]!);
    sufSize[k] = sufSize[k + 1]! * radices[i]!;
  }
  const leaf = order[n - 1]!;
  const R = radices[leaf]!;
  const la = ta[leaf]!;
  const lb = tb[leaf]!;
  const leafStride = strides[leaf]!;
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
  /** Sums in visit order decide nothing closer than this to a threshold. */
  const SAFE = 1e-9;
  /** The current outcome's value position per issue (issue order). */
  const cur = new Int32Array(n);
  const exactA = () => {
    let u = 0;
    for (let i = 0; i < n; i++) u += ta[i]![cur[i]!]!;
    return u;
  };
  const exactB = () => {
    let u = 0;
    for (let i = 0; i < n; i++) u += tb[i]![cur[i]!]!;
    return u;
  };
  /** Whether the current outcome (approximate sums sa, sb) is rational, exactly. */
  const isRationalAt = (sa: number, sb: number): boolean => {
    if (sa < ra - SAFE || sb < rb - SAFE) return false;
    if (sa >= ra + SAFE && sb >= rb + SAFE) return true;
    return exactA() >= ra && exactB() >= rb;
  };

  /** Rational outcomes in the sub-tree from visit position k, partial sums pa, pb (exact). */
  const countRational = (k: number, pa: number, pb: number): number => {
    if (pa + sufMinA[k]! >= ra + SAFE && pb + sufMinB[k]! >= rb + SAFE) return sufSize[k]!;
    if (pa + sufMaxA[k]! < ra - SAFE || pb + sufMaxB[k]! < rb - SAFE) return 0;
    const i = order[k]!;
    const t = ta[i]!;
    const u = tb[i]!;
    let c = 0;
    if (k === n - 1) {
      for (let d = 0; d < R; d++) {
        cur[i] = d;
        if (isRationalAt(pa + t[d]!, pb + u[d]!)) c++;
      }
      return c;
    }
    for (let v = 0; v < radices[i]!; v++) {
      cur[i] = v;
      c += countRational(k + 1, pa + t[v]!, pb + u[v]!);
    }
    return c;
  };

  const lastIssue = (pa: number, pb: number, base: number) => {
    for (let d = 0; d < R; d++) {
      cur[leaf] = d;
      const sa = pa + la[d]!;
      const sb = pb + lb[d]!;
      const isRational = isRationalAt(sa, sb);
      if (isRational) rational++;
      if (sa < frontier.cx - 1e-10 - SAFE && sb < frontier.cy - 1e-10 - SAFE) continue;
      const xa = Math.round(exactA() * 1e10) / 1e10;
      const xb = Math.round(exactB() * 1e10) / 1e10;
      const index = base + d * leafStride;
      const sum = xa + xb;
      if (sum > utilV || (sum === utilV && index < utilI)) {
        utilV = sum;
        utilI = index;
      }
      if (isRational) {
        if (xa > bestRatA) bestRatA = xa;
        if (xb > bestRatB) bestRatB = xb;
        const ga = xa - da;
        const gb = xb - db;
        const prod = nashFactor(xa, da) * nashFactor(xb, db);
        if (prod > nashV || (prod === nashV && index < nashI)) {
          nashV = prod;
          nashI = index;
        }
        const min = ga < gb ? ga : gb;
        if (min > egalV || (min === egalV && index < egalI)) {
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
    } else if (k === n - 1) {
      lastIssue(pa, pb, index);
    } else {
      const i = order[k]!;
      const t = ta[i]!;
      const u = tb[i]!;
      const step = strides[i]!;
      for (let v = 0; v < radices[i]!; v++) {
        cur[i] = v;
        visit(k + 1, pa + t[v]!, pb + u[v]!, index + v * step);
      }
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
    passingNotRational: 0,
    bestPassing: { accepting: 0, product: 0, index: -1 },
    common: undefined,
    rounded: undefined,
    improvements: [],
  };
}
