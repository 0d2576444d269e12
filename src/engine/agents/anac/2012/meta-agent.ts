import type { Agent, AgentView, OfferTurn, OpponentModelProbe, VoteTurn } from '../../../negotiation/agent.ts';
import type { TraceEvent } from '../../../negotiation/events.ts';
import { isDiscounting } from '../../../model/reservation.ts';
import { anacKind } from '../../agent-kind.ts';
import { Gahboninho } from '../2011/gahboninho.ts';
import { HardHeaded } from '../2011/hardheaded.ts';
import { IAMhaggler2011 } from '../2011/iamhaggler2011.ts';
import type { Negotiator } from '../../negotiator.ts';

/** The domain features MetaAgent chooses by. */
export interface DomainFeatures {
  readonly outcomes: number;
  readonly issues: number;
  /** Discount factor per unit of relative time (1: none). */
  readonly discount: number;
  readonly reservation: number;
}

/**
 * MetaAgent (ANAC 2012, 6th; Ilany & Gal): algorithm selection. It reads the
 * features of the domain before the negotiation starts and plays the ANAC
 * 2011 agent predicted to do best there. The original learned a regression
 * of each agent's score on the domain features from earlier tournaments; we
 * have no such training data, so the choice is a fixed rule of ours over the
 * same kind of features: a strong discount (δ ≤ 0.75) → IAMhaggler2011, which
 * plans for the discounted value; a large space (≥ 10 000 outcomes) →
 * HardHeaded, whose frequency model and window search scale; otherwise
 * Gahboninho. The chosen agent is `chosen`.
 */
export class MetaAgent implements Agent {
  readonly name = 'MetaAgent';
  readonly chosen: string;
  readonly features: DomainFeatures;
  private readonly inner: Negotiator;

  constructor(view: AgentView) {
    const d = view.discount;
    const discount = isDiscounting(d) ? (d.per === 'time' ? d.factor : Math.pow(d.factor, view.deadline.rounds)) : 1;
    this.features = { outcomes: view.sorted().count, issues: view.space.issueCount, discount, reservation: view.reservationValue ?? 0 };
    const inner = MetaAgent.choose(this.features) === 'IAMhaggler2011' ? new IAMhaggler2011(view) : MetaAgent.choose(this.features) === 'HardHeaded' ? new HardHeaded(view) : new Gahboninho(view);
    this.inner = inner;
    this.chosen = inner.name;
  }

  /** The selection rule. */
  static choose(f: DomainFeatures): 'IAMhaggler2011' | 'HardHeaded' | 'Gahboninho' {
    if (f.discount <= 0.75) return 'IAMhaggler2011';
    if (f.outcomes >= 10_000) return 'HardHeaded';
    return 'Gahboninho';
  }

  get opponentModel(): OpponentModelProbe | undefined {
    return this.inner.opponentModel;
  }

  respond(turn: OfferTurn) {
    return this.inner.respond(turn);
  }

  observe(e: TraceEvent): void {
    this.inner.observe(e);
  }

  vote(turn: VoteTurn): boolean {
    return this.inner.vote(turn);
  }
}

export const metaAgent = anacKind({
  name: 'MetaAgent',
  year: 2012,
  rank: 6,
  strategy: 'algorithm selection: plays the ANAC 2011 agent its rule picks from the domain’s features',
  description: 'MetaAgent: reads the domain’s features (discount, size) and plays IAMhaggler2011, HardHeaded or Gahboninho accordingly',
  citation:
    'Ilany & Gal, "Algorithm selection in bilateral negotiation", Autonomous Agents and Multi-Agent Systems 30(4), 2016; ANAC 2012 overview (Williams et al., SCI 535, Springer 2014)',
  create: (view) => new MetaAgent(view),
});
