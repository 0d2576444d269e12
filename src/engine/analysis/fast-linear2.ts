import type { AnalysisParties } from './analysis-parties.ts';
import type { EnumerationStats } from './enumerate.ts';
import { Skyline2 } from './skyline.ts';

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
 * negotiators. Utilities are summed like an odometer (bit-identical to
 * `UtilityFunction.utility`). An outcome whose raw utilities are both more
 * than 1e-10 below the last dominating frontier point is strictly dominated
 * after rounding too; with no red lines that dominator is rational whenever
 * the outcome is, so such an outcome can change neither the frontier nor any
 * solution nor any party's best utility, and it is only counted. Worst
 * utilities come per row from the last issue's smallest table entry
 * (addition and rounding are monotone).
 */
export function enumerateLinear2(ap: AnalysisParties, onProgress?: (done: number, total: number) => void): EnumerationStats {
  const space = ap.space;
  const total = space.sizeNumber!;
  const n = space.issueCount;
  const last = n - 1;
  const R = space.radices[last]!;
  const [A, B] = ap.scored as [(typeof ap.scored)[0], (typeof ap.scored)[0]];
  const ta = A.ufun.tables!;
  const tb = B.ufun.tables!;
  const la = ta[last]!;
  const lb = tb[last]!;
  let minLa = Infinity;
  let minLb = Infinity;
  let maxLa = -Infinity;
  let maxLb = -Infinity;
  for (let d = 0; d < R; d++) {
    if (la[d]! < minLa) minLa = la[d]!;
    if (lb[d]! < minLb) minLb = lb[d]!;
    if (la[d]! > maxLa) maxLa = la[d]!;
    if (lb[d]! > maxLb) maxLb = lb[d]!;
  }
  const ra = A.reservation === undefined ? -Infinity : A.reservation;
  const rb = B.reservation === undefined ? -Infinity : B.reservation;
  const da = A.disagreement;
  const db = B.disagreement;
  const frontier = new Skyline2();
  let bestA = -Infinity;
  let bestB = -Infinity;
  let worstA = Infinity;
  let worstB = Infinity;
  let bestRatA = -Infinity;
  let bestRatB = -Infinity;
  let nashV = -Infinity;
  let nashI = -1;
  let utilV = -Infinity;
  let utilI = -1;
  let egalV = -Infinity;
  let egalI = -1;
  let rational = 0;
  const ru = new Float64Array(2);
  const cur = new Int32Array(n);
  let preA = 0;
  let preB = 0;
  const prefA = new Float64Array(Math.max(last, 1));
  const prefB = new Float64Array(Math.max(last, 1));
  const refresh = (from: number) => {
    let sa = from > 0 ? prefA[from - 1]! : 0;
    let sb = from > 0 ? prefB[from - 1]! : 0;
    for (let k = from; k < last; k++) {
      sa += ta[k]![cur[k]!]!;
      sb += tb[k]![cur[k]!]!;
      prefA[k] = sa;
      prefB[k] = sb;
    }
    preA = last > 0 ? prefA[last - 1]! : 0;
    preB = last > 0 ? prefB[last - 1]! : 0;
  };
  refresh(0);
  const rows = total / R;
  const progressEvery = Math.max(1, Math.floor(65536 / R));
  for (let row = 0, index = 0; row < rows; row++) {
    const wa = Math.round((preA + minLa) * 1e10) / 1e10;
    const wb = Math.round((preB + minLb) * 1e10) / 1e10;
    if (wa < worstA) worstA = wa;
    if (wb < worstB) worstB = wb;
    if (preA + maxLa < frontier.cx - 1e-10 && preB + maxLb < frontier.cy - 1e-10) {
      // the whole row is strictly dominated: only count its rational outcomes
      for (let d = 0; d < R; d++) if (preA + la[d]! >= ra && preB + lb[d]! >= rb) rational++;
      index += R;
    } else
    for (let d = 0; d < R; d++, index++) {
      const ua = preA + la[d]!;
      const ub = preB + lb[d]!;
      const isRational = ua >= ra && ub >= rb;
      if (isRational) rational++;
      if (ua < frontier.cx - 1e-10 && ub < frontier.cy - 1e-10) continue;
      const xa = Math.round(ua * 1e10) / 1e10;
      const xb = Math.round(ub * 1e10) / 1e10;
      if (xa > bestA) bestA = xa;
      if (xb > bestB) bestB = xb;
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
    let k = last - 1;
    while (k >= 0) {
      const v = cur[k]! + 1;
      if (v < space.radices[k]!) {
        cur[k] = v;
        break;
      }
      cur[k] = 0;
      k--;
    }
    if (k >= 0) refresh(k);
    if (onProgress && (row + 1) % progressEvery === 0) onProgress(index, total);
  }
  onProgress?.(total, total);
  return {
    total,
    rationalCount: rational,
    passingCount: rational,
    frontier,
    rationalFrontier: undefined,
    best: Float64Array.of(bestA, bestB),
    worst: Float64Array.of(worstA, worstB),
    bestRational: Float64Array.of(bestRatA, bestRatB),
    nash: { value: nashV, index: nashI },
    utilitarian: { value: utilV, index: utilI },
    egalitarian: { value: egalV, index: egalI },
    improvementCount: 0,
    improvements: [],
  };
}
