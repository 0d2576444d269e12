import type { AgentView, Bid, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid, bestBidIn } from '../../bid-search.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * AgentMR (ANAC 2012, 8th; Morii & Ito): a concession strategy on a sigmoid
 * of time — it holds near its best until the middle of the negotiation, then
 * concedes quickly to its floor, max(reservation, best offer received, 0.7):
 * target(t) = floor + (1 − floor)·(1 − σ(10·(t − 0.6))) rescaled so that it is
 * 1 at t = 0 and the floor at t = 1. Among outcomes within 0.05 above the
 * target it offers the one closest to the opponent's best offer (most issues
 * in common). It accepts an offer at or above its target. It has no end game
 * of its own, which made it the toughest finalist. (The sigmoid's centre and
 * steepness and the floor are our choices.)
 */
export class AgentMR extends Negotiator {
  readonly name = 'AgentMR';

  constructor(view: AgentView) {
    super(view);
  }

  targetAt(t: number): number {
    const best = this.bestReceived ? this.scale.toUnit(this.bestReceived.utility) : 0;
    const floor = Math.min(1, Math.max(this.unitReservation, best, 0.7));
    const sig = (x: number) => 1 / (1 + Math.exp(-10 * (x - 0.6)));
    const s0 = sig(0);
    const s1 = sig(1);
    const share = (sig(t) - s0) / (s1 - s0);
    return 1 - (1 - floor) * share;
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.targetAt(t));
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const target = this.targetAt(turn.time);
    if (offer && this.scale.toUnit(offer.utility) >= target) return 'accept';
    const best = this.bestReceived;
    if (!best) return bestBid(this.sorted);
    const near = (b: Bid) => b.reduce((m, v, i) => m + (v === best.bid[i] ? 1 : 0), 0);
    const lo = this.scale.fromUnit(target);
    return bestBidIn(this.sorted, lo, lo + 0.05 * (this.maxUtility - this.scale.min), near);
  }
}

export const agentMR = anacKind({
  name: 'AgentMR',
  year: 2012,
  rank: 8,
  strategy: 'sigmoid concession in time to a floor set by the opponent’s best offer; bids close to that offer',
  description: 'AgentMR: holds near its best until mid-negotiation, then concedes on a sigmoid to the best offer received (at least 0.7), offering bids close to the opponent’s best offer',
  citation: 'Morii & Ito, "AgentMR: concession strategy based on heuristic for automated negotiating agents", Novel Insights in Agent-based Complex Automated Negotiation, SCI 535, Springer 2014',
  create: (view) => new AgentMR(view),
});
