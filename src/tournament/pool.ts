// The local worker pool of a tournament: piscina threads, a per-negotiation time limit that replaces a stuck thread (Node only).
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { stoppedRow, type NegotiationRow } from '../engine/negotiation/tournament/job.ts';
import type { TournamentJob } from '../engine/negotiation/tournament/pairings.ts';
import type { TournamentPool, TournamentPoolFactory } from '../engine/negotiation/tournament/run.ts';
import type { TournamentSpec } from '../engine/negotiation/tournament/spec.ts';
import { isAsyncAgent, isModuleAgent } from './agents.ts';
import { STATE_BYTES, type PoolTask, type PoolWorkerData } from './pool-protocol.ts';

/** The thread script beside this module: TypeScript in a source checkout, JavaScript in the build. */
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './pool-worker.ts' : './pool-worker.js', import.meta.url);

/** Whether this process already loads TypeScript (tsx's loader in its execArgv). */
function hasTsLoader(): boolean {
  return process.execArgv.some((a) => a.includes('tsx'));
}

/** Worker threads of the whole machine: all cores by default. */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

export interface LocalPoolOptions {
  /** Threads (default: all cores). */
  readonly workers?: number;
  /** Called when a negotiation overran its time limit and its thread was replaced. */
  readonly onStuck?: (job: TournamentJob, seat: number | null) => void;
}

interface Watched {
  readonly index: Int32Array;
  readonly started: Float64Array;
  readonly abort: AbortController;
  stuck?: { at: number; seat: number };
}

/** A started pool (threads up and warm). */
export interface LocalPool extends TournamentPool {
  /** Threads replaced after a negotiation overran its time limit. */
  readonly replaced: number;
}

/**
 * Starts a pool of worker threads for a tournament and waits until every
 * thread has loaded the agents and sorted the scenarios' outcomes (start-up
 * is not part of a tournament's time).
 *
 * A negotiation that runs longer than the spec's `negotiationTimeLimitMs` has
 * its thread terminated (piscina replaces it): it is recorded as a fault of
 * the seat whose agent was running (when an untrusted agent was: a module
 * agent), else of every untrusted seat, else of every seat; the rest of its
 * batch runs again on a fresh thread, and the tournament goes on.
 */
export async function startLocalPool(spec: TournamentSpec, options: LocalPoolOptions = {}): Promise<LocalPool> {
  const threads = Math.max(1, options.workers ?? defaultWorkerCount());
  const workerData: PoolWorkerData = { spec };
  const piscina = new Piscina({
    filename: WORKER_URL.href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 2 ** 31 - 1,
    concurrentTasksPerWorker: 1,
    workerData,
    // TypeScript sources (not a build) need tsx's loader in the threads too.
    execArgv: WORKER_URL.pathname.endsWith('.ts') && !hasTsLoader() ? [...process.execArgv, '--import', 'tsx'] : [...process.execArgv],
  });
  const barrier = new SharedArrayBuffer(4);
  try {
    await Promise.all(Array.from({ length: threads }, () => piscina.run({ type: 'warm', barrier, threads } satisfies PoolTask)));
  } catch (e) {
    await piscina.destroy();
    throw e;
  }

  const limit = spec.negotiationTimeLimitMs;
  const watched = new Set<Watched>();
  const tick = Math.max(10, Math.min(250, limit / 4));
  const watchdog = setInterval(() => {
    const now = Date.now();
    for (const w of watched) {
      if (w.stuck) continue;
      const at = Atomics.load(w.index, 0);
      if (at < 0) continue;
      const since = w.started[0]!;
      const seat = Atomics.load(w.index, 1);
      if (Atomics.load(w.index, 0) !== at) continue; // moved on while we read
      if (now - since > limit) {
        w.stuck = { at, seat };
        w.abort.abort(new Error(`negotiation overran its time limit of ${limit} ms`));
      }
    }
  }, tick);
  watchdog.unref();

  const untrusted = spec.agents.map((a) => isModuleAgent(a.spec) || isAsyncAgent(a.spec));
  let replaced = 0;

  const runBatch = async (jobs: readonly TournamentJob[]): Promise<NegotiationRow[]> => {
    const rows: NegotiationRow[] = [];
    let remaining = [...jobs];
    while (remaining.length) {
      const state = new SharedArrayBuffer(STATE_BYTES);
      const index = new Int32Array(state, 0, 2);
      index[0] = -1;
      index[1] = -1;
      const w: Watched = { index, started: new Float64Array(state, 8, 1), abort: new AbortController() };
      watched.add(w);
      try {
        rows.push(...((await piscina.run({ type: 'run', jobs: remaining, state } satisfies PoolTask, { signal: w.abort.signal })) as NegotiationRow[]));
        remaining = [];
      } catch (e) {
        if (!w.stuck) throw e;
        replaced++;
        const job = remaining[w.stuck.at]!;
        const seat = w.stuck.seat >= 0 ? w.stuck.seat : null;
        const faultSeats = seat !== null ? [seat] : job.seats.map((a, i) => (untrusted[a] ? i : -1)).filter((i) => i >= 0);
        options.onStuck?.(job, seat);
        rows.push(stoppedRow(spec, job, faultSeats));
        // The negotiations before it finished but their results went with the thread: run them again (they are deterministic).
        remaining = remaining.filter((_, i) => i !== w.stuck!.at);
      } finally {
        watched.delete(w);
      }
    }
    return rows;
  };

  return {
    concurrency: threads,
    run: runBatch,
    get replaced() {
      return replaced;
    },
    async close() {
      clearInterval(watchdog);
      await piscina.destroy();
    },
  };
}

/** A pool factory for `executeTournament`: the local worker pool. */
export function localPool(options: LocalPoolOptions = {}): TournamentPoolFactory {
  return (spec) => startLocalPool(spec, options);
}
