import type { AgentView, Bid, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid, randomBidIn } from '../../bid-search.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * BRAMAgent (ANAC 2011, 4th; Fishel, Bercovitch & Gal). It keeps statistics
 * of the values in the opponent's last 10 offers and builds its bid from the
 * opponent's most frequent value of each issue, then changes issues one at a
 * time — each time the change that raises its own utility most — until the
 * bid reaches its threshold (so it concedes on the issues that matter least
 * to itself, keeping what the opponent asks for elsewhere). When no such bid
 * reaches the threshold it offers a random outcome above it. The threshold
 * falls in steps over time: 1 − 0.04·⌊10t⌋ (down to 0.6 at the end; the step
 * sizes are our choice), never below the reservation value. It accepts an
 * offer at or above its threshold. `discountAware` (BRAMAgent2, 2012) scales
 * the step by 1/δ (it concedes faster under a strong discount; capped at
 * 0.08) and never offers below the reservation value.
 */
export class BRAMAgent extends Negotiator {
  readonly name: string;
  private readonly window: Bid[] = [];

  constructor(
    view: AgentView,
    private readonly discountAware = false,
  ) {
    super(view);
    this.name = discountAware ? 'BRAMAgent2' : 'BRAMAgent';
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.window.push(o.bid);
    if (this.window.length > 10) this.window.shift();
  }

  threshold(t: number): number {
    const step = this.discountAware ? Math.min(0.08, 0.04 / this.discountFactor) : 0.04;
    return Math.max(this.unitReservation, 1 - step * Math.floor(Math.min(t, 0.9999) * 10));
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.threshold(t));
  }

  /** The opponent's most frequent value of each issue in its last 10 offers (ties: the lower position). */
  favourite(): Bid | undefined {
    if (this.window.length === 0) return undefined;
    const radices = this.view.space.radices;
    return Array.from(radices, (r, i) => {
      const counts = new Array<number>(r).fill(0);
      for (const b of this.window) counts[b[i]!]!++;
      let best = 0;
      for (let v = 1; v < r; v++) if (counts[v]! > counts[best]!) best = v;
      return best;
    });
  }

  /** Starting from `start`, the greedy one-issue-at-a-time path up to own utility ≥ lo; undefined when it stalls below. */
  private climb(start: Bid, lo: number): Bid | undefined {
    const bid = [...start];
    const radices = this.view.space.radices;
    for (let step = 0; step <= bid.length; step++) {
      const u = this.u(bid);
      if (u >= lo) return bid;
      let gain = 0;
      let move: [number, number] | undefined;
      for (let i = 0; i < bid.length; i++) {
        const keep = bid[i]!;
        for (let v = 0; v < radices[i]!; v++) {
          if (v === keep) continue;
          bid[i] = v;
          const g = this.u(bid) - u;
          if (g > gain) {
            gain = g;
            move = [i, v];
          }
        }
        bid[i] = keep;
      }
      if (!move) return undefined;
      bid[move[0]] = move[1];
    }
    return this.u(bid) >= lo ? bid : undefined;
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const th = this.threshold(turn.time);
    if (offer && this.scale.toUnit(offer.utility) >= th) return 'accept';
    const fav = this.favourite();
    if (!fav) return bestBid(this.sorted);
    const lo = this.scale.fromUnit(th);
    return this.climb(fav, lo) ?? randomBidIn(this.sorted, this.view.rng, lo, lo + 0.05 * (this.maxUtility - this.scale.min));
  }
}

export const bramAgent = anacKind({
  name: 'BRAMAgent',
  year: 2011,
  rank: 4,
  strategy: 'builds bids from the opponent’s most frequent recent values, conceding the issues that matter least to itself; stepwise threshold',
  description:
    'BRAMAgent: starts each bid from the opponent’s most frequent values in its last 10 offers and changes the issues that raise its own utility most until the bid reaches a stepwise falling threshold',
  citation: 'Fishel, Bercovitch & Gal, "BRAMAgent", Complex Automated Negotiations, SCI 435, Springer 2013, pp. 213–216',
  create: (view) => new BRAMAgent(view),
});
