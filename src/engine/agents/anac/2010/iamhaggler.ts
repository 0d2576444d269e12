import type { AgentView, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { BayesianModel } from '../../bayesian-model.ts';
import { bestBidIn } from '../../bid-search.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * IAMhaggler (ANAC 2010, 4th; Williams, Robu, Gerding & Jennings). It learns
 * the opponent's preferences with the Bayesian model of Hindriks & Tykhonov
 * and concedes with a Boulware curve from 1 towards a limit set by the
 * opponent's offers: target(t) = 1 − (1 − limit)·t^(1/β), β = 0.2, where the
 * limit is the best offer received (at least the reservation value, and at
 * least `minimum` = 0.6 of our choice so that it stays tough). Among outcomes
 * within 0.05 above its target it offers the one the model says the opponent
 * likes best. It accepts when 1.02·u(offer) reaches the utility of its last
 * or next bid, or when the offer reaches its maximum aspiration 0.9.
 */
export class IAMhaggler extends Negotiator {
  readonly name: string = 'IAMhaggler';
  protected readonly model: BayesianModel;
  protected beta = 0.2;
  protected minimum = 0.6;

  constructor(view: AgentView) {
    super(view);
    this.model = new BayesianModel(view.space);
    this.opponentModel = this.model;
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.model.update(o.party, o.bid);
  }

  targetAt(t: number): number {
    const best = this.bestReceived ? this.scale.toUnit(this.bestReceived.utility) : 0;
    const limit = Math.min(1, Math.max(this.unitReservation, best, this.minimum));
    return 1 - (1 - limit) * Math.pow(t, 1 / this.beta);
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.targetAt(t));
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const target = this.targetAt(turn.time);
    const lo = this.scale.fromUnit(target);
    const bid = bestBidIn(this.sorted, lo, lo + 0.05 * (this.maxUtility - this.scale.min), (b) => this.model.meanUtility(b));
    if (offer) {
      const u = offer.utility;
      if (1.02 * u >= this.u(bid) || 1.02 * u >= this.myLastUtility || this.scale.toUnit(u) >= 0.9) return 'accept';
    }
    return bid;
  }
}

export const iamhaggler = anacKind({
  name: 'IAMhaggler',
  year: 2010,
  rank: 4,
  strategy: 'Boulware concession towards the best offer received; Bayesian opponent model picks the bid',
  description:
    'IAMhaggler: Bayesian opponent model (Hindriks & Tykhonov), Boulware concession towards the best offer received, offers the bid near its target the opponent likes best',
  citation:
    'Williams, Robu, Gerding & Jennings, "IAMhaggler: a negotiation agent for complex environments", New Trends in Agent-Based Complex Automated Negotiations, SCI 383, Springer 2012, pp. 151–158',
  create: (view) => new IAMhaggler(view),
});
