import type { AgentView, Bid, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { BayesianModel } from '../../bayesian-model.ts';
import { bestBid, bestBidIn, bidsIn } from '../../bid-search.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * Nice Tit for Tat (ANAC 2011, 7th; Baarslag, Hindriks & Jonker). It
 * reciprocates the opponent's concessions, measured in the opponent's own
 * utility by a Bayesian model (Hindriks & Tykhonov), relative to the estimated
 * Nash point: when the opponent has moved a share r of the way from its first
 * offer towards the Nash point, Nice Tit for Tat moves the same share from its
 * best outcome towards its own utility at the Nash point — and never beyond
 * it. Among outcomes within 0.05 above that target it offers the one the
 * model says the opponent likes best. It accepts an offer at least as good as
 * its next bid and, near the deadline (t ≥ 0.98), one at least as good as the
 * best it received in the last window of the same length (1 − t) as the time
 * left. The Nash point is estimated over 300 of its outcomes, evenly spread
 * above its reservation value, and re-estimated every 10 turns (our choices).
 * Unlike the simplified `nice-tft` baseline, this is the ANAC agent.
 */
export class NiceTitForTat extends Negotiator {
  readonly name = 'NiceTitForTat';
  private readonly model: BayesianModel;
  private nash: { bid: Bid; mine: number } | undefined;
  private nashTurn = -1;
  /** The target on the unit scale at the last turn. */
  target = 1;

  constructor(view: AgentView) {
    super(view);
    this.model = new BayesianModel(view.space);
    this.opponentModel = this.model;
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.model.update(o.party, o.bid);
  }

  private opponent(): string | undefined {
    return this.received[0]?.party;
  }

  private nashPoint(): { bid: Bid; mine: number } {
    if (!this.nash || this.myTurns - this.nashTurn >= 10) {
      this.nashTurn = this.myTurns;
      const opp = this.opponent();
      const lo = Math.max(this.floor, this.scale.min);
      let best: { bid: Bid; mine: number } | undefined;
      let bestProduct = -Infinity;
      for (const b of bidsIn(this.sorted, lo, this.maxUtility, 300)) {
        const mine = this.unit(b);
        const theirs = opp ? this.model.utility(opp, b) : 0.5;
        const product = (mine - this.unitReservation) * theirs;
        if (product > bestProduct) {
          bestProduct = product;
          best = { bid: b, mine };
        }
      }
      this.nash = best ?? { bid: bestBid(this.sorted), mine: 1 };
    }
    return this.nash;
  }

  /** The share of the way from its first offer to the Nash point the opponent has conceded, in its estimated utility. */
  concession(): number {
    const opp = this.opponent();
    if (!opp) return 0;
    const offers = this.from(opp);
    const first = this.model.utility(opp, offers[0]!.bid);
    const last = this.model.utility(opp, offers[offers.length - 1]!.bid);
    const atNash = this.model.utility(opp, this.nashPoint().bid);
    const span = first - atNash;
    return span > 1e-9 ? Math.min(1, Math.max(0, (first - last) / span)) : 0;
  }

  targetAt(): number {
    const mineAtNash = Math.max(this.unitReservation, this.nashPoint().mine);
    return 1 - (1 - mineAtNash) * this.concession();
  }

  protected override aspiration(): number {
    return this.scale.fromUnit(this.target);
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const t = turn.time;
    if (!this.opponent()) return bestBid(this.sorted);
    this.target = this.targetAt();
    const lo = this.scale.fromUnit(this.target);
    const opp = this.opponent()!;
    const bid = bestBidIn(this.sorted, lo, lo + 0.05 * (this.maxUtility - this.scale.min), (b) => this.model.utility(opp, b));
    if (offer) {
      if (offer.utility >= this.u(bid)) return 'accept';
      if (t >= 0.98) {
        const since = 2 * t - 1;
        let windowBest = -Infinity;
        for (let k = this.received.length - 1; k >= 0 && this.received[k]!.time >= since; k--) windowBest = Math.max(windowBest, this.received[k]!.utility);
        if (offer.utility >= windowBest) return 'accept';
      }
    }
    return bid;
  }
}

export const niceTitForTat = anacKind({
  name: 'NiceTitForTat',
  year: 2011,
  rank: 7,
  strategy: 'reciprocates the opponent’s concession towards the estimated Nash point (Bayesian model), never beyond it',
  description:
    'Nice Tit for Tat: mirrors the opponent’s concession, measured in its estimated utility relative to the estimated Nash point, never conceding beyond the Nash point; offers the bid the opponent likes best at its target',
  citation:
    'Baarslag, Hindriks & Jonker, "A tit for tat negotiation strategy for real-time bilateral negotiations", Complex Automated Negotiations, SCI 435, Springer 2013, pp. 229–233',
  create: (view) => new NiceTitForTat(view),
});
