import { roundUtility } from '../analysis/frontier-types.ts';
import { nashFactor } from '../analysis/nash-product.ts';
import { issueValueAt } from '../model/issue.ts';
import type { AnswerKey, HeadlineAnswers, WatchedOption } from './headline.ts';
import { disagreementOf, type TableState } from './outcome-table.ts';

/** One parameter as the flip-point search sees it: whose, which issue (weights), its base value. */
export interface MovedParameter {
  /** Party index in the table. */
  readonly party: number;
  readonly kind: 'weight' | 'reservation';
  /** Issue index (weights). */
  readonly issue: number;
  readonly base: number;
}

/** The first threshold τ ∈ (0, range] at which an answer changes, per answer; null when none does. */
export type FirstFlips = Partial<Record<AnswerKey, number | null>>;

/**
 * Exact first flip points of the headline answers when one parameter moves
 * one way, over the table's rows.
 *
 * **Why this is exact.** Let the parameter be p(δ) = p₀(1 + δ). A weight
 * wᵢ of party k enters its utility linearly: uₖ(o; δ) = uₖ(o) + δ·wᵢ·vᵢ(oᵢ),
 * and its reservation is either fixed, or (a reservation outcome) moves the
 * same way; a reservation parameter moves rₖ linearly and leaves uₖ fixed.
 * So for every outcome o, "k accepts o" is a linear inequality in δ: each
 * outcome is rational on one interval of δ, and the rational set changes
 * only at those interval ends. `agreement`, `common` and `option` depend on
 * the rational set only, so they are piecewise constant with breakpoints
 * among the interval ends: a sweep over the ends, in order, finds the first
 * change exactly. The Nash product of o is Πₘ max(0, uₘ − dₘ) over the
 * defining parties; only k's factor moves, linearly in δ, and on o's
 * rational interval it is ≥ 0 when k's reservation is finite (dₖ = rₖ); so
 * each outcome's product is a line in δ on its interval and the Nash deal
 * (the upper envelope, ties to the lowest index) changes first either where
 * the current deal leaves the rational set or where another outcome's line
 * first rises above it inside its own interval: a minimum over outcomes of
 * closed-form crossings. Utilities are compared after rounding to 10
 * decimals, as everywhere in the analysis; the thresholds are exact up to
 * that rounding (and floating-point error, ~10⁻¹⁵).
 *
 * **When it does not apply** (the result is undefined and the caller falls
 * back to a grid scan refined by bisection, labelled approximate): the
 * table is a sample; or the Nash answer is asked for a defining party
 * without a finite reservation (dₖ = 0, so the factor max(0, uₖ) has a kink
 * inside outcomes' intervals — still piecewise linear, not handled here).
 */
