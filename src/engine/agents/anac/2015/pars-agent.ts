import type { AgentView, Bid, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid, randomBidIn } from '../../bid-search.ts';
import { FrequencyModel } from '../../opponent-model.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * ParsAgent (ANAC 2015, 2nd, multilateral; Khosravimehr & Nassiri-Mofakham):
 * hybrid time-dependent, random and frequency-based bidding. Its target is
 * time-dependent, 1 − (1 − m)·t^(1/e) with e = 0.15 and m = max(reservation,
 * 0.7). With a frequency model of every other party it builds a bid from the
 * values they agree on: each issue where the others' most frequent values
 * coincide takes that value, the other issues take its own best value; when
 * that bid reaches the target it offers it, otherwise a random outcome within
 * 0.05 above the target. It accepts an offer at or above its target. (e, the
 * 0.7 floor and the fill-in rule are our choices.)
 */
export class ParsAgent extends Negotiator {
  readonly name = 'ParsAgent';
  readonly model: FrequencyModel;
  private readonly ownBest: Bid;

  constructor(view: AgentView) {
    super(view);
    this.model = new FrequencyModel(view.space);
    this.opponentModel = this.model;
    this.ownBest = bestBid(this.sorted);
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.model.update(o.party, o.bid);
  }

  targetAt(t: number): number {
    const m = Math.max(this.unitReservation, 0.7);
    return 1 - (1 - m) * Math.pow(t, 1 / 0.15);
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.targetAt(t));
  }

  /** The bid built from the values the others agree on (own best values elsewhere). */
  commonBid(): Bid | undefined {
    const parties = this.model.parties;
    if (parties.length === 0) return undefined;
    const radices = this.view.space.radices;
    return this.ownBest.map((own, i) => {
      let common: number | undefined;
      for (const p of parties) {
        let best = 0;
        for (let v = 1; v < radices[i]!; v++) if (this.model.valueScore(p, i, v) > this.model.valueScore(p, i, best)) best = v;
        if (common === undefined) common = best;
        else if (common !== best) return own;
      }
      return common ?? own;
    });
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const target = this.targetAt(turn.time);
    if (offer && this.scale.toUnit(offer.utility) >= target) return 'accept';
    const lo = this.scale.fromUnit(target);
    const common = this.commonBid();
    if (common && this.u(common) >= lo) return common;
    if (!common) return this.ownBest;
    return randomBidIn(this.sorted, this.view.rng, lo, lo + 0.05 * (this.maxUtility - this.scale.min));
  }
}

export const parsAgent = anacKind({
  name: 'ParsAgent',
  year: 2015,
  rank: 2,
  multilateral: true,
  strategy: 'time-dependent target; bids from the values the other parties agree on (frequency models), else random above target',
  description:
    'ParsAgent: time-dependent concession; builds bids from the issue values all other parties offer most often (own best values elsewhere), otherwise random bids above its target',
  citation:
    'Khosravimehr & Nassiri-Mofakham, "Pars Agent: hybrid time-dependent, random and frequency-based bidding and acceptance strategies in multilateral negotiations", Modern Approaches to Agent-based Complex Automated Negotiation, SCI 674, Springer 2017',
  create: (view) => new ParsAgent(view),
});
