/* global process, URL, console */
// Run a negotiation between built-in agents, reproducibly from a seed.
//   node examples/library/negotiate.mjs [PATH]
import { AGENT_NAMES, negotiateSync } from 'parley';
import { loadScenario } from 'parley/node';

const path = process.argv[2] ?? new URL('../../scenarios/ceasefire.yaml', import.meta.url).pathname;
const scenario = loadScenario(path);
console.log(`${AGENT_NAMES.length} built-in agents, e.g. ${AGENT_NAMES.slice(0, 5).join(', ')}`);

// One agent per participant in scenario order, or a single one for all.
const result = negotiateSync(scenario, { agents: ['boulware', 'conceder'], protocol: 'saop', rounds: 500, seed: 1 });
console.log(`ended by ${result.endReason} after ${result.rounds} rounds (${result.turns} turns)`);
console.log(`agreement: ${JSON.stringify(result.agreementRecord)}`);
console.log(`utilities: ${JSON.stringify(result.utilities)}`);
