import type { AgentView, OfferTurn } from '../../../negotiation/agent.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBidIn } from '../../bid-search.ts';
import { FrequencyModel } from '../../opponent-model.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';

/**
 * Agent Smith (ANAC 2010, 7th; van Galen Last). It estimates the opponent's
 * issue weights and value preferences from the frequencies in its offers
 * (a frequency model) and offers the outcome that maximises the sum of its
 * own utility and the opponent's estimated utility among those within 0.1
 * above its target. The target falls linearly from 1 to 0.7 over the negotiation
 * (our choice; the paper concedes "slowly"); in the last 5 % of the time it
 * offers the best offer received. It accepts an offer at or above 0.9, or at
 * least as good as its next bid.
 */
export class AgentSmith extends Negotiator {
  readonly name = 'AgentSmith';
  private readonly model: FrequencyModel;

  constructor(view: AgentView) {
    super(view);
    this.model = new FrequencyModel(view.space);
    this.opponentModel = this.model;
  }

  protected override onOffer(o: ReceivedOffer): void {
    this.model.update(o.party, o.bid);
  }

  targetAt(t: number): number {
    return Math.max(this.unitReservation, 1 - 0.3 * t);
  }

  protected override aspiration(t: number): number {
    return this.scale.fromUnit(this.targetAt(t));
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const t = turn.time;
    const lo = this.scale.fromUnit(this.targetAt(t));
    const best = this.bestReceived;
    const bid =
      t >= 0.95 && best
        ? best.bid
        : bestBidIn(this.sorted, lo, lo + 0.1 * (this.maxUtility - this.scale.min), (b) => this.unit(b) + this.model.meanUtility(b), 200);
    if (offer && (this.scale.toUnit(offer.utility) >= 0.9 || offer.utility >= this.u(bid))) return 'accept';
    return bid;
  }
}

export const agentSmith = anacKind({
  name: 'AgentSmith',
  year: 2010,
  rank: 7,
  strategy: 'frequency opponent model; offers the outcome maximising own plus estimated opponent utility above a linear target',
  description:
    'Agent Smith: learns the opponent’s issue weights and values from its offers and offers the outcome that maximises the sum of both utilities above a linearly falling target',
  citation:
    'van Galen Last, "Agent Smith: opponent model estimation in bilateral multi-issue negotiation", New Trends in Agent-Based Complex Automated Negotiations, SCI 383, Springer 2012, pp. 167–174',
  create: (view) => new AgentSmith(view),
});
