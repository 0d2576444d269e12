// Benchmark of the simulation engine (Node only): negotiations and offers per second for
// time-dependent agents (and two hardliners, who play all rounds) on ANAC 2011 Camera and Energy,
// against a bare loop of binary searches.
import { join } from 'node:path';
import { importScenario } from '../src/engine/formats/index.ts';
import { loadSourceFiles } from '../src/node/load-files.ts';
import { prepareScenario, type NegotiationResult } from '../src/engine/negotiation/negotiate.ts';
import { negotiateSync } from '../src/engine/agents/negotiate.ts';
import { lowerBound } from '../src/engine/negotiation/sorted-outcomes.ts';
import { SCENARIOS_DIR } from '../src/testing/shared.ts';
import type { Scenario } from '../src/engine/model/scenario.ts';

const CASES = ['genius/anac/y2011/Camera', 'genius/anac/y2011/Energy'];
const PAIRS: readonly (readonly string[])[] = [
  ['boulware', 'conceder'],
  ['boulware', 'boulware'],
  // Never agree: every one of the 1000 rounds is played.
  ['hardliner', 'hardliner'],
];
const ROUNDS = 1000;
const SECONDS = 2;

function offersIn(r: NegotiationResult): number {
  let n = 0;
  for (const e of r.events) if (e.type === 'offer') n++;
  return n;
}

/**
 * The floor: the same number of binary searches ("the lowest outcome at or
 * above utility u") over a party's sorted utilities as the negotiation makes
 * offers, with the target falling as a Boulware agent's does. Returns a checksum.
 */
function bareSearches(utilities: Float64Array, searches: number): number {
  const n = utilities.length;
  const max = utilities[n - 1]!;
  const min = utilities[0]!;
  let check = 0;
  for (let k = 0; k < searches; k++) {
    const t = k / searches;
    check += lowerBound(utilities, n, max - (max - min) * Math.pow(t, 5));
  }
  return check;
}

function timeIt(f: () => void): { perSecond: number; runs: number } {
  const t0 = performance.now();
  let runs = 0;
  while (performance.now() - t0 < SECONDS * 1000) {
    f();
    runs++;
  }
  return { perSecond: runs / ((performance.now() - t0) / 1000), runs };
}

export function benchNegotiation(): void {
  console.log(`\n== negotiation (AOP, ${ROUNDS} rounds, sync runner, trace recorded) ==`);
  for (const c of CASES) {
    const scenario: Scenario = importScenario(loadSourceFiles([join(SCENARIOS_DIR, c)]));
    const t0 = performance.now();
    const prep = prepareScenario(scenario);
    for (const p of prep.parties.values()) p.sorted();
    const prepMs = performance.now() - t0;
    const size = prep.space.sizeNumber!;
    console.log(`${c}: ${size.toLocaleString('en')} outcomes; sorting both parties' outcomes once: ${prepMs.toFixed(0)} ms`);
    for (const agents of PAIRS) {
      const first = negotiateSync(scenario, { agents, rounds: ROUNDS });
      const offers = offersIn(first);
      const { perSecond } = timeIt(() => negotiateSync(scenario, { agents, rounds: ROUNDS }));
      const offersPerSecond = perSecond * offers;
      console.log(
        `  ${agents.join(' vs ').padEnd(22)} ${first.agreement ? `agreement in round ${first.rounds}` : `no agreement, ${first.rounds} rounds`}: ` +
          `${perSecond.toFixed(0)} negotiations/s, ${(offersPerSecond / 1e6).toFixed(2)} M offers/s, ${((1e3 / offersPerSecond) * 2).toFixed(4)} ms per round`,
      );
    }
    const utilities = prep.parties.values().next().value!.sorted().utilities;
    const searches = 2000;
    const bare = timeIt(() => bareSearches(utilities, searches));
    console.log(`  bare loop: ${((bare.perSecond * searches) / 1e6).toFixed(2)} M binary searches/s over ${utilities.length.toLocaleString('en')} utilities`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) benchNegotiation();
