// The server's worker pool: expensive work (parsing uploads, validating, exporting, preparing a
// play session) runs in worker threads with a time and a memory limit per task, so a hostile
// request costs a worker, never the server (docs/limits.md, "Server"). Node only.
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { ScenarioError } from '../engine/model/diagnostics.ts';
import { TaskRefusal, type TaskReply } from './task-errors.ts';
import type { TaskName, TaskInput, TaskOutput } from './tasks.ts';

export { TaskRefusal } from './task-errors.ts';

/** Limits of one task. */
export interface TaskLimits {
  /** Wall-clock limit from the moment the task is handed to a worker (default DEFAULT_TASK_TIMEOUT_MS). */
  readonly timeoutMs?: number;
  /** The worker's V8 heap limit (old generation) in MB (default DEFAULT_TASK_HEAP_MB). */
  readonly maxOldGenerationSizeMb?: number;
}

/** Default wall-clock limit of a task: 10 s (every accepted input is analysed or refused within it). */
export const DEFAULT_TASK_TIMEOUT_MS = 10_000;
/** Default heap limit of a task's worker: 512 MB. */
export const DEFAULT_TASK_HEAP_MB = 512;
/** Young generation of every pooled worker (MB): small, so the heap limit is what bounds memory. */
const YOUNG_GENERATION_MB = 32;
/** How long a worker may take to start before its task counts as over time (ms). */
const STARTUP_LIMIT_MS = 30_000;
/** Tasks waiting for a worker beyond which new tasks are refused as busy. */
export const DEFAULT_MAX_QUEUE = 16;

/** A task that went over its time or memory limit; its worker was stopped. */
export class TaskBudgetError extends Error {
  override name = 'TaskBudgetError';
  constructor(
    readonly task: string,
    readonly limit: 'time' | 'memory',
    readonly budget: { readonly timeoutMs: number; readonly maxOldGenerationSizeMb: number },
  ) {
    super(
      limit === 'time'
        ? `the request needs more than the server's time budget of ${budget.timeoutMs / 1000} s per request; it was stopped`
        : `the request needs more than the server's memory budget of ${budget.maxOldGenerationSizeMb} MB per request; it was stopped`,
    );
  }
}

/** The pool's queue is full: the server is busy with other expensive requests. */
export class PoolBusyError extends Error {
  override name = 'PoolBusyError';
  constructor(readonly queued: number) {
    super(`the server is busy (${queued} expensive requests are waiting); try again shortly`);
  }
}

export interface TaskPoolOptions {
  /** Workers running at once (default: the number of CPUs less one, at least 1, at most 4). */
  readonly maxThreads?: number;
  /** Tasks waiting beyond the running ones before new ones are refused (default 16). */
  readonly maxQueue?: number;
  /** Defaults for tasks that do not give their own limits. */
  readonly defaults?: TaskLimits;
  /** How long an idle worker is kept (ms, default 30 s). */
  readonly idleTimeoutMs?: number;
}

const WORKER_URL = new URL('./pool-worker.mjs', import.meta.url).href;

/**
 * Runs named tasks (the exports of `TASKS` in tasks.ts) in worker threads.
 *
 * - Each task runs in a worker whose heap is capped (`maxOldGenerationSizeMb`,
 *   via the worker's `resourceLimits`); a worker that reaches it is stopped and
 *   the task fails with a TaskBudgetError (`limit: 'memory'`).
 * - Each task has a wall-clock limit (`timeoutMs`) counted from the moment a
 *   worker takes it; a task that overruns it has its worker stopped and fails
 *   with a TaskBudgetError (`limit: 'time'`).
 * - At most `maxThreads` tasks run at once; up to `maxQueue` more wait; past
 *   that `runTask` fails at once with a PoolBusyError.
 * - A task's ScenarioError comes back as a ScenarioError (with its
 *   diagnostics), a TaskRefusal as a TaskRefusal, anything else as an Error.
 *
 * One Piscina pool per distinct heap limit holds the workers; idle workers are
 * stopped after `idleTimeoutMs`.
 */
export class TaskPool {
  private readonly pools = new Map<number, Piscina>();
  private readonly waiting: (() => void)[] = [];
  private active = 0;
  private closed = false;
  readonly maxThreads: number;
  readonly maxQueue: number;
  private readonly defaults: Required<TaskLimits>;
  private readonly idleTimeoutMs: number;

