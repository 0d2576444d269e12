// A user-written agent for `parley run SCENARIO --agents ./examples/agents/linear-concession.ts,boulware`.
// It runs in its own worker thread and sees only its own view (see docs/simulation.md, "Your own agent").
import type { Action, Agent, AgentView, OfferTurn } from '../../src/engine/negotiation/agent.ts';

/** Concedes linearly in time from its best outcome to its reservation value; accepts an offer at least as good as its next bid. */
export default function linearConcession(view: AgentView): Agent {
  const sorted = view.sorted();
  const best = sorted.maxUtility;
  const floor = Math.max(view.reservationValue ?? sorted.minUtility, sorted.minUtility);
  return {
    name: 'linear-concession',
    respond(turn: OfferTurn): Action {
      const target = best - (best - floor) * turn.time;
      const position = sorted.ceil(target);
      if (position >= sorted.count) return { type: 'end' }; // nothing left at or above the target
      const bid = sorted.outcomeAt(position);
      if (turn.offer && view.utility(turn.offer) >= view.utility(bid) && !view.crossesRedLine(turn.offer)) return { type: 'accept' };
      return { type: 'offer', outcome: bid };
    },
  };
}
