/**
 * An approximate Pareto frontier for outcome spaces too large to enumerate
 * whose preferences are not linear (GENIUS hyperrectangle profiles, ANAC
 * 2014: 10^10 to 10^40 outcomes), found by seeded search:
 *
 * 1. Simulated annealing on weighted-sum scalarisations Σ λₚ·uₚ, one run per
 *    weight vector (evenly spread for two parties, random on the simplex for
 *    more), each finished by best-improvement hill climbing. Every state met
 *    is offered to a Pareto archive.
 * 2. Pareto local search: every archive point's whole one-issue neighbourhood
 *    (change one issue to any other value) is offered to the archive, until no
 *    archive point is left unexplored or the budget runs out.
 *
 * Moves are evaluated incrementally: for hyperrectangle sums each rectangle
 * keeps how many of its bounds the current outcome violates, so changing one
 * issue touches only the rectangles bounding that issue. Archive utilities
 * are recomputed with the compiled utility functions and rounded to 10
 * decimals, so every point is a real outcome with its exact utilities.
 *
 * The result is labelled `exact: false` (no error bound is known). `ties` is
 * a lower bound: the distinct outcomes the search met with that vector
 * (counted up to 1000).
 */
import type { OutcomeSpace } from '../model/outcome-space.ts';
import type { Preferences } from '../model/preferences.ts';
import { constraintUpperBound } from '../model/preferences.ts';
import type { UtilityFunction } from '../model/utility-function.ts';
import { createRng, type Rng } from '../util/rng.ts';
import { roundUtility, type Frontier, type FrontierPoint } from './frontier-types.ts';

export interface ConstraintFrontierBudget {
  /** Annealing runs on weighted sums (weight vectors); default 16. */
  readonly restarts?: number;
  /** Two parties: annealing runs (of steps/2 moves) aimed at gaps in the archive; default 16. */
  readonly gapRuns?: number;
  /** Annealing moves per run; default 20 000. */
  readonly steps?: number;
  /** Most archive points whose neighbourhood is explored in the Pareto local search; default 2000. */
  readonly explorations?: number;
}

export interface ConstraintFrontierOptions {
  readonly seed: number;
  readonly budget?: ConstraintFrontierBudget;
  /** Party ids for `Frontier.parties` (default "p1", "p2", …). */
  readonly parties?: readonly string[];
  /**
   * The parties' preferences, aligned with `ufuns`. They let the search
   * evaluate moves incrementally (rectangle sums, linear tables); without them
   * each move is evaluated from scratch, which is correct but slower.
   */
  readonly preferences?: readonly (Preferences | undefined)[];
}

/** Incremental evaluation of one party's utility under one-issue changes. */
interface PartyModel {
  /** Sets the current outcome; returns its utility. */
  reset(x: Int32Array): number;
  /** Utility change if issue i took value position v (from the current outcome). */
  delta(i: number, v: number): number;
  /** Makes the change (x[i] must still hold the old value). */
  apply(i: number, v: number): void;
}

const MAX_TIES_COUNTED = 1000;

