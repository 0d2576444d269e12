import type { AgentView, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid, randomBidIn } from '../../bid-search.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * DoNA (ANAC 2014, 2nd; Erez & Zuckerman): a domain-based agent. It decides
 * from the domain's reservation value and discount, before anything else,
 * whether negotiating is worth it: it expects a deal at about the midpoint of
 * its range above the reservation value, (1 + r)/2, reached late; when that
 * deal discounted to the deadline is worth less than the reservation value
 * now, it walks away at once. Otherwise it is a last-moment negotiator: it
 * holds out with offers in its top 5 % until t = 0.95 (earlier under a
 * discount: 0.95·δ²), then concedes linearly to max(reservation, best offer
 * received, (1 + r)/2 − 0.1), and in the last 1 % offers the best offer
 * received. It accepts an offer at or above its current target. (The
 * midpoint expectation, the phase times and the margins are our choices.)
 */
export class DoNA extends Negotiator {
  readonly name = 'DoNA';

  constructor(view: AgentView) {
    super(view);
  }

  /** Whether, before the first move, negotiating is judged not worth it. */
  walksAwayAtOnce(): boolean {
    if (!Number.isFinite(this.reservation)) return false;
    const r = this.unitReservation;
    return this.discountFactor < 1 && ((1 + r) / 2) * this.discountFactor < r;
  }

  get holdUntil(): number {
    return 0.95 * this.discountFactor * this.discountFactor;
  }

  targetAt(t: number): number {
    const r = this.unitReservation;
    const best = this.bestReceived ? this.scale.toUnit(this.bestReceived.utility) : 0;
    const floor = Math.min(0.95, Math.max(r, best, (1 + r) / 2 - 0.1));
    const t0 = this.holdUntil;
    if (t < t0) return 0.95;
    return 0.95 - (0.95 - floor) * Math.min(1, (t - t0) / Math.max(1e-9, 0.99 - t0));
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.targetAt(t));
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    if (this.walksAwayAtOnce()) return 'end';
    const t = turn.time;
    const target = this.targetAt(t);
    if (offer && this.scale.toUnit(offer.utility) >= target) return 'accept';
    if (t >= 0.99 && this.bestReceived) return this.bestReceived.bid;
    if (this.myTurns === 0) return bestBid(this.sorted);
    const lo = this.scale.fromUnit(target);
    return randomBidIn(this.sorted, this.view.rng, lo, lo + 0.05 * (this.maxUtility - this.scale.min));
  }
}

export const dona = anacKind({
  name: 'DoNA',
  year: 2014,
  rank: 2,
  strategy: 'decides from reservation value and discount whether to negotiate at all; otherwise holds out and concedes at the last moment',
  description:
    'DoNA: walks away at once when the discounted expected deal is worth less than its reservation value; otherwise holds out in its top 5 % and concedes only at the end, finally offering the best offer received',
  citation: 'Erez & Zuckerman, "DoNA – a domain-based negotiation agent", Recent Advances in Agent-based Complex Automated Negotiation, SCI 638, Springer 2016',
  create: (view) => new DoNA(view),
});
