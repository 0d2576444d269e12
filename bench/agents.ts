// Benchmark of the agents (Node only): a round-robin of every ANAC agent on three ANAC 2012 domains, 1000 rounds:
// negotiations per second and each agent's time per turn (respond plus observe), the slowest agent named;
// beside a bare reference loop (a binary search and a decode per turn: what the simplest agent must do).
import { join } from 'node:path';
import { importScenario } from '../src/engine/formats/index.ts';
import { loadSourceFiles } from '../src/node/load-files.ts';
import { prepareScenario } from '../src/engine/negotiation/negotiate.ts';
import { negotiateSync } from '../src/engine/agents/negotiate.ts';
import { agentFactory, AGENT_KINDS } from '../src/engine/agents/registry.ts';
import type { Agent, AgentFactory } from '../src/engine/negotiation/agent.ts';
import { lowerBound } from '../src/engine/negotiation/sorted-outcomes.ts';
import { SCENARIOS_DIR } from '../src/testing/shared.ts';

/** Three ANAC 2012 domains: small, medium and the largest (Energy, 390 625 outcomes). */
export const AGENT_BENCH_DOMAINS = ['genius/anac/y2012/ItexvsCypressB', 'genius/anac/y2012/CameraB', 'genius/anac/y2012/EnergyB'];
const ROUNDS = 1000;

interface Timing {
  ms: number;
  turns: number;
  worst: number;
}

/** Wraps a factory so that every respond/observe/vote call of its agents is timed into `t`. */
function timed(factory: AgentFactory, t: Timing): AgentFactory {
  const f: AgentFactory = (view) => {
    const a: Agent = factory(view);
    let pending = 0;
    const wrapped: Agent = {
      name: a.name,
      respond(turn) {
        const t0 = performance.now();
        const r = a.respond(turn);
        const d = performance.now() - t0 + pending;
        pending = 0;
        t.ms += d;
        t.turns++;
        if (d > t.worst) t.worst = d;
        return r;
      },
      ...(a.observe
        ? {
            observe(e) {
              const t0 = performance.now();
              a.observe!(e);
              pending += performance.now() - t0;
            },
          }
        : {}),
      ...(a.vote ? { vote: (turn) => a.vote!(turn) } : {}),
    };
    return wrapped;
  };
  Object.defineProperty(f, 'agentName', { value: (factory as { agentName?: string }).agentName });
  return f;
}

function bare(utilities: Float64Array, decode: (p: number) => number[], turns: number): { msPerTurn: number } {
  const n = utilities.length;
  const max = utilities[n - 1]!;
  const min = utilities[0]!;
  let check = 0;
  const t0 = performance.now();
  for (let k = 0; k < turns; k++) {
    const pos = Math.min(n - 1, lowerBound(utilities, n, max - (max - min) * Math.pow(k / turns, 5)));
    check += decode(pos)[0]!;
  }
  const ms = performance.now() - t0;
  if (check < 0) console.log(check);
  return { msPerTurn: ms / turns };
}

export function benchAgents(names: readonly string[] = AGENT_KINDS.filter((k) => k.year !== null).map((k) => k.name)): void {
  console.log(`\n== agents: round-robin of ${names.length} ANAC agents (each pair once, both orders alternating by domain), ${ROUNDS} rounds ==`);
  const timings = new Map(names.map((n) => [n, { ms: 0, turns: 0, worst: 0 } as Timing]));
  const factories = new Map(names.map((n) => [n, timed(agentFactory(n), timings.get(n)!)]));
  let runs = 0;
  let agreements = 0;
  let totalMs = 0;
  for (const [d, domain] of AGENT_BENCH_DOMAINS.entries()) {
    const scenario = importScenario(loadSourceFiles([join(SCENARIOS_DIR, domain)]));
    const tp = performance.now();
    const prep = prepareScenario(scenario);
    for (const p of prep.parties.values()) p.sorted();
    const sortMs = performance.now() - tp;
    const t0 = performance.now();
    let here = 0;
    for (let i = 0; i < names.length; i++)
      for (let j = i + 1; j < names.length; j++) {
        const pair = d % 2 ? [names[j]!, names[i]!] : [names[i]!, names[j]!];
        const r = negotiateSync(scenario, { agents: pair.map((n) => factories.get(n)!), rounds: ROUNDS, seed: runs });
        runs++;
        here++;
        if (r.agreement) agreements++;
      }
    const ms = performance.now() - t0;
    totalMs += ms;
    const first = [...prep.parties.values()][0]!.sorted();
    const ref = bare(first.utilities, (p) => first.outcomeAt(p), 200_000);
    console.log(
      `${domain.split('/').pop()!.padEnd(16)} ${String(first.count).padStart(7)} outcomes  sort ${sortMs.toFixed(0)} ms  ${here} negotiations in ${(ms / 1000).toFixed(1)} s: ${(here / (ms / 1000)).toFixed(1)} negotiations/s;  bare reference loop ${(ref.msPerTurn * 1000).toFixed(2)} µs/turn`,
    );
  }
  console.log(`all: ${runs} negotiations, ${agreements} agreements, ${(runs / (totalMs / 1000)).toFixed(1)} negotiations/s`);
  const rows = [...timings.entries()].map(([n, t]) => ({ n, mean: t.ms / Math.max(1, t.turns), worst: t.worst, turns: t.turns })).sort((a, b) => b.mean - a.mean);
  console.log('agent                  mean ms/turn  worst turn ms    turns');
  for (const r of rows) console.log(`${r.n.padEnd(22)} ${r.mean.toFixed(4).padStart(12)} ${r.worst.toFixed(2).padStart(14)} ${String(r.turns).padStart(8)}`);
  const slow = rows[0]!;
  console.log(`slowest agent: ${slow.n}, ${slow.mean.toFixed(3)} ms per turn on average (worst single turn ${slow.worst.toFixed(1)} ms; per-turn limit 10 000 ms)`);
}

if (import.meta.url === `file://${process.argv[1]}`) benchAgents(process.argv[2] ? process.argv[2].split(',') : undefined);
