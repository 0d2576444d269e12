import type { AgentView, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid, bestBidIn } from '../../bid-search.ts';
import { FrequencyModel } from '../../opponent-model.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * CUHKAgent (ANAC 2012 winner; Hao & Leung). An adaptive strategy built on a
 * non-exploitation point λ: before λ it exploits the opponent, conceding
 * little (target 1 − (1 − m)·(t/λ)^(1/β), β = 0.5, i.e. it reaches only the
 * first part of the way); after λ it concedes linearly from there to m at the
 * deadline, where m = max(reservation, best offer received, 0.5) is the least
 * it will offer. λ follows the discount δ and the opponent: λ₀ = 0.2 + 0.75·δ,
 * moved half-way towards 1 by the opponent's concession degree c (how far the
 * opponent's offers have moved towards me from its first offer, relative to
 * the room it had), so a conceding opponent is exploited for longer. Among
 * outcomes within 0.03 above the target it offers the one a frequency model
 * rates best for the opponent. It accepts an offer at or above its target or
 * its last bid, and after λ anything at least as good as the best offer
 * received. With a reservation value and a discount, it walks away at λ/2 when
 * the opponent has not yet offered anything worth its reservation value, as
 * waiting only discounts the reservation value further. (λ₀, β, the 0.5 floor,
 * the quarter-way exploitation target and the walk-away rule are our choices
 * within the published design.)
 */
export class CUHKAgent extends Negotiator {
  readonly name = 'CUHKAgent';
  private readonly model: FrequencyModel;
  private firstUnit: number | undefined;
  private readonly beta = 0.5;

  constructor(view: AgentView) {
    super(view);
    this.model = new FrequencyModel(view.space);
    this.opponentModel = this.model;
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.model.update(o.party, o.bid);
    this.firstUnit ??= this.scale.toUnit(o.utility);
  }

  /** The opponent's concession degree in [0, 1]. */
  concession(): number {
    if (this.firstUnit === undefined || !this.bestReceived) return 0;
    const room = 1 - this.firstUnit;
    return room > 1e-9 ? Math.min(1, Math.max(0, (this.scale.toUnit(this.bestReceived.utility) - this.firstUnit) / room)) : 0;
  }

  /** The non-exploitation point. */
  lambda(): number {
    const l0 = 0.2 + 0.75 * this.discountFactor;
    return l0 + (1 - l0) * 0.5 * this.concession();
  }

  private floorUnit(): number {
    const best = this.bestReceived ? this.scale.toUnit(this.bestReceived.utility) : 0;
    return Math.min(1, Math.max(this.unitReservation, best, 0.5));
  }

  targetAt(t: number): number {
    const m = this.floorUnit();
    const lambda = this.lambda();
    const atLambda = 1 - (1 - m) * 0.25; // how far the exploitation phase goes: a quarter of the way
    if (t < lambda) return 1 - (1 - atLambda) * Math.pow(t / lambda, 1 / this.beta);
    return atLambda - (atLambda - m) * ((t - lambda) / Math.max(1e-9, 1 - lambda));
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.targetAt(t));
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const t = turn.time;
    const target = this.targetAt(t);
    if (offer) {
      if (this.scale.toUnit(offer.utility) >= target || offer.utility >= this.myLastUtility) return 'accept';
      if (t >= this.lambda() && this.bestReceived && offer.utility >= this.bestReceived.utility) return 'accept';
    }
    const df = this.discountFactor;
    if (df < 1 && t >= this.lambda() / 2 && Number.isFinite(this.reservation) && this.bestReceived && this.bestReceived.utility < this.reservation) return 'end';
    if (this.myTurns === 0) return bestBid(this.sorted);
    const lo = this.scale.fromUnit(target);
    return bestBidIn(this.sorted, lo, lo + 0.03 * (this.maxUtility - this.scale.min), (b) => this.model.meanUtility(b));
  }
}

export const cuhkAgent = anacKind({
  name: 'CUHKAgent',
  year: 2012,
  rank: 1,
  strategy: 'exploits until a non-exploitation point set by the discount and the opponent’s concession, then concedes',
  description:
    'CUHKAgent: concedes little until a non-exploitation point λ that moves with the discount and the opponent’s concession degree, then concedes to the best offer received; frequency model picks bids; walks away when the discounted reservation value is better',
  citation:
    'Hao & Leung, "CUHKAgent: an adaptive negotiation strategy for bilateral negotiations over multiple items", Novel Insights in Agent-based Complex Automated Negotiation, SCI 535, Springer 2014',
  create: (view) => new CUHKAgent(view),
});
