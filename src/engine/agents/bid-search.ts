import type { Bid } from '../negotiation/agent.ts';
import type { SortedOutcomes } from '../negotiation/sorted-outcomes.ts';
import type { Rng } from '../util/rng.ts';

/**
 * Bid searches over an agent's own sorted outcomes (ascending own utility).
 * Every search is a binary search plus at most `limit` candidates, so a turn
 * costs the same on 3 or 390 625 outcomes.
 */

/** The first position with utility ≥ lo and the end of those ≤ hi ([from, to), possibly empty). */
export function positionsIn(sorted: SortedOutcomes, lo: number, hi: number): { from: number; to: number } {
  const from = Math.min(sorted.ceil(lo), sorted.count);
  const to = Math.max(from, sorted.ceil(nextUp(hi)));
  return { from, to };
}

/** The smallest double above x (so that `ceil(nextUp(hi))` ends after every utility equal to hi). */
function nextUp(x: number): number {
  if (!Number.isFinite(x)) return x;
  return x + Math.max(Math.abs(x) * 1e-12, 1e-15);
}

/** The position of the lowest outcome at or above `u`; the best outcome when none is. */
export function positionAtOrAbove(sorted: SortedOutcomes, u: number): number {
  return Math.min(sorted.ceil(u), sorted.count - 1);
}

/** The lowest own-utility outcome at or above `u` (the best outcome when none is). */
export function bidAtOrAbove(sorted: SortedOutcomes, u: number): Bid {
  return sorted.outcomeAt(positionAtOrAbove(sorted, u));
}

/** The best outcome. */
export function bestBid(sorted: SortedOutcomes): Bid {
  return sorted.outcomeAt(sorted.count - 1);
}

/**
 * A uniformly random outcome with own utility in [lo, hi]; when there is
 * none, the lowest one above `lo` (or the best outcome).
 */
export function randomBidIn(sorted: SortedOutcomes, rng: Rng, lo: number, hi: number): Bid {
  const { from, to } = positionsIn(sorted, lo, hi);
  if (to > from) return sorted.outcomeAt(rng.int(from, to - 1));
  return bidAtOrAbove(sorted, lo);
}

/**
 * Among outcomes with own utility in [lo, hi], the one that maximises
 * `score` (e.g. an opponent model's estimate). At most `limit` candidates are
 * scored: all of them when there are few, otherwise evenly spaced ones across
 * the range (so the choice does not favour the low end). Ties keep the lower
 * position. With no outcome in the range, the lowest one above `lo`.
 */
export function bestBidIn(sorted: SortedOutcomes, lo: number, hi: number, score: (b: Bid) => number, limit = 100): Bid {
  const { from, to } = positionsIn(sorted, lo, hi);
  if (to <= from) return bidAtOrAbove(sorted, lo);
  const count = to - from;
  const step = count <= limit ? 1 : count / limit;
  let best: Bid | undefined;
  let bestScore = -Infinity;
  for (let k = 0; k < Math.min(count, limit); k++) {
    const pos = from + Math.floor(k * step);
    const b = sorted.outcomeAt(pos);
    const s = score(b);
    if (s > bestScore) {
      bestScore = s;
      best = b;
    }
  }
  return best!;
}

/** Up to `limit` outcomes with own utility in [lo, hi], evenly spaced across the range. */
export function bidsIn(sorted: SortedOutcomes, lo: number, hi: number, limit = 100): Bid[] {
  const { from, to } = positionsIn(sorted, lo, hi);
  const count = to - from;
  if (count <= 0) return [];
  const step = count <= limit ? 1 : count / limit;
  const out: Bid[] = [];
  for (let k = 0; k < Math.min(count, limit); k++) out.push(sorted.outcomeAt(from + Math.floor(k * step)));
  return out;
}

/** Whether two bids are the same outcome. */
export function sameBid(a: Bid | undefined, b: Bid | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