export function constraintFrontier(space: OutcomeSpace, ufuns: readonly UtilityFunction[], options: ConstraintFrontierOptions): Frontier {
  const n = space.issueCount;
  const np = ufuns.length;
  if (np === 0) throw new RangeError('constraintFrontier needs at least one utility function');
  const parties = options.parties ?? ufuns.map((_, p) => `p${p + 1}`);
  if (parties.length !== np) throw new RangeError(`${parties.length} party ids for ${np} utility functions`);
  const restarts = Math.max(1, Math.floor(options.budget?.restarts ?? 16));
  const gapRuns = Math.max(0, Math.floor(options.budget?.gapRuns ?? 16));
  const steps = Math.max(0, Math.floor(options.budget?.steps ?? 20_000));
  const explorations = Math.max(0, Math.floor(options.budget?.explorations ?? 2000));
  const rng = createRng(options.seed);
  const radices = space.radices;
  const models = ufuns.map((u, p) => partyModel(space, u, options.preferences?.[p]));

  // ---- Pareto archive of exact, rounded utility vectors.
  interface Entry {
    u: number[];
    outcome: number[];
    seen: Set<string>;
    explored: boolean;
  }
  let archive: Entry[] = [];
  const dominatesOrEquals = (a: ArrayLike<number>, b: ArrayLike<number>, slack: number): boolean => {
    for (let p = 0; p < np; p++) if (a[p]! < b[p]! - slack) return false;
    return true;
  };
  const approx = new Float64Array(np);
  /**
   * Whether an archive point is at least as good as `u` for everyone, within
   * `slack`. The archive is kept sorted by the first utility, descending; with
   * two parties the second then ascends, so one binary search answers.
   */
  const covered = (u: ArrayLike<number>, slack: number): boolean => {
    if (np === 2) {
      // Last entry with u0 ≥ u[0] − slack: among those it has the highest u1.
      let lo = 0;
      let hi = archive.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (archive[mid]!.u[0]! >= u[0]! - slack) lo = mid + 1;
        else hi = mid;
      }
      return lo > 0 && archive[lo - 1]!.u[1]! >= u[1]! - slack;
    }
    for (const e of archive) if (dominatesOrEquals(e.u, u, slack)) return true;
    return false;
  };
  /** Offers the current outcome; `approx` holds its incrementally tracked utilities. */
  const offer = (x: Int32Array): void => {
    // Cheap pre-check on the tracked utilities (they may differ from the exact ones by float error).
    if (covered(approx, -1e-9)) return;
    const u = ufuns.map((f) => roundUtility(f.utility(x)));
    if (covered(u, 0)) {
      const same = archive.find((e) => u.every((v, p) => v === e.u[p]));
      if (same && same.seen.size < MAX_TIES_COUNTED) same.seen.add(x.join(','));
      return;
    }
    archive = archive.filter((e) => !dominatesOrEquals(u, e.u, 0));
    let at = 0;
    while (at < archive.length && archive[at]!.u[0]! > u[0]!) at++;
    archive.splice(at, 0, { u, outcome: Array.from(x), seen: new Set([x.join(',')]), explored: false });
  };

  const x = new Int32Array(n);
  const setState = (values: ArrayLike<number>): void => {
    for (let i = 0; i < n; i++) x[i] = values[i]!;
    for (let p = 0; p < np; p++) approx[p] = models[p]!.reset(x);
  };
  const move = (i: number, v: number): void => {
    for (let p = 0; p < np; p++) {
      approx[p]! += models[p]!.delta(i, v);
      models[p]!.apply(i, v);
    }
    x[i] = v;
  };
  const next = new Float64Array(np);
  /** Change of `objective` if issue i took value v. */
  const gain = (objective: (u: Float64Array) => number, here: number, i: number, v: number): number => {
    for (let p = 0; p < np; p++) next[p] = approx[p]! + models[p]!.delta(i, v);
    return objective(next) - here;
  };
  const mutable = Array.from({ length: n }, (_, i) => i).filter((i) => radices[i]! > 1);
  /** Simulated annealing from `start` on `objective`, then best-improvement hill climbing. */
  const anneal = (objective: (u: Float64Array) => number, start: ArrayLike<number>, moves: number): void => {
    setState(start);
    offer(x);
    if (mutable.length === 0) return;
    const t0 = 0.05;
    const t1 = 0.0005;
    let here = objective(approx);
    for (let s = 0; s < moves; s++) {
      const temp = t0 * Math.pow(t1 / t0, s / moves);
      const i = mutable[rng.int(0, mutable.length - 1)]!;
      let v = rng.int(0, radices[i]! - 2);
      if (v >= x[i]!) v++;
      const g = gain(objective, here, i, v);
      if (g >= 0 || rng.float() < Math.exp(g / temp)) {
        move(i, v);
        here = objective(approx);
        offer(x);
      }
    }
    for (let guard = 0; guard < 100 * n + 100; guard++) {
      let best = 1e-12;
      let bi = -1;
      let bv = -1;
      for (const i of mutable) {
        for (let v = 0; v < radices[i]!; v++) {
          if (v === x[i]) continue;
          const g = gain(objective, here, i, v);
          if (g > best) {
            best = g;
            bi = i;
            bv = v;
          }
        }
      }
      if (bi < 0) break;
      move(bi, bv);
      here = objective(approx);
      offer(x);
    }
  };

  // ---- 1. Annealing on weighted sums.
  const lambda = new Float64Array(np);
  const weightedSum = (u: Float64Array): number => {
    let f = 0;
    for (let p = 0; p < np; p++) f += lambda[p]! * u[p]!;
    return f;
  };
  for (let run = 0; run < restarts && n > 0; run++) {
    weights(lambda, run, restarts, rng);
    anneal(weightedSum, space.sample(rng), steps);
  }

  // ---- 1b. Two parties: aim at the gaps between neighbouring archive points
  // (points a weighted sum cannot reach lie there), maximising the augmented
  // Tchebycheff objective min(uA − qA, uB − pB) + ρ(uA + uB) from the gap's corner.
  if (np === 2 && n > 0) {
    for (let run = 0; run < gapRuns && archive.length > 1; run++) {
      const k = run % (archive.length - 1);
      const p = archive[k]!;
      const q = archive[k + 1]!;
      const za = q.u[0]!;
      const zb = p.u[1]!;
      const tchebycheff = (u: Float64Array): number => Math.min(u[0]! - za, u[1]! - zb) + 0.01 * (u[0]! + u[1]!);
      anneal(tchebycheff, rng.int(0, 1) === 0 ? p.outcome : q.outcome, Math.ceil(steps / 2));
    }
  }

  // ---- 2. Pareto local search over one-issue neighbourhoods.
  for (let explored = 0; explored < explorations; explored++) {
    const e = archive.find((a) => !a.explored);
    if (!e) break;
    e.explored = true;
    setState(e.outcome);
    const base = Array.from(approx);
    for (const i of mutable) {
      const old = x[i]!;
      for (let v = 0; v < radices[i]!; v++) {
        if (v === old) continue;
        for (let p = 0; p < np; p++) approx[p] = base[p]! + models[p]!.delta(i, v);
        if (covered(approx, -1e-9)) continue;
        // Evaluate exactly at the neighbour, then restore the state.
        for (let p = 0; p < np; p++) models[p]!.apply(i, v);
        x[i] = v;
        offer(x);
        for (let p = 0; p < np; p++) models[p]!.apply(i, old);
        x[i] = old;
      }
    }
  }

  const points: FrontierPoint[] = archive
    .map((e) => ({ outcome: e.outcome, utilities: e.u, ties: e.seen.size }))
    .sort((a, b) => {
      for (let p = 0; p < np; p++) if (a.utilities[p] !== b.utilities[p]) return b.utilities[p]! - a.utilities[p]!;
      return 0;
    });
  return {
    parties,
    points,
    outcomes: points.reduce((s, p) => s + p.ties, 0),
    exact: false,
    method: `local search (seed ${options.seed}: ${restarts} simulated-annealing runs × ${steps} moves on weighted sums, ${np === 2 ? gapRuns : 0} aimed at gaps, then Pareto local search)`,
  };
}

