import type { AgentView, Bid, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid, climbTo, randomBidIn } from '../../bid-search.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';
import { maxOf } from '../../../util/arrays.ts';

/**
 * Atlas3 (ANAC 2015 winner, multilateral; Mori & Ito). Three ideas:
 *
 * - A lower limit for its concession from an expected-utility comparison: it
 *   should never concede below what it expects to get by holding out, taken
 *   here as L = max(reservation, Σ over opponents of their best offer ÷ their
 *   count, i.e. the mean of each opponent's best offer for me), discounted
 *   to the expected agreement time; its threshold falls from 1 towards L as
 *   1 − (1 − L)·t^(1/e), e = 0.2·δ + 0.05 (our reading of the paper's
 *   "expected lower limit of the concession function").
 * - Relative-utility search: bids are found by neighbourhood search from the
 *   other parties' latest offers — change one issue at a time, each time the
 *   change that raises its own utility most, until the threshold is reached —
 *   so offers stay close to what the others asked for.
 * - An end phase (the last 2 % of the time): it offers, in turn, the bids the
 *   others have offered that are worth at least its reservation value, best
 *   first ("candidate list").
 *
 * It accepts an offer at or above its threshold. Designed for three-party
 * SAOP; it also plays bilaterally.
 */
export class Atlas3 extends Negotiator {
  readonly name = 'Atlas3';
  private endList: Bid[] = [];
  private endListAt = -1;

  constructor(view: AgentView) {
    super(view);
  }

  /** The lower limit L on the unit scale. */
  lowerLimit(t: number): number {
    const bests = this.opponents.map((p) => Math.max(0, maxOf(this.from(p).map((r) => this.scale.toUnit(r.utility)))));
    const expected = bests.length ? bests.reduce((s, x) => s + x, 0) / bests.length : 0;
    const discountToEnd = Math.pow(this.discountFactor, Math.max(0, 1 - t));
    return Math.min(1, Math.max(this.unitReservation, expected * discountToEnd));
  }

  threshold(t: number): number {
    const e = 0.2 * this.discountFactor + 0.05;
    const L = this.lowerLimit(t);
    return 1 - (1 - L) * Math.pow(t, 1 / e);
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.threshold(t));
  }

  /** Greedy one-issue-at-a-time climb from `start` up to own utility ≥ lo (see `climbTo`; undefined when it stalls). */
  climb(start: Bid, lo: number): Bid | undefined {
    return climbTo(start, lo, (b) => this.u(b), this.view.space.radices);
  }


  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const t = turn.time;
    const th = this.threshold(t);
    if (offer && this.scale.toUnit(offer.utility) >= th) return 'accept';
    if (t >= 0.98 && this.received.length) {
      if (this.endListAt !== this.received.length) {
        const seen = new Set<string>();
        this.endList = [...this.received]
          .filter((r) => r.utility >= this.reservation)
          .sort((a, b) => b.utility - a.utility)
          .map((r) => r.bid)
          .filter((b) => (seen.has(b.join(',')) ? false : (seen.add(b.join(',')), true)));
        this.endListAt = this.received.length;
      }
      if (this.endList.length) return this.endList[this.myTurns % this.endList.length]!;
    }
    if (this.received.length === 0) return bestBid(this.sorted);
    const lo = this.scale.fromUnit(th);
    let best: Bid | undefined;
    for (const p of this.opponents) {
      const last = this.lastFrom(p);
      if (!last) continue;
      const b = this.climb(last.bid, lo);
      if (b && (!best || this.u(b) < this.u(best))) best = b;
    }
    return best ?? randomBidIn(this.sorted, this.view.rng, lo, lo + 0.05 * (this.maxUtility - this.scale.min));
  }
}

export const atlas3 = anacKind({
  name: 'Atlas3',
  year: 2015,
  rank: 1,
  multilateral: true,
  strategy: 'expected lower limit of concession; neighbourhood search from the others’ offers; end-phase candidate list',
  description:
    'Atlas3: concedes towards an expected lower limit from the others’ best offers and the discount, builds bids by neighbourhood search from the others’ latest offers, and in the end phase offers the others’ own offers best for it',
  citation: 'Mori & Ito, "Atlas3: a negotiating agent based on expecting lower limit of concession function", Modern Approaches to Agent-based Complex Automated Negotiation, SCI 674, Springer 2017',
  create: (view) => new Atlas3(view),
});
