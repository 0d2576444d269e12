import type { AgentView, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { BayesianModel } from '../../bayesian-model.ts';
import { bestBidIn } from '../../bid-search.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * AgentFSEGA (ANAC 2010, 5th; Şerban, Silaghi & Litan). A time-constrained
 * reasoning model in three phases, with a Bayesian opponent model (Hindriks &
 * Tykhonov) to choose among bids of about the same utility for itself:
 *
 * - t < 0.85: it concedes slowly, from 1 to 0.9;
 * - 0.85 ≤ t < 0.95: faster, from 0.9 to its limit;
 * - t ≥ 0.95: it offers the best offer received when it is at or above its
 *   limit, otherwise its limit.
 *
 * The limit is the larger of the reservation value and 0.7 (the phase
 * boundaries follow the paper; the utility levels are our choices). It
 * accepts an offer at least as good as its next bid or its last bid.
 */
export class FSEGA extends Negotiator {
  readonly name = 'AgentFSEGA';
  private readonly model: BayesianModel;

  constructor(view: AgentView) {
    super(view);
    this.model = new BayesianModel(view.space);
    this.opponentModel = this.model;
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.model.update(o.party, o.bid);
  }

  private get limit(): number {
    return Math.max(this.unitReservation, 0.7);
  }

  targetAt(t: number): number {
    if (t < 0.85) return 1 - 0.1 * (t / 0.85);
    if (t < 0.95) return 0.9 - (0.9 - this.limit) * ((t - 0.85) / 0.1);
    return this.limit;
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.targetAt(t));
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const t = turn.time;
    const target = Math.max(this.limit, this.targetAt(t));
    const lo = this.scale.fromUnit(target);
    const best = this.bestReceived;
    const bid =
      t >= 0.95 && best && this.scale.toUnit(best.utility) >= this.limit
        ? best.bid
        : bestBidIn(this.sorted, lo, lo + 0.03 * (this.maxUtility - this.scale.min), (b) => this.model.meanUtility(b));
    if (offer && (offer.utility >= this.u(bid) || offer.utility >= this.myLastUtility)) return 'accept';
    return bid;
  }
}

export const fsega = anacKind({
  name: 'AgentFSEGA',
  year: 2010,
  rank: 5,
  strategy: 'three time phases (slow, faster, final); Bayesian opponent model picks among equal bids',
  description:
    'AgentFSEGA: concedes slowly until t = 0.85, faster until 0.95, then offers the best offer received above its limit; Bayesian opponent model chooses among bids of equal own utility',
  citation:
    'Şerban, Silaghi & Litan, "AgentFSEGA: time constrained reasoning model for bilateral multi-issue negotiations", New Trends in Agent-Based Complex Automated Negotiations, SCI 383, Springer 2012, pp. 159–165',
  create: (view) => new FSEGA(view),
});
