import type { Action, Agent, AgentView, VoteTurn } from '../negotiation/agent.ts';
import type { TraceEvent } from '../negotiation/events.ts';
import type { AcceptanceCondition, AcceptanceInput } from './acceptance.ts';
import type { BiddingFactory } from './bidding.ts';
import { FrequencyModel, type OpponentModel } from './opponent-model.ts';

export const ACCEPT: Action = Object.freeze({ type: 'accept' });
export const END: Action = Object.freeze({ type: 'end' });

export interface BoaParts {
  readonly bidding: BiddingFactory;
  readonly acceptance: AcceptanceCondition;
  /** Opponent model kind; none by default. */
  readonly model?: 'frequency' | ((view: AgentView) => OpponentModel);
  /** Single-text votes; by default a hill climber that also takes any text at or above its current target. */
  readonly vote?: (view: AgentView, turn: VoteTurn, target: (t: number) => number) => boolean;
}

/**
 * A composed agent (the BOA architecture of Baarslag et al.): a bidding
 * strategy, an acceptance condition and an optional opponent model. It never
 * accepts an offer below its reservation value or across its red lines, and
 * never offers one either: in (S)AOP an offer is a commitment (the proposer
 * accepts its own offer), so when its bid would be worth less than its
 * reservation value — no outcome is rational for it — it walks away.
 */
export function boaAgent(name: string, view: AgentView, parts: BoaParts): Agent {
  const model = parts.model === 'frequency' ? new FrequencyModel(view.space) : parts.model ? parts.model(view) : undefined;
  const bidding = parts.bidding({ view, model });
  const acceptance = parts.acceptance;
  const res = view.reservationValue ?? -Infinity;
  const me = view.partyId;
  const input: { -readonly [K in keyof AcceptanceInput]: AcceptanceInput[K] } = { time: 0, offerUtility: 0, nextBidUtility: 0, bestReceived: -Infinity };
  const voteRule = parts.vote ?? defaultVote;
  const agent: Agent = {
    name,
    ...(model ? { opponentModel: model } : {}),
    respond(turn) {
      const offer = turn.offer;
      const fromOther = offer !== undefined && turn.proposer !== me;
      let ou = 0;
      if (fromOther) {
        ou = view.utility(offer);
        if (ou > input.bestReceived) input.bestReceived = ou;
        bidding.received?.(turn.proposer!, offer, ou);
      }
      const bid = bidding.nextBid(turn);
      if (fromOther && ou >= res && !view.crossesRedLine(offer)) {
        input.time = turn.time;
        input.offerUtility = ou;
        input.nextBidUtility = view.utility(bid);
        if (acceptance.accepts(input)) return ACCEPT;
      }
      if (view.utility(bid) < res) return END;
      return { type: 'offer', outcome: bid };
    },
    vote: (turn) => voteRule(view, turn, bidding.target),
  };
  if (model) agent.observe = (e: TraceEvent) => {
    if (e.type === 'offer') model.update(e.party, e.outcome);
  };
  return agent;
}

/**
 * Single-text vote of a hill climber: a proposal is accepted when it is at
 * least as good as the current text, or reaches the agent's current target;
 * never across a red line. The final vote accepts a text at or above the
 * reservation value.
 */
export function defaultVote(view: AgentView, turn: VoteTurn, target: (t: number) => number): boolean {
  const p = turn.proposal;
  if (view.crossesRedLine(p)) return false;
  const u = view.utility(p);
  if (turn.final || !turn.current) return u >= (view.reservationValue ?? -Infinity);
  return u >= view.utility(turn.current) || u >= target(turn.time);
}
