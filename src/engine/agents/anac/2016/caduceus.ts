import type { Action, AgentView, Bid, OfferTurn, VoteTurn } from '../../../negotiation/agent.ts';
import type { TraceEvent } from '../../../negotiation/events.ts';
import { anacKind } from '../../agent-kind.ts';
import { bestBid } from '../../bid-search.ts';
import { Negotiator, type Decision, type ReceivedOffer } from '../../negotiator.ts';
import { AgentK } from '../2010/agent-k.ts';
import { HardHeaded } from '../2011/hardheaded.ts';
import { CUHKAgent } from '../2012/cuhk-agent.ts';
import { Atlas3 } from '../2015/atlas3.ts';
import { ParsAgent } from '../2015/pars-agent.ts';

/**
 * Caduceus (ANAC 2016 winner, multilateral; Güneş, Arditi & Aydoğan): "the
 * collective voice of experts". It runs several expert agents side by side —
 * each sees everything Caduceus sees and proposes a move every turn — and
 * combines them: it accepts when experts holding at least half the weight
 * would accept, and otherwise offers, issue by issue, the value with the most
 * expert weight behind it (an accepting expert backs the offer on the table).
 * For the first 83 % of the time it offers its best outcome. The original
 * experts were ANAC 2015 agents weighted by their competition results; ours
 * are the ANAC agents in parley, weighted by recency and rank: Atlas3 (5),
 * ParsAgent (4), CUHKAgent (3), HardHeaded (2), AgentK (1). When the combined
 * bid would be worth less to Caduceus than every expert's own bid, it offers
 * the bid of its heaviest expert instead (our safeguard).
 */
export class Caduceus extends Negotiator {
  readonly name = 'Caduceus';
  readonly experts: { readonly agent: Negotiator; readonly weight: number }[];
  /** The experts' moves at the last turn (for inspection). */
  lastMoves: Action[] = [];

  constructor(view: AgentView) {
    super(view);
    this.experts = [
      { agent: new Atlas3(view), weight: 5 },
      { agent: new ParsAgent(view), weight: 4 },
      { agent: new CUHKAgent(view), weight: 3 },
      { agent: new HardHeaded(view), weight: 2 },
      { agent: new AgentK(view), weight: 1 },
    ];
    this.opponentModel = this.experts[1]!.agent.opponentModel;
  }

  override observe(e: TraceEvent): void {
    super.observe(e);
    for (const x of this.experts) x.agent.observe(e);
  }

  /** Combines expert moves: the accepting weight and the per-issue weighted vote. */
  combine(moves: readonly Action[], table: Bid | undefined): { acceptWeight: number; totalWeight: number; bid: Bid | undefined } {
    const radices = this.view.space.radices;
    const votes = Array.from(radices, (r) => new Float64Array(r));
    let acceptWeight = 0;
    let totalWeight = 0;
    let any = false;
    moves.forEach((m, k) => {
      const w = this.experts[k]!.weight;
      totalWeight += w;
      const b = m.type === 'offer' ? m.outcome : m.type === 'accept' ? table : undefined;
      if (m.type === 'accept') acceptWeight += w;
      if (!b) return;
      any = true;
      b.forEach((v, i) => (votes[i]![v]! += w));
    });
    if (!any) return { acceptWeight, totalWeight, bid: undefined };
    const bid = votes.map((row) => {
      let best = 0;
      for (let v = 1; v < row.length; v++) if (row[v]! > row[best]!) best = v;
      return best;
    });
    return { acceptWeight, totalWeight, bid };
  }

  protected decide(turn: OfferTurn, offer: ReceivedOffer | undefined): Decision {
    const moves = this.experts.map((x) => x.agent.respond(turn) as Action);
    this.lastMoves = moves;
    const { acceptWeight, totalWeight, bid } = this.combine(moves, turn.offer);
    if (offer && acceptWeight * 2 >= totalWeight) return 'accept';
    if (turn.time < 0.83 || !bid) return bestBid(this.sorted);
    const expertBids = moves.flatMap((m) => (m.type === 'offer' ? [m.outcome] : []));
    if (expertBids.length && expertBids.every((b) => this.u(bid) < this.u(b))) {
      const heaviest = moves.find((m) => m.type === 'offer');
      if (heaviest?.type === 'offer') return heaviest.outcome;
    }
    return bid;
  }

  override vote(turn: VoteTurn): boolean {
    return this.experts.reduce((s, x) => s + (x.agent.vote(turn) ? x.weight : 0), 0) * 2 >= this.experts.reduce((s, x) => s + x.weight, 0);
  }
}

export const caduceus = anacKind({
  name: 'Caduceus',
  year: 2016,
  rank: 1,
  multilateral: true,
  strategy: 'mixture of experts: weighted votes of several ANAC agents on acceptance and, issue by issue, on the bid',
  description:
    'Caduceus: runs several ANAC agents as experts and combines their moves by weighted voting — accepting when half the weight would, bidding each issue’s most backed value; offers its best outcome for the first 83 % of the time',
  citation: 'Güneş, Arditi & Aydoğan, "Collective voice of experts in multilateral negotiation", PRIMA 2017: Principles and Practice of Multi-Agent Systems, LNCS 10621, Springer 2017',
  create: (view) => new Caduceus(view),
});
