import type { AgentView, Bid, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { randomBidIn } from '../../bid-search.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * AgentK (ANAC 2010 winner; Kawaguchi, Fujita & Ito). It estimates the best
 * utility it can expect from the opponent from the mean μ and the standard
 * deviation σ of its own utilities of the opponent's offers, assuming they
 * are spread uniformly: width d = √12·σ, estimated maximum
 * emax = μ + (1 − μ)·d. Its target falls from 1 towards emax as
 * target(t) = 1 − (1 − emax)·t^α with α = 1 + τ + 10μ − 2τμ (τ = 2): the
 * better the opponent's offers are on average, the later it concedes.
 * It accepts an offer at or above the target, and below it with probability
 * t⁵/5 + (u − emax) + (u − target) when that is positive. It bids a random
 * outcome at or above the target (our choice: within 0.05 above it), or the
 * opponent's best offer when that already reaches the target.
 *
 * AgentK2 (2011) is the same agent with `discountAware`: the exponent is
 * multiplied by the discount factor, so it concedes earlier the stronger the
 * discount (our reading of the 2011 description; the constant is ours).
 */
export class AgentK extends Negotiator {
  readonly name: string;
  private sum = 0;
  private sumSq = 0;
  private n = 0;
  /** Last computed statistics (exposed for tests and the docs' examples). */
  emax = 0;
  target = 1;
  private readonly tremor = 2;

  constructor(
    view: AgentView,
    private readonly discountAware = false,
  ) {
    super(view);
    this.name = discountAware ? 'AgentK2' : 'AgentK';
  }

  protected override onOffer(o: ReceivedOffer): void {
    const x = this.scale.toUnit(o.utility);
    this.sum += x;
    this.sumSq += x * x;
    this.n++;
  }

  /** The target on the unit scale at time t from the statistics so far. */
  targetAt(t: number): number {
    if (this.n === 0) return 1;
    const mu = this.sum / this.n;
    const variance = Math.max(0, this.sumSq / this.n - mu * mu);
    const d = Math.sqrt(12 * variance);
    const emax = Math.min(1, Math.max(mu, mu + (1 - mu) * d));
    let alpha = 1 + this.tremor + 10 * mu - 2 * this.tremor * mu;
    if (this.discountAware) alpha *= this.discountFactor;
    alpha = Math.max(0.1, alpha);
    this.emax = emax;
    const target = 1 - (1 - emax) * Math.pow(t, alpha);
    return Math.max(this.unitReservation, target);
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.targetAt(t));
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const t = turn.time;
    const target = this.targetAt(t);
    this.target = target;
    if (offer) {
      const u = this.scale.toUnit(offer.utility);
      if (u >= target) return 'accept';
      const p = Math.pow(t, 5) / 5 + (u - this.emax) + (u - target);
      if (p > 0 && this.view.rng.float() < p) return 'accept';
    }
    const best = this.bestReceived;
    if (best && this.scale.toUnit(best.utility) >= target) return best.bid;
    return this.bidFor(target);
  }

  private bidFor(target: number): Bid {
    const lo = this.scale.fromUnit(target);
    return randomBidIn(this.sorted, this.view.rng, lo, lo + 0.05 * (this.maxUtility - this.scale.min));
  }
}

export const agentK = anacKind({
  name: 'AgentK',
  year: 2010,
  rank: 1,
  strategy: 'target from the estimated best opponent offer (mean and spread of its offers); probabilistic acceptance',
  description:
    'AgentK: estimates the best utility the opponent will offer from the mean and variance of its offers, concedes towards it (later when the offers are good), accepts probabilistically near the target',
  citation:
    'Kawaguchi, Fujita & Ito, "Compromising strategy based on estimated maximum utility for automated negotiating agents", New Trends in Agent-Based Complex Automated Negotiations, SCI 383, Springer 2012, pp. 137–144',
  create: (view) => new AgentK(view),
});
