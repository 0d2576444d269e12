import type { AgentView, Bid, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBidIn } from '../../bid-search.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * Nozomi (ANAC 2010, 3rd; Nagoya Institute of Technology), as the ANAC 2010
 * overview describes it: it starts from its best outcome and concedes in
 * answer to the opponent — when the opponent's offer improves (in Nozomi's
 * utility) by δ, Nozomi lowers its target by δ/2; when the opponent does not
 * move, Nozomi holds until half time and then gives way by 0.002 per turn
 * (the reciprocity share and the step are our choices). Its target never
 * falls below the best offer received nor below 0.6 (our choice). Among outcomes within 0.05 above its target it offers the
 * one that agrees with the opponent's last offer on the most issues ("close
 * to the opponent's bid"). In the last 5 % of the time it offers the best
 * offer received and accepts anything at least as good; otherwise it accepts
 * an offer at or above its target or at least as good as its own last bid.
 */
export class Nozomi extends Negotiator {
  readonly name = 'Nozomi';
  private tau = 1;
  private lastOpp: number | undefined;

  constructor(view: AgentView) {
    super(view);
  }

  protected override onOffer(o: ReceivedOffer): void {
    const x = this.scale.toUnit(o.utility);
    if (this.lastOpp !== undefined) {
      const delta = x - this.lastOpp;
      if (delta > 0) this.tau -= delta / 2;
      else if (o.time > 0.5) this.tau -= 0.002;
    }
    this.lastOpp = x;
  }

  targetAt(_t: number): number {
    const best = this.bestReceived ? this.scale.toUnit(this.bestReceived.utility) : 0;
    return Math.min(1, Math.max(this.unitReservation, best, 0.6, this.tau));
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.targetAt(t));
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const t = turn.time;
    const target = this.targetAt(t);
    const best = this.bestReceived;
    if (offer) {
      const u = this.scale.toUnit(offer.utility);
      if (u >= target || offer.utility >= this.myLastUtility) return 'accept';
      if (t >= 0.95 && best && offer.utility >= best.utility) return 'accept';
    }
    if (t >= 0.95 && best) return best.bid;
    const last = this.received[this.received.length - 1]?.bid;
    const lo = this.scale.fromUnit(target);
    const matches = (b: Bid) => {
      if (!last) return 0;
      let m = 0;
      for (let i = 0; i < b.length; i++) if (b[i] === last[i]) m++;
      return m;
    };
    return bestBidIn(this.sorted, lo, lo + 0.05 * (this.maxUtility - this.scale.min), matches);
  }
}

export const nozomi = anacKind({
  name: 'Nozomi',
  year: 2010,
  rank: 3,
  strategy: 'reciprocates the opponent’s concessions; offers bids close to the opponent’s last offer; ends on its best offer',
  description:
    'Nozomi: concedes half of each improvement in the opponent’s offers (slowly on its own after half time), offers the outcome near its target that shares most issues with the opponent’s last offer, and ends by offering the best offer received',
  citation:
    'Baarslag, Hindriks, Jonker, Kraus & Lin, "The first automated negotiating agents competition (ANAC 2010)", New Trends in Agent-Based Complex Automated Negotiations, SCI 383, Springer 2012, pp. 113–135',
  create: (view) => new Nozomi(view),
});
