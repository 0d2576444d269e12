import type { AgentView, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid, bestBidIn } from '../../bid-search.ts';
import { ConcessionTracker, trendPrediction } from '../../gaussian-process.ts';
import { FrequencyModel } from '../../opponent-model.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * TheFawkes (ANAC 2013 winner), a BOA agent as the ANAC 2013 overview
 * describes it: it predicts the opponent's concession from the history of its
 * offers (in the OMAC manner, `trendPrediction`: best offer so far per time
 * slot, smoothed, its recent trend extrapolated) and aims its target at the best discounted predicted utility; a
 * frequency model picks the bid the opponent likes best within 0.02 above the
 * target; and it accepts with AC_combi(MAX_W): an offer at least as good as
 * its next bid or, after t = 0.98, at least the best of the last window of
 * length 1 − t. The 2013 competition let agents learn across repeated
 * sessions of a domain; parley runs sessions independently, so that part is
 * left out. Before four slots hold offers, and whenever the prediction is
 * lower, its target follows a Boulware curve 1 − (1 − m)·t^(1/0.1) with
 * m = max(reservation, best offer received, 0.6) — it takes the better of
 * prediction and curve (our choices: slots, smoothing, curve, floor).
 */
export class TheFawkes extends Negotiator {
  readonly name = 'TheFawkes';
  private readonly model: FrequencyModel;
  private readonly tracker = new ConcessionTracker(50);
  private fittedSlot = -1;
  private predicted = 0;
  target = 1;

  constructor(view: AgentView) {
    super(view);
    this.model = new FrequencyModel(view.space);
    this.opponentModel = this.model;
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.model.update(o.party, o.bid);
    this.tracker.add(o.time, this.scale.toUnit(o.utility));
  }

  private floorUnit(): number {
    const best = this.bestReceived ? this.scale.toUnit(this.bestReceived.utility) : 0;
    return Math.min(1, Math.max(this.unitReservation, best, 0.6));
  }

  /** The best discounted predicted utility of the opponent's future offers (0 before there are 4 slots). */
  prediction(t: number): number {
    const slot = this.tracker.slotOf(t);
    if (slot !== this.fittedSlot) {
      this.fittedSlot = slot;
      const { x, y } = this.tracker.series(t);
      const p = trendPrediction(x, y);
      if (p) {
        const df = this.discountFactor;
        let best = 0;
        for (let i = 1; i <= 20; i++) {
          const tau = t + ((1 - t) * i) / 20;
          best = Math.max(best, p(tau) * Math.pow(df, tau - t));
        }
        this.predicted = best;
      }
    }
    return this.predicted;
  }

  targetAt(t: number): number {
    const m = this.floorUnit();
    const curve = 1 - (1 - m) * Math.pow(t, 10);
    return Math.max(curve, Math.min(1, this.prediction(t)), m);
  }

  protected override aspiration(): number {
    return this.scale.fromUnit(this.target);
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const t = turn.time;
    this.target = this.targetAt(t);
    if (this.myTurns === 0 && !offer) return bestBid(this.sorted);
    const lo = this.scale.fromUnit(this.target);
    const bid = bestBidIn(this.sorted, lo, lo + 0.02 * (this.maxUtility - this.scale.min), (b) => this.model.meanUtility(b));
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

export const theFawkes = anacKind({
  name: 'TheFawkes',
  year: 2013,
  rank: 1,
  strategy: 'BOA: regression-predicted opponent concession sets the target; frequency model; AC_combi(MAX_W)',
  description:
    'TheFawkes: predicts the opponent’s concession from its offer history and aims at the best discounted prediction (never below a Boulware curve), picks bids by a frequency model, accepts with AC_combi(MAX_W)',
  citation: 'Gal & Ilany, "The fourth automated negotiation competition", Next Frontier in Agent-Based Complex Automated Negotiation, SCI 596, Springer 2015',
  create: (view) => new TheFawkes(view),
});
