import type { AgentView, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid, bestBidIn } from '../../bid-search.ts';
import { FrequencyModel } from '../../opponent-model.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/** AgentGG's concession schedule: the share of the way from 1 to the midpoint, by time (piecewise linear; our reading). */
const SCHEDULE: readonly (readonly [number, number])[] = [
  [0, 0],
  [0.2, 0.05],
  [0.5, 0.3],
  [0.9, 0.7],
  [0.99, 1],
  [1, 1.2],
];

/**
 * AgentGG (ANAC 2019 winner; Xu & Ren). It assumes the opponent opens with
 * its best bid and then compromises, and estimates the utility of a
 * mid-point deal from both sides' best bids: mid = (1 + u(opponent's first
 * offer))/2 in its own utility. Its threshold moves from 1 towards that
 * midpoint in stages (a piecewise-linear schedule: 5 % of the way by t = 0.2,
 * 30 % by 0.5, 70 % by 0.9, all of it by 0.99, and a little beyond at the
 * deadline), never below its reservation value; an importance map (a
 * frequency model) of the opponent picks, among outcomes within 0.05 above
 * the threshold, the one the opponent likes best. It accepts an offer at or
 * above the threshold. The 2019 league gave agents only partial preferences;
 * parley gives full ones, so the own-preference estimation is not needed.
 * (The schedule's points are our reading of the description.)
 */
export class AgentGG extends Negotiator {
  readonly name = 'AgentGG';
  private readonly model: FrequencyModel;
  private firstUnit: number | undefined;

  constructor(view: AgentView) {
    super(view);
    this.model = new FrequencyModel(view.space);
    this.opponentModel = this.model;
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.model.update(o.party, o.bid);
    this.firstUnit ??= this.scale.toUnit(o.utility);
  }

  /** The estimated mid-point deal on the unit scale. */
  midpoint(): number {
    return (1 + (this.firstUnit ?? 0)) / 2;
  }

  threshold(t: number): number {
    let share = 0;
    for (let k = 1; k < SCHEDULE.length; k++) {
      const [t0, s0] = SCHEDULE[k - 1]!;
      const [t1, s1] = SCHEDULE[k]!;
      if (t <= t1) {
        share = s0 + ((s1 - s0) * (t - t0)) / (t1 - t0);
        break;
      }
      share = s1;
    }
    return Math.min(1, Math.max(this.unitReservation, 1 - (1 - this.midpoint()) * share));
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.threshold(t));
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const th = this.threshold(turn.time);
    if (offer && this.scale.toUnit(offer.utility) >= th) return 'accept';
    if (this.firstUnit === undefined) return bestBid(this.sorted);
    const lo = this.scale.fromUnit(th);
    return bestBidIn(this.sorted, lo, lo + 0.05 * (this.maxUtility - this.scale.min), (b) => this.model.meanUtility(b));
  }
}

export const agentGG = anacKind({
  name: 'AgentGG',
  year: 2019,
  rank: 1,
  strategy: 'concedes in stages towards the estimated mid-point between both sides’ best bids; importance map picks bids',
  description:
    'AgentGG: estimates a mid-point deal from its best and the opponent’s first (best) offer, concedes towards it in stages, and picks bids the opponent likes best by an importance map',
  citation: 'Xu & Ren, AgentGG (ANAC 2019 winner), as described by its authors (University of Southampton news, 10 September 2019) and in the ANAC 2019 competition materials',
  create: (view) => new AgentGG(view),
});
