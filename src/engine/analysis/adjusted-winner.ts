/**
 * Adjusted Winner (Brams & Taylor, "Fair Division", 1996): two parties
 * divide items, each having spread 100 points over them. The result is
 * equitable (both get the same number of their own points), envy-free
 * (each gets at least 50 of its own points, so values its share at least as
 * much as the other's) and efficient (no other division, fractions allowed,
 * is better for one and no worse for the other); at most one item is split.
 *
 * The procedure: every item first goes to the party giving it more points
 * (items with equal points to the first party). The "winner" X — the party
 * with more points — then hands items to Y in increasing order of the ratio
 * x/y of their points (equal ratios by item order) until the totals are equal;
 * the item that would overshoot is split, Y receiving the fraction
 * f = (X − Y) / (x + y) of it, where X and Y are the totals before it.
 */
import { OutcomeSpace } from '../model/outcome-space.ts';
import { negotiators, type Scenario } from '../model/scenario.ts';
import type { Party } from '../model/party.ts';
import { compileUtility } from '../model/utility-function.ts';

/** A division of items between two parties. */
export interface AdjustedWinnerSplit {
  /** Per item, the share the first party gets: 1, 0, or a fraction for the split item. */
  readonly shareA: readonly number[];
  /** The item divided, if any, and the first party's share of it. */
  readonly split: { readonly item: number; readonly shareA: number } | null;
  /** Each party's points by its own valuation (equal up to rounding error). */
  readonly totals: readonly [number, number];
}

/**
 * Runs Adjusted Winner on two point assignments over the same items. Points
 * must be finite and non-negative; each party's points are scaled to sum to
 * 100 (a party giving no points at all is an error).
 */
export function adjustedWinnerPoints(pointsA: readonly number[], pointsB: readonly number[]): AdjustedWinnerSplit {
  if (pointsA.length !== pointsB.length) throw new RangeError(`the parties rate ${pointsA.length} and ${pointsB.length} items`);
  const norm = (pts: readonly number[], who: string): number[] => {
    if (pts.some((p) => !Number.isFinite(p) || p < 0)) throw new RangeError(`${who}: points must be finite and non-negative`);
    const s = pts.reduce((x, y) => x + y, 0);
    if (!(s > 0)) throw new RangeError(`${who}: gives no points to any item`);
    return pts.map((p) => (100 * p) / s);
  };
  const a = norm(pointsA, 'first party');
  const b = norm(pointsB, 'second party');
  const m = a.length;
  const shareA: number[] = a.map((ai, i) => (ai >= b[i]! ? 1 : 0));
  let ta = 0;
  let tb = 0;
  for (let i = 0; i < m; i++) {
    ta += shareA[i]! * a[i]!;
    tb += (1 - shareA[i]!) * b[i]!;
  }
  let split: AdjustedWinnerSplit['split'] = null;
  if (ta !== tb) {
    const xIsA = ta > tb;
    const x = xIsA ? a : b;
    const y = xIsA ? b : a;
    let tx = xIsA ? ta : tb;
    let ty = xIsA ? tb : ta;
    const held = shareA.map((s, i) => i).filter((i) => (xIsA ? shareA[i] === 1 : shareA[i] === 0) && x[i]! + y[i]! > 0);
    // Increasing x/y (y = 0: ratio ∞, last); equal ratios by item order.
    const ratio = held.map((i) => (y[i]! > 0 ? x[i]! / y[i]! : Infinity));
    const order = held.map((_, k) => k).sort((k, l) => (ratio[k]! < ratio[l]! ? -1 : ratio[k]! > ratio[l]! ? 1 : held[k]! - held[l]!));
    const queue = order.map((k) => held[k]!);
    for (const i of queue) {
      if (tx - x[i]! >= ty + y[i]!) {
        tx -= x[i]!;
        ty += y[i]!;
        shareA[i] = xIsA ? 0 : 1;
        if (tx === ty) break;
        continue;
      }
      const f = (tx - ty) / (x[i]! + y[i]!);
      tx -= f * x[i]!;
      ty += f * y[i]!;
      shareA[i] = xIsA ? 1 - f : f;
      split = { item: i, shareA: shareA[i]! };
      break;
    }
    ta = xIsA ? tx : ty;
    tb = xIsA ? ty : tx;
  }
  return { shareA, split, totals: [ta, tb] };
}

/** Adjusted Winner applied to a scenario whose issues are "who gets item X". */
export interface AdjustedWinnerResult extends AdjustedWinnerSplit {
  /** The two negotiators' ids, in scenario order (the first is "A"). */
  readonly parties: readonly [string, string];
  /** The items: the issues' names. */
  readonly items: readonly string[];
  /** Per issue, the option positions that give the item to the first and to the second party. */
  readonly options: readonly (readonly [number, number])[];
  /** Each party's points per item (summing to 100), derived from its preferences. */
  readonly points: readonly [readonly number[], readonly number[]];
  readonly notes: readonly string[];
}

