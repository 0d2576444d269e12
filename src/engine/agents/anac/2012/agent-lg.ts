import type { AgentView, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid, bestBidIn } from '../../bid-search.ts';
import { FrequencyModel } from '../../opponent-model.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * AgentLG (ANAC 2012, 2nd), as the ANAC 2012 overview describes it: it keeps
 * statistics of the opponent's values and first offers its own best bids,
 * conceding very little (to 0.9 by t = 0.6); then it compromises, moving its
 * target linearly to the point half-way between its best and the best offer
 * received (at t = 0.99); in the last moments it offers the best offer
 * received. Bids near the target are chosen by a frequency model. It accepts
 * an offer at or above its target, at least 0.99 of its last bid, or after
 * t = 0.99 at least as good as the best offer received. (The phase times and
 * the half-way point are our choices.)
 */
export class AgentLG extends Negotiator {
  readonly name = 'AgentLG';
  private readonly model: FrequencyModel;

  constructor(view: AgentView) {
    super(view);
    this.model = new FrequencyModel(view.space);
    this.opponentModel = this.model;
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.model.update(o.party, o.bid);
  }

  /** Half-way between 1 and the best offer received (at least the reservation value). */
  halfway(): number {
    const best = this.bestReceived ? this.scale.toUnit(this.bestReceived.utility) : 0;
    return Math.max(this.unitReservation, (1 + best) / 2);
  }

  targetAt(t: number): number {
    if (t < 0.6) return 1 - 0.1 * (t / 0.6);
    const h = Math.min(0.9, this.halfway());
    return 0.9 - (0.9 - h) * Math.min(1, (t - 0.6) / 0.39);
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.targetAt(t));
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const t = turn.time;
    const target = this.targetAt(t);
    const best = this.bestReceived;
    if (offer) {
      if (this.scale.toUnit(offer.utility) >= target || offer.utility >= 0.99 * this.myLastUtility) return 'accept';
      if (t >= 0.99 && best && offer.utility >= best.utility) return 'accept';
    }
    if (t >= 0.99 && best) return best.bid;
    if (!best) return bestBid(this.sorted);
    const lo = this.scale.fromUnit(target);
    return bestBidIn(this.sorted, lo, lo + 0.03 * (this.maxUtility - this.scale.min), (b) => this.model.meanUtility(b));
  }
}

export const agentLG = anacKind({
  name: 'AgentLG',
  year: 2012,
  rank: 2,
  strategy: 'tough until t = 0.6, then compromises to half-way between its best and the opponent’s best offer',
  description:
    'AgentLG: offers its best bids first, then compromises towards the point half-way between its best and the best offer received, finally offering that best offer; frequency model picks bids',
  citation:
    'Williams, Robu, Gerding & Jennings, "An overview of the results and insights from the third automated negotiating agents competition (ANAC2012)", Novel Insights in Agent-based Complex Automated Negotiation, SCI 535, Springer 2014',
  create: (view) => new AgentLG(view),
});