/** The weight vector of annealing run `run`: evenly spread for two parties, random on the simplex otherwise. */
function weights(out: Float64Array, run: number, runs: number, rng: Rng): void {
  const np = out.length;
  if (np === 1) {
    out[0] = 1;
    return;
  }
  if (np === 2) {
    const l = runs === 1 ? 0.5 : run / (runs - 1);
    out[0] = l;
    out[1] = 1 - l;
    return;
  }
  let s = 0;
  for (let p = 0; p < np; p++) s += out[p] = -Math.log(1 - rng.float());
  for (let p = 0; p < np; p++) out[p]! /= s;
}

function partyModel(space: OutcomeSpace, ufun: UtilityFunction, prefs: Preferences | undefined): PartyModel {
  if (ufun.tables) return linearModel(ufun.tables);
  if (prefs?.type === 'constraints' && prefs.aggregation === 'sum') return rectangleModel(space, prefs);
  return fullModel(space, ufun);
}

function linearModel(tables: readonly Float64Array[]): PartyModel {
  let x: Int32Array = new Int32Array(0);
  return {
    reset(outcome) {
      x = outcome;
      let u = 0;
      for (let i = 0; i < tables.length; i++) u += tables[i]![x[i]!]!;
      return u;
    },
    delta: (i, v) => tables[i]![v]! - tables[i]![x[i]!]!,
    apply: () => undefined,
  };
}

function rectangleModel(space: OutcomeSpace, prefs: Extract<Preferences, { type: 'constraints' }>): PartyModel {
  const rects = prefs.constraints;
  const norm = prefs.normalizer > 0 ? prefs.normalizer : constraintUpperBound(rects, prefs.aggregation);
  const pay = Float64Array.from(rects, (r) => (r.utility * r.weight) / norm);
  const includes = rects.map((r) => r.mode === 'includes');
  // Per issue: the rectangles bounding it, with the bounds.
  const byIssue: { r: number; lo: number; hi: number }[][] = space.issues.map(() => []);
  rects.forEach((rect, r) => {
    for (const b of rect.bounds) byIssue[b.issue]?.push({ r, lo: b.min, hi: b.max });
  });
  const viol = new Int32Array(rects.length);
  let x: Int32Array = new Int32Array(0);
  const paid = (r: number, v: number): number => (includes[r] ? (v === 0 ? pay[r]! : 0) : v > 0 ? pay[r]! : 0);
  return {
    reset(outcome) {
      x = outcome;
      viol.fill(0);
      byIssue.forEach((list, i) => {
        for (const b of list) if (x[i]! < b.lo || x[i]! > b.hi) viol[b.r]!++;
      });
      let u = 0;
      for (let r = 0; r < rects.length; r++) u += paid(r, viol[r]!);
      return u;
    },
    delta(i, v) {
      const old = x[i]!;
      let d = 0;
      for (const b of byIssue[i]!) {
        const wasIn = old >= b.lo && old <= b.hi;
        const isIn = v >= b.lo && v <= b.hi;
        if (wasIn === isIn) continue;
        const before = viol[b.r]!;
        d += paid(b.r, wasIn ? before + 1 : before - 1) - paid(b.r, before);
      }
      return d;
    },
    apply(i, v) {
      const old = x[i]!;
      for (const b of byIssue[i]!) {
        const wasIn = old >= b.lo && old <= b.hi;
        const isIn = v >= b.lo && v <= b.hi;
        if (wasIn !== isIn) viol[b.r]! += wasIn ? 1 : -1;
      }
    },
  };
}

function fullModel(space: OutcomeSpace, ufun: UtilityFunction): PartyModel {
  let x: Int32Array = new Int32Array(0);
  const tmp = new Int32Array(space.issueCount);
  let current = 0;
  return {
    reset(outcome) {
      x = outcome;
      current = ufun.utility(x);
      return current;
    },
    delta(i, v) {
      tmp.set(x);
      tmp[i] = v;
      return ufun.utility(tmp) - current;
    },
    apply(i, v) {
      tmp.set(x);
      tmp[i] = v;
      current = ufun.utility(tmp);
    },
  };
}
