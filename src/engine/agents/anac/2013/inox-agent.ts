import type { AgentView, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid, randomBidIn } from '../../bid-search.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * InoxAgent (ANAC 2013 finalist), as the ANAC 2013 overview describes it: a
 * Boulware agent whose floor comes from the opponent's offers and whose
 * patience comes from the discount. Its floor is the median of its own
 * utilities of the opponent's offers, raised half-way towards the best one
 * (at least its reservation value); its target is 1 − (1 − floor)·t^(1/e)
 * with e = 0.1·(2 − δ) (more eager under a discount); it walks away when the
 * reservation value now beats its floor discounted to the deadline. It
 * offers random outcomes within 0.03 above its target and accepts an offer at
 * or above the target. (The median-based floor, e and the walk-away test are
 * our choices.)
 */
export class InoxAgent extends Negotiator {
  readonly name = 'InoxAgent';
  private readonly utilities: number[] = [];

  constructor(view: AgentView) {
    super(view);
  }

  protected override onOffer(o: ReceivedOffer): void {
    const x = this.scale.toUnit(o.utility);
    let i = this.utilities.length;
    while (i > 0 && this.utilities[i - 1]! > x) i--;
    this.utilities.splice(i, 0, x);
  }

  floorUnit(): number {
    const u = this.utilities;
    if (u.length === 0) return Math.max(this.unitReservation, 0.5);
    const median = u[Math.floor(u.length / 2)]!;
    const best = u[u.length - 1]!;
    return Math.min(1, Math.max(this.unitReservation, (median + best) / 2));
  }

  targetAt(t: number): number {
    const e = 0.1 * (2 - this.discountFactor);
    return 1 - (1 - this.floorUnit()) * Math.pow(t, 1 / e);
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.targetAt(t));
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const t = turn.time;
    const target = this.targetAt(t);
    if (offer && this.scale.toUnit(offer.utility) >= target) return 'accept';
    const df = this.discountFactor;
    if (df < 1 && Number.isFinite(this.reservation) && this.utilities.length >= 10) {
      if (this.discounted(this.reservation, t) > this.discounted(this.scale.fromUnit(this.floorUnit()), 1)) return 'end';
    }
    if (this.myTurns === 0) return bestBid(this.sorted);
    const lo = this.scale.fromUnit(target);
    return randomBidIn(this.sorted, this.view.rng, lo, lo + 0.03 * (this.maxUtility - this.scale.min));
  }
}

export const inoxAgent = anacKind({
  name: 'InoxAgent',
  year: 2013,
  rank: null,
  strategy: 'Boulware towards a floor from the median and best of the opponent’s offers; walks away when the discount makes that pay',
  description:
    'InoxAgent: Boulware concession (faster under discounting) towards a floor between the median and the best of the opponent’s offers; walks away when its discounted reservation value beats that floor',
  citation: 'Gal & Ilany, "The fourth automated negotiation competition", Next Frontier in Agent-Based Complex Automated Negotiation, SCI 596, Springer 2015',
  create: (view) => new InoxAgent(view),
});
