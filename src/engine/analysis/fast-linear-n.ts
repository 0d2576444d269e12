import { nashFactor } from './nash-product.ts';
import type { AnalysisParties } from './analysis-parties.ts';
import type { EnumerationStats } from './enumerate.ts';
import { SkylineN } from './skyline-n.ts';
import { issueGroups, type IssueGroup } from './issue-groups.ts';
import { createRng } from '../util/rng.ts';

/**
 * Whether the n-party fast path applies: at least three parties with
 * preferences, all of them negotiators, all linear-additive, no negotiator
 * red lines, and the agreement rule is unanimity of the negotiators (two
 * parties take `fast-linear2.ts`).
 */
export function fastPathNApplies(ap: AnalysisParties): boolean {
  return (
    ap.d >= 3 &&
    ap.scored.length === ap.d &&
    ap.scored.every((s) => s.ufun.tables) &&
    !ap.negotiatorRedLines &&
    ap.passingIsRational &&
    ap.space.issueCount >= 1 &&
    ap.space.sizeNumber !== undefined
  );
}

/** Unit roundoff of doubles. */
const EPS = 2 ** -53;

/**
 * The same pass as `enumerateOutcomes`, for d ≥ 3 linear-additive
 * negotiators: the two-party branch and bound of `fast-linear2.ts`, with an
 * n-dimensional skyline (`SkylineN`) and symmetric issues folded.
 *
 * **Branch and bound.** A depth-first walk fixes the issues one by one, widest
 * utility spread first. A sub-tree's upper corner is each party's partial sum
 * plus the most it can still gain. When some real outcome's rounded utilities
 * beat the corner by more than 1e-10 (+ float slack) in every utility, every
 * outcome below is strictly dominated after rounding, and (no red lines) its
 * dominator is rational whenever it is. So it is neither on the frontier nor a
 * solution: a dominator has a larger sum, a larger smallest gain, and a larger
 * product of gains (every gain of a rational outcome is ≥ −5·10⁻¹¹ after
 * rounding; the dominator's exceed 5·10⁻¹¹). The sub-tree is only counted
 * (its rational outcomes, from the same bounds). The skyline starts with the
 * outcomes maximising Σ wₚuₚ for a few weight vectors (each the per-issue
 * argmax: supported Pareto points known without search).
 *
 * **Symmetric issues.** Issues with the same number of options and identical
 * weighted value tables for every party (GENIUS domains repeat issues) are
 * walked as one step over multisets of values: every arrangement of a
 * multiset has the same utilities in exact arithmetic. The walk handles one
 * arrangement per multiset class — the lowest-index one, values ascending
 * over the issues in order — and counts the class with its multiplicity.
 * Float sums in issue order may still differ between arrangements by
 * rounding; the class is taken whole only when every arrangement provably
 * rounds to the same 10-decimal utilities and falls on the same side of each
 * reservation (the canonical sum ± 2nε·Σ|terms| decides both); otherwise its
 * arrangements are visited one by one.
 *
 * **Exactness.** Partial sums in visit order differ from the utilities
 * (summed in issue order, as `UtilityFunction.utility` does) by float error
 * only, so they decide nothing closer than SAFE to a threshold (1e-9, more
 * for large utilities): every outcome that may matter is recomputed in issue
 * order, bit-identical to the model. Ties break on the lowest outcome index
 * whatever the visit order. Best and worst utilities come from the per-issue
 * extremes, summed in issue order. Memory grows with the frontier only;
 * nothing is allocated per outcome.
 */
