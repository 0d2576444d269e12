// A worker thread of the tournament pool (piscina): runs batches of negotiations of one tournament (Node only).
import { workerData } from 'node:worker_threads';
import type { Agent, AgentFactory } from '../engine/negotiation/agent.ts';
import { prepareScenario } from '../engine/negotiation/negotiate.ts';
import { createJobContext, jobNeedsAsync, runJobAsync, runJobSync, type JobContext, type NegotiationRow } from '../engine/negotiation/tournament/job.ts';
import { isAsyncAgent, isModuleAgent, loadAgentModules, nodeAgentResolver } from './agents.ts';
import type { PoolTask, PoolWorkerData } from './pool-protocol.ts';

// An agent's console output goes to stderr, so it cannot garble --json on stdout.
console.log = console.error;
console.info = console.error;

const { spec } = workerData as PoolWorkerData;

const contextReady: Promise<JobContext> = (async () => {
  const { factories, problems } = await loadAgentModules(spec.agents.map((a) => a.spec));
  if (problems.size) throw new Error([...problems.values()].join('; '));
  return createJobContext(spec, nodeAgentResolver(factories), isAsyncAgent);
})();

function isThenable(v: unknown): v is Promise<unknown> {
  return !!v && typeof (v as { then?: unknown }).then === 'function';
}

/** Wraps an untrusted agent so the shared state says which seat is being called while it runs. */
function tracked(seat: number, f: AgentFactory, state: Int32Array): AgentFactory {
  const around = <T>(call: () => T): T => {
    Atomics.store(state, 1, seat);
    let async = false;
    try {
      const r = call();
      if (isThenable(r)) {
        async = true;
        return r.finally(() => Atomics.store(state, 1, -1)) as T;
      }
      return r;
    } finally {
      if (!async) Atomics.store(state, 1, -1);
    }
  };
  return (view) => {
    const agent = around(() => f(view));
    const out: Agent = {
      name: agent.name,
      respond: (turn) => around(() => agent.respond(turn)),
      ...(agent.vote ? { vote: (turn: Parameters<NonNullable<Agent['vote']>>[0]) => around(() => agent.vote!(turn)) } : {}),
      ...(agent.observe ? { observe: (event: Parameters<NonNullable<Agent['observe']>>[0]) => around(() => agent.observe!(event)) } : {}),
    };
    return out;
  };
}

/** Warm-up negotiations per thread at most, and the time they may take (ms). */
const WARM_UP_NEGOTIATIONS = 64;
const WARM_UP_MS = 2000;

/**
 * Warms the thread's JIT compiler before the tournament's clock starts: runs
 * up to 64 of the tournament's own negotiations (spread over its first
 * repetition, built-in agents only — never a user's module, which could loop
 * outside the time limit's watch), for at most 2 s, and throws their
 * results away. Without it a fresh thread runs its first few hundred
 * negotiations about twice as slowly (cold JIT; see docs/performance.md).
 */
function warmUp(ctx: JobContext): void {
  const plan = ctx.plan;
  const n = Math.min(plan.perRepetition, WARM_UP_NEGOTIATIONS);
  const end = Date.now() + WARM_UP_MS;
  for (let k = 0; k < n && Date.now() < end; k++) {
    const job = plan.jobAt(Math.floor((k * plan.perRepetition) / n));
    if (job.seats.some((a) => ctx.asyncAgents[a] || isModuleAgent(spec.agents[a]!.spec))) continue;
    runJobSync(ctx, job);
  }
}

/** Runs a batch; or, for a warm-up task, loads the agents, sorts every seat's outcomes and warms the JIT, then waits for its sibling threads. */
export default async function run(task: PoolTask): Promise<readonly NegotiationRow[]> {
  const ctx = await contextReady;
  if (task.type === 'warm') {
    for (const s of spec.scenarios) {
      const prep = prepareScenario(s.scenario);
      for (const id of s.seats) prep.parties.get(id)?.sorted();
    }
    warmUp(ctx);
    // Each warm-up task holds its thread until all have started, so every thread gets one.
    const barrier = new Int32Array(task.barrier);
    Atomics.add(barrier, 0, 1);
    Atomics.notify(barrier, 0);
    const deadline = Date.now() + 60_000;
    for (let seen = Atomics.load(barrier, 0); seen < task.threads && Date.now() < deadline; seen = Atomics.load(barrier, 0)) Atomics.wait(barrier, 0, seen, 100);
    return [];
  }
  const index = new Int32Array(task.state, 0, 2);
  const started = new Float64Array(task.state, 8, 1);
  const untrusted = spec.agents.map((a) => isModuleAgent(a.spec) || isAsyncAgent(a.spec));
  const wrap = untrusted.some(Boolean) ? (seat: number, f: AgentFactory) => tracked(seat, f, index) : undefined;
  const rows: NegotiationRow[] = [];
  for (let i = 0; i < task.jobs.length; i++) {
    const job = task.jobs[i]!;
    started[0] = Date.now();
    Atomics.store(index, 1, -1);
    Atomics.store(index, 0, i);
    const w = wrap && job.seats.some((a) => untrusted[a]) ? (seat: number, f: AgentFactory) => (untrusted[job.seats[seat]!] ? wrap(seat, f) : f) : undefined;
    rows.push(jobNeedsAsync(ctx, job) ? await runJobAsync(ctx, job, w) : runJobSync(ctx, job, w));
  }
  Atomics.store(index, 0, -1);
  return rows;
}
