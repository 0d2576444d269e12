import type { AgentView, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid, bestBidIn } from '../../bid-search.ts';
import { FrequencyModel } from '../../opponent-model.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * TheNegotiatorReloaded (ANAC 2012, 3rd shared; Dirkzwager & Hendrikx), a
 * BOA agent. Bidding: time-dependent, target 1 − (1 − Pmin)·t^(1/e), whose
 * exponent depends on the opponent's type — every 10 turns it classifies the
 * opponent as hard-headed (its offers improved by less than 0.1 for me since
 * its first) or conceding: against a conceder it stays tough (e = 0.05),
 * against a hard-header it concedes (e = 0.2, or 0.5 under discounting);
 * Pmin = max(reservation, best offer received, 0.5). Opponent model: the
 * frequency (HardHeaded) model picks among outcomes within 0.03 above the
 * target. Acceptance: AC_combi(MAX_W) — an offer at least as good as its next
 * bid, or, after t = 0.98, at least as good as the best offer of the last
 * window of length 1 − t. (The thresholds are our choices.)
 */
export class TheNegotiatorReloaded extends Negotiator {
  readonly name = 'TheNegotiatorReloaded';
  private readonly model: FrequencyModel;
  private firstUnit: number | undefined;
  /** Whether the opponent is currently classified as hard-headed. */
  hardHeaded = true;

  constructor(view: AgentView) {
    super(view);
    this.model = new FrequencyModel(view.space);
    this.opponentModel = this.model;
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.model.update(o.party, o.bid);
    this.firstUnit ??= this.scale.toUnit(o.utility);
  }

  private classify(): void {
    if (this.myTurns % 10 !== 0 || this.firstUnit === undefined || !this.bestReceived) return;
    this.hardHeaded = this.scale.toUnit(this.bestReceived.utility) - this.firstUnit < 0.1;
  }

  targetAt(t: number): number {
    const best = this.bestReceived ? this.scale.toUnit(this.bestReceived.utility) : 0;
    const pmin = Math.min(1, Math.max(this.unitReservation, best, 0.5));
    const e = this.hardHeaded ? (this.discountFactor < 1 ? 0.5 : 0.2) : 0.05;
    return 1 - (1 - pmin) * Math.pow(t, 1 / e);
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.targetAt(t));
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const t = turn.time;
    this.classify();
    if (this.myTurns === 0 && !offer) return bestBid(this.sorted);
    const lo = this.scale.fromUnit(this.targetAt(t));
    const bid = bestBidIn(this.sorted, lo, lo + 0.03 * (this.maxUtility - this.scale.min), (b) => this.model.meanUtility(b));
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

export const theNegotiatorReloaded = anacKind({
  name: 'TheNegotiatorReloaded',
  year: 2012,
  rank: 3,
  strategy: 'BOA agent: concession exponent set by the opponent’s type and the discount; frequency model; AC_combi(MAX_W)',
  description:
    'TheNegotiatorReloaded: classifies the opponent as hard-headed or conceding and picks its time-dependent concession accordingly (tough against conceders), frequency model for bids, AC_combi(MAX_W) acceptance',
  citation:
    'Dirkzwager & Hendrikx, "TheNegotiatorReloaded: a BOA-based negotiating agent", Novel Insights in Agent-based Complex Automated Negotiation, SCI 535, Springer 2014',
  create: (view) => new TheNegotiatorReloaded(view),
});