  constructor(options: TaskPoolOptions = {}) {
    this.maxThreads = Math.max(1, options.maxThreads ?? Math.min(4, Math.max(1, availableParallelism() - 1)));
    this.maxQueue = Math.max(0, options.maxQueue ?? DEFAULT_MAX_QUEUE);
    this.defaults = {
      timeoutMs: options.defaults?.timeoutMs ?? DEFAULT_TASK_TIMEOUT_MS,
      maxOldGenerationSizeMb: options.defaults?.maxOldGenerationSizeMb ?? DEFAULT_TASK_HEAP_MB,
    };
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  }

  /** Tasks running now. */
  get running(): number {
    return this.active;
  }

  /** Tasks waiting for a worker. */
  get queued(): number {
    return this.waiting.length;
  }

  private pool(heapMb: number): Piscina {
    let p = this.pools.get(heapMb);
    if (!p) {
      p = new Piscina({
        filename: WORKER_URL,
        minThreads: 0,
        maxThreads: this.maxThreads,
        idleTimeout: this.idleTimeoutMs,
        // Keep tsx's loader out of execArgv: the worker registers it itself (pool-worker.mjs).
        execArgv: process.execArgv.filter((a) => !a.startsWith('--max-old-space-size')),
        resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      // Errors outside a task (a worker dying while idle) must not take the server down.
      p.on('error', () => {});
      this.pools.set(heapMb, p);
    }
    return p;
  }

  private async slot(): Promise<void> {
    if (this.active < this.maxThreads) {
      this.active++;
      return;
    }
    if (this.waiting.length >= this.maxQueue) throw new PoolBusyError(this.waiting.length);
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }

  /**
   * Runs the task `name` with `input` (structured-cloned into the worker;
   * ArrayBuffers in `transfer` are moved instead) and resolves with its value.
   */
  async runTask<N extends TaskName>(name: N, input: TaskInput<N>, limits: TaskLimits = {}, transfer: readonly ArrayBuffer[] = []): Promise<TaskOutput<N>> {
    if (this.closed) throw new Error('the task pool is closed');
    const budget = {
      timeoutMs: limits.timeoutMs ?? this.defaults.timeoutMs,
      maxOldGenerationSizeMb: Math.max(16, Math.round(limits.maxOldGenerationSizeMb ?? this.defaults.maxOldGenerationSizeMb)),
    };
    await this.slot();
    if (this.closed) {
      this.release();
      throw new Error('the task pool is closed');
    }
    // The time limit runs from the moment a worker starts the task (a worker's own start-up, about
    // a second for tsx, does not count), told by a message on a channel of its own; start-up
    // itself is bounded by STARTUP_LIMIT_MS.
    const controller = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let timer = setTimeout(() => controller.abort(new Error('startup')), budget.timeoutMs + STARTUP_LIMIT_MS);
    port1.once('message', () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(new Error('timeout')), budget.timeoutMs);
    });
    let reply: TaskReply<TaskOutput<N>>;
    try {
      reply = (await this.pool(budget.maxOldGenerationSizeMb).run({ name, input, started: port2 }, { signal: controller.signal, transferList: [port2, ...transfer] })) as TaskReply<TaskOutput<N>>;
    } catch (e) {
      if (controller.signal.aborted) throw new TaskBudgetError(name, 'time', budget);
      if (isOutOfMemory(e)) throw new TaskBudgetError(name, 'memory', budget);
      throw e;
    } finally {
      clearTimeout(timer);
      port1.close();
      this.release();
    }
    if (reply.ok) return reply.value;
    const err = reply.error;
    if (err.diagnostics) throw new ScenarioError(err.diagnostics);
    if (err.status !== undefined) throw new TaskRefusal(err.status, err.message, err.details);
    throw new Error(err.message);
  }

  /** Stops every worker (running tasks fail). */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w();
    await Promise.all([...this.pools.values()].map((p) => p.destroy()));
    this.pools.clear();
  }
}

function isOutOfMemory(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ERR_WORKER_OUT_OF_MEMORY' || (e instanceof Error && /out of memory|heap limit/i.test(e.message));
}