export function exactFirstFlips(
  state: TableState,
  base: HeadlineAnswers,
  param: MovedParameter,
  dir: -1 | 1,
  range: number,
  keys: readonly AnswerKey[],
  watched: WatchedOption | undefined,
): FirstFlips | undefined {
  const { table } = state;
  if (!table.exact) return undefined;
  const k = param.party;
  const p = table.parties[k]!;
  const uk = state.utilities[k];
  const rows = table.rows;
  const n = table.space.issueCount;
  const isNegotiator = table.negotiators.includes(k);
  const isDefining = table.defining.includes(k);
  const r0 = state.reservations[k];
  const finiteR = r0 !== undefined && Number.isFinite(r0);
  if (keys.includes('nash') && isDefining && !finiteR) return undefined;
  // Slopes in τ = |δ| (δ = dir·τ): utility s·τ, reservation ρ·τ.
  let rho = 0;
  if (param.kind === 'weight') {
    const vals = p.values?.[param.issue];
    if (!vals || !uk) return undefined;
    if (p.reservationOutcome) rho = dir * param.base * vals[p.reservationOutcome[param.issue]!]!;
  } else {
    if (!finiteR || p.reservationOutcome) return undefined;
    rho = dir * param.base;
  }
  // Rows every other negotiator accepts, and k's red lines: the rows whose rationality k alone decides.
  // (When k is not a negotiator, that is the rational set itself, which then does not move.)
  const open = new Uint8Array(rows).fill(1);
  for (const q of table.negotiators) {
    const red = table.parties[q]!.redLine;
    if (red) for (let j = 0; j < rows; j++) if (red[j] === 1) open[j] = 0;
    if (q === k) continue;
    const u = state.utilities[q];
    const r = state.reservations[q];
    if (u && r !== undefined) for (let j = 0; j < rows; j++) if (!(u[j]! >= r)) open[j] = 0;
  }
  // k's condition: u0 + sτ ≥ r0 + ρτ  ⇔  (s − ρ)τ ≥ r0 − u0: the interval [lo, hi] of τ ≥ 0 (hi may be ∞; lo > hi: never).
  const LO = new Float64Array(rows);
  const HI = new Float64Array(rows).fill(Infinity);
  const S = new Float64Array(rows);
  if (param.kind === 'weight') {
    const vals = p.values![param.issue]!;
    const c = dir * param.base;
    const digits = table.digits;
    for (let j = 0; j < rows; j++) S[j] = c * vals[digits[j * n + param.issue]!]!;
  }
  const bounded = isNegotiator && !!uk && r0 !== undefined;
  for (let j = 0; j < rows; j++) {
    if (open[j] === 0) {
      LO[j] = 1;
      HI[j] = 0;
      continue;
    }
    if (!bounded) continue;
    const A = S[j]! - rho;
    const B = r0 - uk[j]!;
    if (A > 0) LO[j] = B > 0 ? B / A : 0;
    else if (A < 0) {
      if (B <= 0) HI[j] = B / A;
      else {
        LO[j] = 1;
        HI[j] = 0;
      }
    } else if (B > 0) {
      LO[j] = 1;
      HI[j] = 0;
    }
  }

  const out: FirstFlips = {};
  const setKeys = keys.filter((key) => key !== 'nash');
  if (setKeys.length > 0) {
    // Sweep the rational set's changes in τ order.
    const counts = table.space.issues.map((_, i) => new Int32Array(table.space.radices[i]!));
    const nonzero = new Int32Array(n);
    let total = 0;
    const add = (j: number, by: 1 | -1) => {
      total += by;
      for (let i = 0; i < n; i++) {
        const c = counts[i]!;
        const d = table.digits[j * n + i]!;
        const before = c[d]!;
        c[d] = before + by;
        if (before === 0 && by === 1) nonzero[i]!++;
        else if (before === 1 && by === -1) nonzero[i]!--;
      }
    };
    const enterT: number[] = [];
    const enterJ: number[] = [];
    const exitT: number[] = [];
    const exitJ: number[] = [];
    for (let j = 0; j < rows; j++) {
      const lo = LO[j]!;
      const hi = HI[j]!;
      if (lo > hi) continue;
      if (lo > 0 && lo <= range) {
        enterT.push(lo);
        enterJ.push(j);
      }
      if (hi < range && lo <= range) {
        exitT.push(hi);
        exitJ.push(j);
      }
    }
    // Without events the rational set does not move within the range: nothing flips (and nothing to count).
    if (enterT.length + exitT.length > 0) for (let j = 0; j < rows; j++) if (LO[j] === 0 && HI[j]! >= 0) add(j, 1);
    const commonNow = () => {
      if (total === 0) return null;
      const list: string[] = [];
      for (let i = 0; i < n; i++) {
        if (nonzero[i] !== 1) continue;
        const c = counts[i]!;
        for (let d = 0; d < c.length; d++) if (c[d]! > 0) list.push(`${table.space.issues[i]!.name}=${String(issueValueAt(table.space.issues[i]!, d))}`);
      }
      return list.sort().join(';');
    };
    const baseCommon = base.common === null ? null : base.common.join(';');
    const optionNow = () => (total === 0 || !watched ? null : nonzero[watched.issue] === 1 && counts[watched.issue]![watched.value]! > 0);
    const pending = new Set(setKeys);
    const check = (t: number) => {
      for (const key of [...pending]) {
        const changed =
          key === 'agreement' ? total > 0 !== base.agreement : key === 'common' ? commonNow() !== baseCommon : key === 'option' ? optionNow() !== base.option : false;
        if (changed) {
          out[key] = t;
          pending.delete(key);
        }
      }
    };
    const order = (ts: number[]) => Array.from(ts.keys()).sort((a, b) => ts[a]! - ts[b]!);
    const eo = order(enterT);
    const xo = order(exitT);
    let a = 0;
    let b = 0;
    while (pending.size > 0 && (a < eo.length || b < xo.length)) {
      const t = Math.min(a < eo.length ? enterT[eo[a]!]! : Infinity, b < xo.length ? exitT[xo[b]!]! : Infinity);
      // At t: rows entering at t are rational; rows leaving at t still are, and are gone just after.
      while (a < eo.length && enterT[eo[a]!] === t) add(enterJ[eo[a++]!]!, 1);
      check(t);
      while (b < xo.length && exitT[xo[b]!] === t) add(exitJ[xo[b++]!]!, -1);
      check(t);
    }
    for (const key of pending) out[key] = null;
  }

  if (keys.includes('nash')) {
    // Each row's Nash product as a line in τ on its rational interval: P·(g0 + gs·τ).
    const other = table.defining.filter((q) => q !== k);
    const ou = other.map((q) => state.utilities[q]!);
    const od = other.map((q) => disagreementOf(state, q));
    const dk = isDefining ? disagreementOf(state, k) : 0;
    const line0 = (j: number) => {
      let pj = 1;
      for (let q = 0; q < ou.length; q++) pj *= nashFactor(roundUtility(ou[q]![j]!), od[q]!);
      // k's gain unclamped: on the row's rational interval it is ≥ 0, where the line is the product.
      return isDefining ? [pj * (roundUtility(uk![j]!) - dk), pj * (S[j]! - rho)] : [pj, 0];
    };
    let star = -1;
    if (base.nash !== null) for (let j = 0; j < rows; j++) if (table.outcomeIndex[j] === base.nash) star = j;
    let best = Infinity;
    if (star < 0) {
      // No rational deal at δ = 0: the Nash answer changes when the first deal becomes rational.
      for (let j = 0; j < rows; j++) if (LO[j]! <= HI[j]! && LO[j]! > 0 && LO[j]! < best) best = LO[j]!;
    } else {
      best = HI[star]!;
      const [a0, a1] = line0(star) as [number, number];
      for (let j = 0; j < rows; j++) {
        if (j === star) continue;
        const lo = LO[j]!;
        const hi = HI[j]! < best ? HI[j]! : best;
        if (lo > hi) continue;
        let pj = 1;
        for (let q = 0; q < ou.length; q++) pj *= nashFactor(roundUtility(ou[q]![j]!), od[q]!);
        const b0 = isDefining ? pj * (roundUtility(uk![j]!) - dk) : pj;
        const b1 = isDefining ? pj * (S[j]! - rho) : 0;
        const c0 = b0 - a0;
        const c1 = b1 - a1;
        // First τ in [lo, hi] with c0 + c1·τ > 0 (or = 0 when j has the lower index). At τ = 0 the
        // current deal is the best rational one: a row rational there wins only by rising faster.
        let t = -1;
        if (lo > 0) {
          const v = c0 + c1 * lo;
          if (v > 0 || (v === 0 && j < star)) t = lo;
        }
        if (t < 0) {
          if (!(c1 > 0)) continue;
          t = Math.max(lo, -c0 / c1);
        }
        if (t <= hi && t < best) best = t;
      }
    }
    out.nash = best <= range ? best : null;
  }
  return out;
}
