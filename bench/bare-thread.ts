// A piscina task of the tournament bench's parallel ceiling: the bare loop (negotiateSync, no pool, no store, no
// scoring) over every `parts`-th negotiation of the scaling tournament, after a warm-up on the first 300 (Node only).
import { join } from 'node:path';
import { negotiateSync } from '../src/engine/agents/negotiate.ts';
import { agentFactory } from '../src/engine/agents/registry.ts';
import { importScenario } from '../src/engine/formats/index.ts';
import { planOf, prepareTournament } from '../src/engine/negotiation/tournament/spec.ts';
import { loadSourceFiles } from '../src/node/load-files.ts';
import { SCENARIOS_DIR } from '../src/testing/shared.ts';

export interface BareThreadData {
  readonly agents: readonly string[];
  readonly scenarios: readonly string[];
  readonly repetitions: number;
  readonly rounds: number;
  readonly seed: number;
  readonly part: number;
  readonly parts: number;
  /** Both threads start their timed loop together. */
  readonly barrier: SharedArrayBuffer;
}

/** Runs one part (a piscina task); resolves with the seconds of the timed loop. */
export default function run(d: BareThreadData): number {
  const spec = prepareTournament(
    { agents: [...d.agents], scenarios: d.scenarios.map((p) => ({ id: p, scenario: importScenario(loadSourceFiles([join(SCENARIOS_DIR, p)])) })), repetitions: d.repetitions, selfPlay: true, rounds: d.rounds, seed: d.seed, discounting: true },
    agentFactory,
  );
  const plan = planOf(spec);
  const one = (id: number) => {
    const job = plan.jobAt(id);
    return negotiateSync(spec.scenarios[job.scenario]!.scenario, { agents: job.seats.map((a) => spec.agents[a]!.spec), rounds: spec.rounds, seed: job.seed });
  };
  for (let id = 0; id < Math.min(300, plan.total); id++) one(id);
  const barrier = new Int32Array(d.barrier);
  Atomics.add(barrier, 0, 1);
  Atomics.notify(barrier, 0);
  for (let seen = Atomics.load(barrier, 0); seen < d.parts; seen = Atomics.load(barrier, 0)) Atomics.wait(barrier, 0, seen, 50);
  const t0 = performance.now();
  for (let id = d.part; id < plan.total; id += d.parts) one(id);
  return (performance.now() - t0) / 1000;
}
