/* global process, URL, console */
// Load a GENIUS scenario folder (or any scenario the CLI reads) and analyse it.
//   node examples/library/analyze-genius.mjs PATH
// PATH: a GENIUS folder (a domain XML and its profiles), a native .yaml file, a GeniusWeb,
// NegMAS or LLM-Deliberation folder. Defaults to the ceasefire scenario shipped with parley.
import { analyze } from 'parley';
import { loadScenario } from 'parley/node';

const path = process.argv[2] ?? new URL('../../scenarios/ceasefire.yaml', import.meta.url).pathname;
const scenario = loadScenario(path); // throws a ScenarioError naming file, line and field on bad input
const a = analyze(scenario); // the same JSON `parley analyze --json` prints

console.log(`${a.scenario}: ${a.outcomes} outcomes, ${a.parties.length} parties`);
console.log(`rational set: ${a.rational.count ?? 'not counted'}; passing set: ${a.passing.count ?? 'not counted'}`);
console.log(`Pareto frontier: ${a.frontier.outcomes} outcomes`);
const nash = a.solutions.nash;
console.log(nash ? `Nash solution: ${JSON.stringify(nash.outcome)} with utilities ${JSON.stringify(nash.utilities)}` : 'no Nash solution (no rational outcome)');
