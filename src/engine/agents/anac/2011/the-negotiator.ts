import type { AgentView, Bid, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { randomBidIn } from '../../bid-search.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * TheNegotiator (ANAC 2011, 6th; Dirkzwager, Hendrikx & de Ruiter): a
 * dynamic strategy in three phases whose boundaries move with the discount
 * δ: phase 1 until t₁ = 0.6·δ (hard-headed: random outcomes in the top 5 % of
 * its utility range, accepting only offers at or above 0.9),
 * phase 2 until t₂ = 0.96 (its threshold falls linearly from 0.9 to its
 * floor = max(reservation, best offer received, 0.6)), phase 3 (it offers the
 * opponent's own offers, best for itself first, that reach its floor, and
 * accepts anything at or above the floor). (The 0.6·δ rule, the 5 % band and
 * the utility levels are our choices within the published phase structure.)
 */
export class TheNegotiator extends Negotiator {
  readonly name = 'TheNegotiator';
  private phase3: Bid[] = [];
  private phase3At = 0;

  constructor(view: AgentView) {
    super(view);
  }

  get t1(): number {
    return 0.6 * this.discountFactor;
  }

  floorUnit(): number {
    const best = this.bestReceived ? this.scale.toUnit(this.bestReceived.utility) : 0;
    return Math.min(0.9, Math.max(this.unitReservation, best, 0.6));
  }

  threshold(t: number): number {
    const floor = this.floorUnit();
    if (t < this.t1) return 0.95;
    if (t < 0.96) return 0.9 - (0.9 - floor) * ((t - this.t1) / (0.96 - this.t1));
    return floor;
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.threshold(t));
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const t = turn.time;
    const th = this.threshold(t);
    if (offer && this.scale.toUnit(offer.utility) >= Math.min(th, t < this.t1 ? 0.9 : th)) return 'accept';
    if (t >= 0.96) {
      if (this.phase3.length === 0 || this.received.length !== this.phase3At) {
        const floor = this.scale.fromUnit(this.floorUnit());
        this.phase3 = [...this.received].filter((r) => r.utility >= floor).sort((a, b) => b.utility - a.utility).map((r) => r.bid);
        this.phase3At = this.received.length;
      }
      if (this.phase3.length) return this.phase3[this.myTurns % this.phase3.length]!;
    }
    const lo = this.scale.fromUnit(th);
    return randomBidIn(this.sorted, this.view.rng, lo, Math.max(lo, this.maxUtility));
  }
}

export const theNegotiator = anacKind({
  name: 'TheNegotiator',
  year: 2011,
  rank: 6,
  strategy: 'three phases set by the discount: hard-headed, linear concession, then the opponent’s own best offers',
  description:
    'TheNegotiator: hard-headed in a first phase whose length shrinks with the discount, concedes linearly in a second, and in the last offers the opponent’s own offers that are best for it',
  citation:
    'Dirkzwager, Hendrikx & de Ruiter, "TheNegotiator: a dynamic strategy for bilateral negotiations with time-based discounts", Complex Automated Negotiations, SCI 435, Springer 2013, pp. 217–221',
  create: (view) => new TheNegotiator(view),
});