export type AdjustedWinnerOutcome = { readonly result: AdjustedWinnerResult; readonly reason?: undefined } | { readonly result: null; readonly reason: string };

/**
 * Adjusted Winner on a scenario, or null with the reason it does not fit.
 *
 * Fits when there are exactly two negotiators, both with linear-additive
 * preferences, and every issue is categorical with one option naming each
 * party. An option names a party when, ignoring case and surrounding spaces,
 * it equals the party's id or name, or a word of its id or name (words split
 * at anything not a letter or digit) that is not also a word of the other
 * party's id or name — so option "Janet" names party "inheritance_Janet".
 * When no option of an issue names either party, options "A" and "B" name the
 * first and the second negotiator. Other options (e.g. "unspecified") are
 * left out of the division.
 *
 * Points: party p's points for item i are proportional to what receiving it
 * is worth to p: wᵢ·(vᵢ(p gets it) − vᵢ(the other gets it)) — its utility
 * gain — scaled so that p's points sum to 100. A negative gain (p would rather
 * the other had it) does not fit the procedure.
 */
export function adjustedWinner(scenario: Scenario): AdjustedWinnerOutcome {
  const negs = negotiators(scenario);
  if (negs.length !== 2) return { result: null, reason: `Adjusted Winner divides items between two parties; the scenario has ${negs.length} negotiators` };
  const [pa, pb] = negs as [Party, Party];
  for (const p of negs) {
    if (p.preferences?.type !== 'linear-additive') return { result: null, reason: `party "${p.id}" has no linear-additive preferences (item values must add up)` };
  }
  if (scenario.issues.length === 0) return { result: null, reason: 'the scenario has no issues' };
  const wordsOf = (p: Party) => new Set(`${p.id} ${p.name}`.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0));
  const wa = wordsOf(pa);
  const wb = wordsOf(pb);
  const names = (p: Party, mine: Set<string>, theirs: Set<string>, option: string): boolean => {
    const o = option.trim().toLowerCase();
    return o === p.id.toLowerCase() || o === p.name.toLowerCase() || (mine.has(o) && !theirs.has(o));
  };
  const options: [number, number][] = [];
  const notes: string[] = [];
  for (const issue of scenario.issues) {
    if (issue.type !== 'categorical') return { result: null, reason: `issue "${issue.name}" is ${issue.type}, not "who gets the item"` };
    const opts = issue.options.map((o) => o.name);
    let ia = opts.flatMap((o, k) => (names(pa, wa, wb, o) ? [k] : []));
    let ib = opts.flatMap((o, k) => (names(pb, wb, wa, o) ? [k] : []));
    if (ia.length === 0 && ib.length === 0) {
      ia = opts.flatMap((o, k) => (o.trim().toLowerCase() === 'a' ? [k] : []));
      ib = opts.flatMap((o, k) => (o.trim().toLowerCase() === 'b' ? [k] : []));
    }
    if (ia.length !== 1 || ib.length !== 1 || ia[0] === ib[0]) {
      return { result: null, reason: `issue "${issue.name}" does not say which of "${pa.id}" and "${pb.id}" gets it (options: ${opts.join(', ')})` };
    }
    options.push([ia[0]!, ib[0]!]);
    const others = opts.filter((_, k) => k !== ia[0] && k !== ib[0]);
    if (others.length) notes.push(`issue "${issue.name}": option(s) ${others.map((o) => `"${o}"`).join(', ')} left out of the division`);
  }
  const space = new OutcomeSpace(scenario.issues);
  const gains = negs.map((p, who) => {
    const tables = compileUtility(space, p.preferences!).tables!;
    return options.map(([oa, ob], i) => {
      const mine = who === 0 ? oa : ob;
      const theirs = who === 0 ? ob : oa;
      return tables[i]![mine]! - tables[i]![theirs]!;
    });
  });
  for (let who = 0; who < 2; who++) {
    const p = negs[who]!;
    const neg = gains[who]!.findIndex((g) => g < 0);
    if (neg >= 0) return { result: null, reason: `party "${p.id}" would rather "${scenario.issues[neg]!.name}" went to the other party; Adjusted Winner needs goods` };
    if (!gains[who]!.some((g) => g > 0)) return { result: null, reason: `party "${p.id}" does not care who gets any item` };
  }
  const total = (g: number[]) => g.reduce((s, x) => s + x, 0);
  const points = gains.map((g) => g.map((x) => (100 * x) / total(g))) as [number[], number[]];
  const split = adjustedWinnerPoints(points[0], points[1]);
  return {
    result: {
      ...split,
      parties: [pa.id, pb.id],
      items: scenario.issues.map((i) => i.name),
      options,
      points,
      notes,
    },
  };
}
