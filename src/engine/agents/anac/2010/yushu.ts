import type { AgentView, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { randomBidIn } from '../../bid-search.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * Yushu (ANAC 2010, 2nd; An & Lesser). A heuristic agent that keeps the ten
 * best offers it has received and estimates how many rounds are left from the
 * time its turns take. Its floor is the mean of the ten best offers (at least
 * its reservation value); its target falls from 1 to that floor as
 * 1 − (1 − floor)·t³ (the paper's "conservative early, flexible late"; the
 * cubic is our choice). When fewer than `endgameRounds` (5) of its turns are
 * left it offers the best offer it has received and accepts anything at
 * least as good. It accepts an offer at or above its target. It offers the
 * opponent's best offer when that reaches the target, otherwise a random
 * outcome within 0.03 above the target.
 */
export class Yushu extends Negotiator {
  readonly name = 'Yushu';
  private readonly best10: number[] = [];
  private readonly endgameRounds = 5;

  constructor(view: AgentView) {
    super(view);
  }

  protected override onOffer(o: ReceivedOffer): void {
    const x = this.scale.toUnit(o.utility);
    const b = this.best10;
    b.push(x);
    b.sort((p, q) => q - p);
    if (b.length > 10) b.length = 10;
  }

  private floorNow(): number {
    const b = this.best10;
    const mean = b.length ? b.reduce((s, x) => s + x, 0) / b.length : 0;
    return Math.max(this.unitReservation, mean);
  }

  targetAt(t: number): number {
    const floor = this.floorNow();
    return 1 - (1 - floor) * Math.pow(t, 3);
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.targetAt(t));
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const t = turn.time;
    const target = this.targetAt(t);
    const best = this.bestReceived;
    const endgame = this.turnsLeft(t) < this.endgameRounds;
    if (offer) {
      const u = this.scale.toUnit(offer.utility);
      if (u >= target) return 'accept';
      if (endgame && best && offer.utility >= best.utility && u >= this.unitReservation) return 'accept';
    }
    if (best && (endgame || this.scale.toUnit(best.utility) >= target) && best.utility >= this.reservation) return best.bid;
    const lo = this.scale.fromUnit(target);
    return randomBidIn(this.sorted, this.view.rng, lo, lo + 0.03 * (this.maxUtility - this.scale.min));
  }
}

export const yushu = anacKind({
  name: 'Yushu',
  year: 2010,
  rank: 2,
  strategy: 'concedes towards the mean of the ten best offers received; end game on the estimated rounds left',
  description:
    'Yushu: keeps the ten best offers received, concedes from 1 towards their mean (t³), and in its last estimated rounds offers and accepts the best offer received',
  citation:
    'An & Lesser, "Yushu: a heuristic-based agent for automated negotiating competition", New Trends in Agent-Based Complex Automated Negotiations, SCI 383, Springer 2012, pp. 145–149',
  create: (view) => new Yushu(view),
});
