/* global process, URL, console */
// Write your own agent: a factory `(view) => Agent` that sees only its own party's view.
//   node examples/library/write-an-agent.mjs [PATH]
// (To run it from the CLI in a worker thread with a per-turn time limit, export the factory from a
// module and pass its path: `parley run PATH --agents ./my-agent.mjs,boulware`.)
import { negotiateSync } from 'parley';
import { loadScenario } from 'parley/node';

/** Concedes linearly in time from its best outcome to its reservation value; accepts what is at least as good as its next bid. */
export function linearConcession(view) {
  const sorted = view.sorted(); // this party's outcomes, sorted by its own utility
  const best = sorted.maxUtility;
  const floor = Math.max(view.reservationValue ?? sorted.minUtility, sorted.minUtility);
  return {
    name: 'linear-concession',
    respond(turn) {
      const target = best - (best - floor) * turn.time; // turn.time runs from 0 to 1
      const position = sorted.ceil(target);
      if (position >= sorted.count) return { type: 'end' };
      const bid = sorted.outcomeAt(position);
      if (turn.offer && view.utility(turn.offer) >= view.utility(bid) && !view.crossesRedLine(turn.offer)) return { type: 'accept' };
      return { type: 'offer', outcome: bid };
    },
  };
}

const path = process.argv[2] ?? new URL('../../scenarios/ceasefire.yaml', import.meta.url).pathname;
const scenario = loadScenario(path);
// Agents are names of built-in agents or factories like the one above.
const result = negotiateSync(scenario, { agents: [linearConcession, 'boulware'], protocol: 'saop', rounds: 500, seed: 1 });
console.log(`participants: ${result.participants.map((p) => `${p.id} (${p.agent})`).join(', ')}`);
console.log(`ended by ${result.endReason} after ${result.rounds} rounds; agreement: ${JSON.stringify(result.agreementRecord)}`);
console.log(`utilities: ${JSON.stringify(result.utilities)}`);
