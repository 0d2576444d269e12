import type { AgentView, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBidIn, bestBid } from '../../bid-search.ts';
import { FrequencyModel } from '../../opponent-model.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * HardHeaded (ANAC 2011 winner; van Krimpen, Looije & Hajizadeh). A very
 * Boulware agent: its threshold p(t) = Pmax − (Pmax − Pmin)·t^(1/e) with
 * e = 0.05 barely moves until the very end, and never falls below
 * Pmin = max(reservation, 0.585). It learns the opponent with the frequency
 * model (learning rate 0.2, the model the BOA framework later named after it)
 * and, among its outcomes within a 0.03 window above the threshold (at most
 * 100 scored), offers the one the model rates best for the opponent. It
 * opens with its best outcome and accepts an offer at least as good as the
 * bid it would make next. With discounting it concedes earlier:
 * e = 0.05 / δ (our choice of how the exponent follows the discount δ).
 */
export class HardHeaded extends Negotiator {
  readonly name = 'HardHeaded';
  readonly model: FrequencyModel;
  readonly pmin: number;
  readonly e: number;

  constructor(view: AgentView) {
    super(view);
    this.model = new FrequencyModel(view.space, 0.2);
    this.opponentModel = this.model;
    this.pmin = Math.max(this.unitReservation, 0.585);
    this.e = 0.05 / this.discountFactor;
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.model.update(o.party, o.bid);
  }

  /** The threshold on the unit scale. */
  threshold(t: number): number {
    return 1 - (1 - this.pmin) * Math.pow(t, 1 / this.e);
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.threshold(t));
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    if (this.myTurns === 0 && !offer) return bestBid(this.sorted);
    const lo = this.scale.fromUnit(this.threshold(turn.time));
    const bid = bestBidIn(this.sorted, lo, lo + 0.03 * (this.maxUtility - this.scale.min), (b) => this.model.meanUtility(b));
    if (offer && offer.utility >= this.u(bid)) return 'accept';
    return bid;
  }
}

export const hardHeaded = anacKind({
  name: 'HardHeaded',
  year: 2011,
  rank: 1,
  strategy: 'extreme Boulware (e = 0.05) above a 0.585 floor; frequency model picks the bid in a window',
  description:
    'HardHeaded: concedes only at the very end (Boulware, e = 0.05) and never below 0.585 or its reservation value; its frequency opponent model picks, among bids near its threshold, the one the opponent likes best',
  citation: 'van Krimpen, Looije & Hajizadeh, "HardHeaded", Complex Automated Negotiations: Theories, Models, and Software Competitions, SCI 435, Springer 2013, pp. 223–227',
  create: (view) => new HardHeaded(view),
});