export function enumerateLinearN(ap: AnalysisParties, onProgress?: (done: number, total: number) => void): EnumerationStats {
  const space = ap.space;
  const total = space.sizeNumber!;
  const n = space.issueCount;
  const d = ap.d;
  const radices = space.radices;
  const T = ap.scored.map((s) => s.ufun.tables!);
  const strides = new Float64Array(n);
  for (let i = n - 1, m = 1; i >= 0; i--) {
    strides[i] = m;
    m *= radices[i]!;
  }
  // Visit order: groups of symmetric issues, widest utility spread first.
  const levels: IssueGroup[] = issueGroups(T, radices, strides).sort((a, b) => b.spread - a.spread || a.positions[0]! - b.positions[0]!);
  const L = levels.length;
  // Float slack: sums of the same terms in any order differ by at most 2nε·Σ|terms|.
  let absSum = 0;
  for (const t of T) {
    let a = 0;
    for (const col of t) a += col.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    absSum = Math.max(absSum, a);
  }
  const SAFE = Math.max(1e-9, 64 * n * EPS * absSum);
  const MARGIN = 1e-10 + SAFE;

  // Suffix bounds by level k (row k·d + p): the most and least party p can still get.
  const sufMax = new Float64Array((L + 1) * d);
  const sufMin = new Float64Array((L + 1) * d);
  const sufSize = new Float64Array(L + 1);
  sufSize[L] = 1;
  for (let k = L - 1; k >= 0; k--) {
    const g = levels[k]!;
    for (let p = 0; p < d; p++) {
      sufMax[k * d + p] = sufMax[(k + 1) * d + p]! + g.max[p]!;
      sufMin[k * d + p] = sufMin[(k + 1) * d + p]! + g.min[p]!;
    }
    sufSize[k] = sufSize[k + 1]! * g.size;
  }
  const leafLevel = levels[L - 1]!;
  const rv = Float64Array.from(ap.scored, (s) => (s.reservation === undefined ? -Infinity : s.reservation));
  const dis = Float64Array.from(ap.scored, (s) => s.disagreement);
  const anyReservation = rv.some((r) => r > -Infinity);

  /** The current outcome's value position per issue (issue order). */
  const cur = new Int32Array(n);
  /** Exact utilities of the current outcome (issue order, bit-identical to the model), and Σ|terms| per party. */
  const xu = new Float64Array(d);
  const xa = new Float64Array(d);
  const exactAll = (): void => {
    for (let p = 0; p < d; p++) {
      const t = T[p]!;
      let u = 0;
      let a = 0;
      for (let i = 0; i < n; i++) {
        const v = t[i]![cur[i]!]!;
        u += v;
        a += Math.abs(v);
      }
      xu[p] = u;
      xa[p] = a;
    }
  };
  const setLevel = (g: IssueGroup, m: number): void => {
    const gg = g.g;
    for (let k = 0; k < gg; k++) cur[g.positions[k]!] = g.digits[m * gg + k]!;
  };

  const frontier = new SkylineN(d);
  seedFrontier(frontier, T, radices, d, n, total);

  const bestRat = new Float64Array(d).fill(-Infinity);
  let nashV = -Infinity;
  let nashI = -1;
  let utilV = -Infinity;
  let utilI = -1;
  let egalV = -Infinity;
  let egalI = -1;
  let rational = 0;
  let done = 0;
  let nextReport = 65536;
  const x = new Float64Array(d);
  const s = new Float64Array(d);
  const corner = new Float64Array(d);
  // Partial sums by level (row k·d + p) for the walk (P) and for counting (Q); arrangements per class so far (W, WQ).
  const P = new Float64Array((L + 1) * d);
  const Q = new Float64Array((L + 1) * d);
  const W = new Float64Array(L + 1);
  const WQ = new Float64Array(L + 1);
  W[0] = 1;

  /** Rationality of the current outcome from approximate sums: 1 surely, 0 surely not, −1 too close to tell. */
  const approxRational = (sums: Float64Array): number => {
    if (!anyReservation) return 1;
    let near = false;
    for (let p = 0; p < d; p++) {
      const v = sums[p]!;
      const r = rv[p]!;
      if (v < r - SAFE) return 0;
      if (v < r + SAFE) near = true;
    }
    return near ? -1 : 1;
  };

  /** The current outcome alone (cur set): exactly rational? */
  const rationalExact = (): boolean => {
    exactAll();
    for (let p = 0; p < d; p++) if (!(xu[p]! >= rv[p]!)) return false;
    return true;
  };

  /** Index of the current outcome. */
  const indexOfCur = (): number => {
    let k = 0;
    for (let i = 0; i < n; i++) k += cur[i]! * strides[i]!;
    return k;
  };

  /**
   * Visits every arrangement of the current class (the symmetric levels'
   * multisets permuted over their issues), setting `cur`; restores the
   * canonical arrangement after.
   */
  const arrangements = (visit: () => void): void => {
    const groups = levels.filter((g) => g.g > 1);
    const vals = groups.map((g) => Int32Array.from(g.positions, (i) => cur[i]!));
    const rec = (k: number): void => {
      if (k === groups.length) {
        visit();
        return;
      }
      const g = groups[k]!;
      const a = Int32Array.from(vals[k]!);
      do {
        for (let j = 0; j < g.g; j++) cur[g.positions[j]!] = a[j]!;
        rec(k + 1);
      } while (nextPermutation(a));
      for (let j = 0; j < g.g; j++) cur[g.positions[j]!] = vals[k]![j]!;
    };
    rec(0);
  };

  /**
   * Rational outcomes in the current class (canonical arrangement in `cur`,
   * `w` arrangements, approximate sums `sums`).
   */
  const classRational = (sums: Float64Array, w: number): number => {
    const a = approxRational(sums);
    if (a >= 0) return a * w;
    if (w === 1) return rationalExact() ? 1 : 0;
    exactAll();
    let all = true;
    for (let p = 0; p < d; p++) {
      const e = 2 * n * 2 * EPS * xa[p]!;
      if (xu[p]! + e < rv[p]!) return 0;
      if (!(xu[p]! - e >= rv[p]!)) all = false;
    }
    if (all) return w;
    let c = 0;
    arrangements(() => {
      if (rationalExact()) c++;
    });
    return c;
  };

  /** Rational outcomes below level k, partial sums in row k of Q, WQ[k] arrangements so far. */
  const countRational = (k: number): number => {
    const row = k * d;
    let all = true;
    for (let p = 0; p < d; p++) {
      const a = Q[row + p]!;
      if (a + sufMax[row + p]! < rv[p]! - SAFE) return 0;
      if (!(a + sufMin[row + p]! >= rv[p]! + SAFE)) all = false;
    }
    if (all) return sufSize[k]! * WQ[k]!;
    const g = levels[k]!;
    const next = row + d;
    let c = 0;
    for (let m = 0; m < g.M; m++) {
      setLevel(g, m);
      for (let p = 0; p < d; p++) Q[next + p] = Q[row + p]! + g.contrib[m * d + p]!;
      WQ[k + 1] = WQ[k]! * g.mult[m]!;
      if (k === L - 1) {
        for (let p = 0; p < d; p++) s[p] = Q[next + p]!;
        c += classRational(s, WQ[k + 1]!);
      } else c += countRational(k + 1);
    }
    return c;
  };

  /** Objectives and frontier for `w` outcomes with rounded utilities x, the lowest of index `index`. */
  const record = (index: number, isRational: boolean, w: number): void => {
    let sum = 0;
    for (let p = 0; p < d; p++) sum += x[p]!;
    if (sum > utilV || (sum === utilV && index < utilI)) {
      utilV = sum;
      utilI = index;
    }
    if (isRational) {
      rational += w;
      let prod = 1;
      let min = Infinity;
      for (let p = 0; p < d; p++) {
        const r = x[p]!;
        if (r > bestRat[p]!) bestRat[p] = r;
        const g = r - dis[p]!;
        prod *= nashFactor(r, dis[p]!);
        if (g < min) min = g;
      }
      if (prod > nashV || (prod === nashV && index < nashI)) {
        nashV = prod;
        nashI = index;
      }
      if (min > egalV || (min === egalV && index < egalI)) {
        egalV = min;
        egalI = index;
      }
    }
    frontier.add(x, index, isRational, w);
  };

  /** One outcome (cur set), on its own. */
  const single = (): void => {
    const isRational = rationalExact();
    for (let p = 0; p < d; p++) x[p] = Math.round(xu[p]! * 1e10) / 1e10;
    record(indexOfCur(), isRational, 1);
  };

  const leafRow = (L - 1) * d;
  const lastLevel = (base: number): void => {
    const g = leafLevel;
    const w0 = W[L - 1]!;
    for (let m = 0; m < g.M; m++) {
      setLevel(g, m);
      const w = w0 * g.mult[m]!;
      for (let p = 0; p < d; p++) s[p] = P[leafRow + p]! + g.contrib[m * d + p]!;
      if (frontier.recentBeats(s, MARGIN)) {
        rational += classRational(s, w);
        continue;
      }
      const index = base + g.index[m]!;
      if (w === 1) {
        const a = approxRational(s);
        const isRational = a >= 0 ? a === 1 : rationalExact();
        if (a >= 0) exactAll();
        for (let p = 0; p < d; p++) x[p] = Math.round(xu[p]! * 1e10) / 1e10;
        record(index, isRational, 1);
        continue;
      }
      // A class of w arrangements: whole when they provably agree.
      exactAll();
      let uniform = true;
      let allRational = true;
      let noneRational = false;
      for (let p = 0; p < d; p++) {
        const e = 2 * n * 2 * EPS * xa[p]!;
        const lo = xu[p]! - e;
        const hi = xu[p]! + e;
        if (Math.round(lo * 1e10) !== Math.round(hi * 1e10)) uniform = false;
        if (!(lo >= rv[p]!)) allRational = false;
        if (hi < rv[p]!) noneRational = true;
        x[p] = Math.round(xu[p]! * 1e10) / 1e10;
      }
      if (uniform && (allRational || noneRational)) record(index, allRational && !noneRational, w);
      else arrangements(single);
    }
  };

  const visit = (k: number, index: number): void => {
    const row = k * d;
    for (let p = 0; p < d; p++) corner[p] = P[row + p]! + sufMax[row + p]!;
    if (frontier.strictlyDominated(corner, MARGIN)) {
      for (let p = 0; p < d; p++) Q[row + p] = P[row + p]!;
      WQ[k] = W[k]!;
      rational += countRational(k);
    } else if (k === L - 1) {
      lastLevel(index);
    } else {
      const g = levels[k]!;
      const next = row + d;
      for (let m = 0; m < g.M; m++) {
        setLevel(g, m);
        for (let p = 0; p < d; p++) P[next + p] = P[row + p]! + g.contrib[m * d + p]!;
        W[k + 1] = W[k]! * g.mult[m]!;
        visit(k + 1, index + g.index[m]!);
      }
      return;
    }
    done += sufSize[k]! * W[k]!;
    if (onProgress && done >= nextReport) {
      nextReport = done + 65536;
      onProgress(done, total);
    }
  };
  visit(0, 0);
  onProgress?.(total, total);

  const extreme = (tables: readonly Float64Array[], pick: (a: number, b: number) => number) => {
    let u = 0;
    for (const t of tables) u += t.reduce((m, v) => pick(m, v));
    return Math.round(u * 1e10) / 1e10;
  };
  return {
    total,
    rationalCount: rational,
    passingCount: rational,
    frontier,
    rationalFrontier: undefined,
    best: Float64Array.from(T, (t) => extreme(t, Math.max)),
    worst: Float64Array.from(T, (t) => extreme(t, Math.min)),
    bestRational: bestRat,
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

/** Next lexicographic permutation of a in place; false (and a sorted ascending again) after the last. */
function nextPermutation(a: Int32Array): boolean {
  let i = a.length - 2;
  while (i >= 0 && a[i]! >= a[i + 1]!) i--;
  if (i < 0) {
    a.reverse();
    return false;
  }
  let j = a.length - 1;
  while (a[j]! <= a[i]!) j--;
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
  a.subarray(i + 1).reverse();
  return true;
}

/**
 * Real outcomes' rounded utilities to prune with before the walk finds any:
 * for each weight vector w (each party alone with a tiny weight on the
 * others, equal weights, then seeded random ones: one per 128 outcomes, at
 * most 512), the outcome maximising Σ wₚuₚ, which is the per-issue argmax for
 * linear-additive utilities.
 */
function seedFrontier(frontier: SkylineN, T: readonly (readonly Float64Array[])[], radices: Int32Array, d: number, n: number, total: number): void {
  const rng = createRng(1);
  const w = new Float64Array(d);
  const o = new Int32Array(n);
  const u = new Float64Array(d);
  const runs = d + 1 + Math.min(512, Math.floor(total / 128));
  for (let run = 0; run < runs; run++) {
    if (run < d) for (let p = 0; p < d; p++) w[p] = p === run ? 1 : 1e-6;
    else if (run === d) w.fill(1);
    else for (let p = 0; p < d; p++) w[p] = -Math.log(1 - rng.float()) + 1e-9;
    for (let i = 0; i < n; i++) {
      let best = -Infinity;
      let arg = 0;
      for (let v = 0; v < radices[i]!; v++) {
        let f = 0;
        for (let p = 0; p < d; p++) f += w[p]! * T[p]![i]![v]!;
        if (f > best) {
          best = f;
          arg = v;
        }
      }
      o[i] = arg;
    }
    for (let p = 0; p < d; p++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += T[p]![i]![o[i]!]!;
      u[p] = Math.round(sum * 1e10) / 1e10;
    }
    frontier.addKnown(u);
  }
}
