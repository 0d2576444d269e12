import type { AgentView, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid, randomBidIn } from '../../bid-search.ts';
import { ConcessionTracker, trendPrediction } from '../../gaussian-process.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * OMACagent (ANAC 2012, 3rd; Chen & Weiss). It predicts the opponent's
 * concession by regression and aims at the best expected discounted deal.
 * The best utility of the opponent's offers so far, per time slot (50 slots;
 * a running maximum), is de-noised and its recent trend extrapolated (predictions never below the
 * best offer so far); the paper de-noises with a discrete wavelet transform
 * and predicts with a cubic smoothing spline — we use a centred 3-slot moving
 * average and a least-squares line through the last 10 slots (our choice, the
 * same role: a cubic fitted to a short history extrapolates too wildly).
 * From the fit p(τ) it takes the future time τ* that maximises p(τ)·δ^τ and
 * aims at u* = p(τ*), moving its target linearly towards it (re-planned when a
 * slot starts; before 4 slots hold offers it concedes slowly, 1 − 0.1·t).
 * Target never below
 * the best offer received nor the reservation value; bids are random within
 * 0.02 above the target. It accepts an offer at or above the target or at
 * least as good as its next bid.
 */
export class OMACagent extends Negotiator {
  readonly name = 'OMACagent';
  private readonly tracker = new ConcessionTracker(50);
  private fitted = -1;
  private goal: { tau: number; u: number } | undefined;
  private anchor = { t: 0, u: 1 };
  /** The target on the unit scale at the last turn. */
  target = 1;

  constructor(view: AgentView) {
    super(view);
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.tracker.add(o.time, this.scale.toUnit(o.utility));
  }

  /** The fitted prediction of the opponent's best offer at time τ (undefined before 4 slots). */
  predict(t: number): ((tau: number) => number) | undefined {
    const { x, y } = this.tracker.series(t);
    return trendPrediction(x, y);
  }

  private plan(t: number): void {
    const slot = this.tracker.slotOf(t);
    if (slot === this.fitted) return;
    this.fitted = slot;
    const p = this.predict(t);
    if (!p) return;
    const df = this.discountFactor;
    let best = -Infinity;
    let goal: { tau: number; u: number } | undefined;
    for (let i = 20; i >= 1; i--) {
      const tau = t + ((1 - t) * i) / 20;
      const v = p(tau) * Math.pow(df, tau);
      if (v > best + 1e-12) {
        best = v;
        goal = { tau, u: p(tau) };
      }
    }
    this.anchor = { t, u: this.target };
    this.goal = goal;
  }

  targetAt(t: number): number {
    this.plan(t);
    let target = 1 - 0.1 * t;
    const g = this.goal;
    if (g) {
      const f = Math.min(1, Math.max(0, (t - this.anchor.t) / Math.max(1e-9, g.tau - this.anchor.t)));
      target = this.anchor.u + (g.u - this.anchor.u) * f;
    }
    const best = this.bestReceived ? this.scale.toUnit(this.bestReceived.utility) : 0;
    return Math.min(1, Math.max(target, best, this.unitReservation));
  }

  protected override aspiration(): number {
    return this.scale.fromUnit(this.target);
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    this.target = this.targetAt(turn.time);
    if (this.myTurns === 0 && !offer) return bestBid(this.sorted);
    const lo = this.scale.fromUnit(this.target);
    const bid = randomBidIn(this.sorted, this.view.rng, lo, lo + 0.02 * (this.maxUtility - this.scale.min));
    if (offer && (this.scale.toUnit(offer.utility) >= this.target || offer.utility >= this.u(bid))) return 'accept';
    return bid;
  }
}

export const omacAgent = anacKind({
  name: 'OMACagent',
  year: 2012,
  rank: 3,
  strategy: 'regression on the de-noised opponent concession predicts the best discounted deal; concedes towards it',
  description:
    'OMACagent: smooths the opponent’s best offers per time slot, extrapolates their trend to predict its future concession, and concedes towards the time and utility with the best discounted prediction',
  citation:
    'Chen & Weiss, "An efficient and adaptive approach to negotiation in complex environments", ECAI 2012; "OMAC: a discrete wavelet transformation based negotiation agent", Novel Insights in Agent-based Complex Automated Negotiation, SCI 535, Springer 2014',
  create: (view) => new OMACagent(view),
});
