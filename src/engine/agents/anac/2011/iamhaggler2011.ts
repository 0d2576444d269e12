import type { AgentView, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid, randomBidIn } from '../../bid-search.ts';
import { ConcessionTracker, GaussianProcess } from '../../gaussian-process.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/** Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26). */
function phi(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * IAMhaggler2011 (ANAC 2011, 3rd; Williams, Robu, Gerding & Jennings, IJCAI
 * 2011). It predicts the opponent's future concession with a Gaussian
 * process fitted to the best utility (for itself) of the opponent's offers in
 * each of 36 time slots. For every future time τ and utility u on a grid it
 * takes the probability that the opponent will by then offer at least u,
 * P = 1 − Φ((u − μ(τ))/σ(τ)), and chooses the (τ*, u*) that maximise the
 * expected discounted utility u·P·δ^τ. Its target then moves in a straight
 * line from where it is towards u* at τ*; it never falls below the best
 * offer received nor its reservation value. It offers a random outcome
 * within 0.025 above its target and accepts an offer at or above the target
 * or at least as good as its last bid. The GP is refitted when a new slot
 * starts. (The grid, 20 × 20, and the kernel — Matérn 3/2 with a length
 * scale chosen by marginal likelihood — are our choices; the paper fits the
 * hyperparameters by maximum likelihood.) `reservationAware` (IAMhaggler2012)
 * also never aims below the reservation value when choosing u* and walks away
 * at once when, discounted, the reservation value beats every expected deal.
 */
export class IAMhaggler2011 extends Negotiator {
  readonly name: string;
  private readonly tracker = new ConcessionTracker(36);
  private readonly gp = new GaussianProcess();
  private fittedSlot = -1;
  private goal: { tau: number; u: number } | undefined;
  private anchor = { t: 0, u: 1 };
  /** The current target on the unit scale. */
  target = 1;

  constructor(
    view: AgentView,
    private readonly reservationAware = false,
  ) {
    super(view);
    this.name = reservationAware ? 'IAMhaggler2012' : 'IAMhaggler2011';
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.tracker.add(o.time, this.scale.toUnit(o.utility));
  }

  /** Refits the GP and re-plans (τ*, u*) when a new slot starts. */
  private plan(t: number): void {
    const slot = this.tracker.slotOf(t);
    if (slot === this.fittedSlot) return;
    this.fittedSlot = slot;
    const { x, y } = this.tracker.series(t);
    if (x.length < 3) return;
    this.gp.fit(x, y);
    const df = this.discountFactor;
    const floor = this.reservationAware ? this.unitReservation : 0;
    let best = -Infinity;
    let goal: { tau: number; u: number } | undefined;
    // Latest times first: with equal expected value there is no reason to concede sooner.
    for (let i = 20; i >= 1; i--) {
      const tau = t + ((1 - t) * i) / 20;
      const p = this.gp.predict(tau);
      const sd = Math.max(1e-3, p.sd);
      for (let j = 0; j < 20; j++) {
        const u = floor + ((1 - floor) * (j + 0.5)) / 20;
        const ev = u * (1 - phi((u - p.mean) / sd)) * Math.pow(df, tau);
        if (ev > best + 1e-12) {
          best = ev;
          goal = { tau, u };
        }
      }
    }
    if (goal) {
      this.anchor = { t, u: this.target };
      this.goal = goal;
    }
  }

  targetAt(t: number): number {
    this.plan(t);
    let target = this.target;
    const g = this.goal;
    if (g) {
      const span = Math.max(1e-9, g.tau - this.anchor.t);
      const f = Math.min(1, Math.max(0, (t - this.anchor.t) / span));
      target = this.anchor.u + (g.u - this.anchor.u) * f;
    }
    const best = this.bestReceived ? this.scale.toUnit(this.bestReceived.utility) : 0;
    return Math.min(1, Math.max(target, best, this.unitReservation));
  }

  protected override aspiration(): number {
    return this.scale.fromUnit(this.target);
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const t = turn.time;
    this.target = this.targetAt(t);
    if (offer && (this.scale.toUnit(offer.utility) >= this.target || offer.utility >= this.myLastUtility)) return 'accept';
    if (this.reservationAware && Number.isFinite(this.reservation) && this.discountFactor < 1 && this.goal) {
      // Walking away now is worth the reservation value discounted to now; the plan is worth at most u*·δ^τ*.
      if (this.discounted(this.reservation, t) > this.scale.fromUnit(this.goal.u) * Math.pow(this.discountFactor, this.goal.tau)) return 'end';
    }
    if (this.myTurns === 0) return bestBid(this.sorted);
    const lo = this.scale.fromUnit(this.target);
    return randomBidIn(this.sorted, this.view.rng, lo, lo + 0.025 * (this.maxUtility - this.scale.min));
  }
}

export const iamhaggler2011 = anacKind({
  name: 'IAMhaggler2011',
  year: 2011,
  rank: 3,
  strategy: 'Gaussian-process prediction of the opponent’s concession; concedes towards the best expected discounted deal',
  description:
    'IAMhaggler2011: fits a Gaussian process to the opponent’s concession, picks the time and utility with the best expected discounted value, and concedes linearly towards it',
  citation:
    'Williams, Robu, Gerding & Jennings, "Using Gaussian processes to optimise concession in complex negotiations against unknown opponents", IJCAI 2011, pp. 432–438; "IAMhaggler2011: a Gaussian process regression based negotiation agent", Complex Automated Negotiations, SCI 435, Springer 2013, pp. 209–212',
  create: (view) => new IAMhaggler2011(view),
});
