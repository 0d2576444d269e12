// Tournaments distributed over BullMQ on Redis: the coordinator enqueues batches, `parley worker` processes run them (Node only).
import { createHash } from 'node:crypto';
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { NegotiationRow } from '../engine/negotiation/tournament/job.ts';
import type { TournamentJob } from '../engine/negotiation/tournament/pairings.ts';
import type { TournamentPool, TournamentPoolFactory, TournamentStore } from '../engine/negotiation/tournament/run.ts';
import type { TournamentSpec } from '../engine/negotiation/tournament/spec.ts';
import { defaultWorkerCount, startLocalPool, type LocalPool } from './pool.ts';

/** The queue's default name. */
export const DEFAULT_QUEUE_NAME = 'parley-tournament';
/** How long a job's lock lasts without renewal before the job counts as stalled and goes to another worker (ms). */
export const DEFAULT_STALL_MS = 10_000;

/** What a queue job carries: a batch of negotiations of one run. */
export interface QueueJobData {
  readonly runId: string;
  readonly jobs: readonly TournamentJob[];
}

const specKey = (queueName: string, runId: string) => `parley:${queueName}:spec:${runId}`;
/** Where each running `parley worker` announces its threads (expires unless renewed, so a killed worker drops out). */
const workerKey = (queueName: string, id: string) => `parley:${queueName}:worker:${id}`;
const WORKER_TTL_S = 30;

/** Threads of the workers currently announced on a queue (0 when none). */
async function announcedThreads(redis: Redis, queueName: string): Promise<number> {
  let threads = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', workerKey(queueName, '*'), 'COUNT', 100);
    cursor = next;
    if (keys.length) for (const v of await redis.mget(...keys)) threads += Math.max(0, Number(v) || 0);
  } while (cursor !== '0');
  return threads;
}

function connectionOf(url: string) {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--queue expects a Redis URL such as redis://127.0.0.1:6379, got "${url}"`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`--queue expects a redis:// or rediss:// URL, got "${url}"`);
  return { url, maxRetriesPerRequest: null };
}

export interface QueuePoolOptions {
  readonly url: string;
  readonly queueName?: string;
  /** Where rows of an earlier session's finished jobs go on a resume. */
  readonly store: TournamentStore;
  /**
   * Batches in flight. Default: two per worker thread announced on the queue
   * (one running, one fetched and waiting), re-read every second as workers
   * come and go; 8 while none is announced.
   */
  readonly inFlight?: number;
  readonly log?: (line: string) => void;
}

/**
 * The coordinator's side: a pool whose batches become BullMQ jobs (job name:
 * the run id; data: the batch; the spec is stored once in Redis for the
 * workers). Each batch resolves with the rows its job returned; the job is
 * then removed. A job whose worker dies is taken up by another worker once
 * its lock expires (BullMQ's stalled-job check); rows are idempotent by
 * negotiation id, so a batch that ran twice is recorded once.
 *
 * On a resume, jobs a previous coordinator left behind are dealt with first:
 * finished ones are recorded, waiting ones removed (their negotiations are
 * enqueued again), and running ones are waited for.
 */
export function queuePool(options: QueuePoolOptions): { factory: TournamentPoolFactory; close: () => Promise<void> } {
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const connection = connectionOf(options.url);
  const log = options.log ?? (() => {});
  const opened: { queue?: Queue; events?: QueueEvents; redis?: Redis; timer?: ReturnType<typeof setInterval> } = {};
  const close = async () => {
    if (opened.timer) clearInterval(opened.timer);
    await opened.events?.close();
    await opened.queue?.close();
    opened.redis?.disconnect();
  };

  const factory: TournamentPoolFactory = async (spec: TournamentSpec, runId: string): Promise<TournamentPool> => {
    const redis = (opened.redis = new Redis(options.url, { maxRetriesPerRequest: 3, lazyConnect: true }));
    try {
      await redis.connect();
    } catch (e) {
      throw new Error(`cannot reach Redis at ${options.url}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    await redis.set(specKey(queueName, runId), JSON.stringify(spec));
    // How many threads the announced workers have (the batch size and the batches in flight follow it).
    let threads = await announcedThreads(redis, queueName);
    if (options.inFlight === undefined) {
      opened.timer = setInterval(() => {
        announcedThreads(redis, queueName).then(
          (n) => (threads = n),
          () => undefined,
        );
      }, 1000);
      opened.timer.unref();
    }
    const queue = (opened.queue = new Queue(queueName, { connection }));
    // Each batch in flight waits on the queue (a listener each): many at once is expected, not a leak.
    queue.setMaxListeners(0);
    const events = (opened.events = new QueueEvents(queueName, { connection }));
    await events.waitUntilReady();

    // Left over from an earlier session of this run?
    for (;;) {
      const leftover = (await queue.getJobs(['completed', 'failed', 'waiting', 'delayed', 'prioritized', 'active'])).filter((j) => j?.name === runId);
      let active = 0;
      for (const j of leftover) {
        const state = await j.getState();
        if (state === 'completed') {
          options.store.write(runId, j.returnvalue as NegotiationRow[]);
          await j.remove();
        } else if (state === 'active') active++;
        else await j.remove().catch(() => undefined);
      }
      if (active === 0) break;
      log(`waiting for ${active} batch${active === 1 ? '' : 'es'} of an earlier session still running on workers…`);
      await new Promise((r) => setTimeout(r, 1000));
    }

    let seq = 0;
    const nonce = Date.now().toString(36);
    const removing = new Set<Promise<unknown>>();
    return {
      get concurrency() {
        return Math.max(1, Math.ceil((options.inFlight ?? (threads > 0 ? threads * 2 : 8)) / 2));
      },
      async run(jobs) {
        const job = await queue.add(runId, { runId, jobs } satisfies QueueJobData, {
          jobId: `${runId}-${nonce}-${seq++}`,
          attempts: 3,
          backoff: { type: 'fixed', delay: 1000 },
          removeOnComplete: false,
          removeOnFail: false,
        });
        const rows = (await job.waitUntilFinished(events)) as NegotiationRow[];
        // Removed in the background: the rows go to the store without waiting for another round trip. A job
        // left behind if the coordinator dies now is recorded (idempotently) and removed by a resume.
        const r = job.remove().catch(() => undefined);
        removing.add(r);
        void r.finally(() => removing.delete(r));
        return rows;
      },
      async close() {
        await Promise.all(removing);
        const left = (await queue.getJobs(['waiting', 'delayed', 'prioritized'])).filter((j) => j?.name === runId);
        for (const j of left) await j.remove().catch(() => undefined);
      },
    };
  };
  return { factory, close };
}

/** Deletes a finished run's spec from Redis. */
export async function forgetRun(url: string, runId: string, queueName = DEFAULT_QUEUE_NAME): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  try {
    await redis.del(specKey(queueName, runId));
  } finally {
    redis.disconnect();
  }
}

export interface QueueWorkerOptions {
  readonly url: string;
  readonly queueName?: string;
  /** Worker threads (default: all cores). */
  readonly workers?: number;
  /** Lock duration in ms (default 10 000): a job whose worker died goes to another worker after about this long. */
  readonly stallMs?: number;
  readonly log?: (line: string) => void;
}

export interface RunningQueueWorker {
  /** Batches processed. */
  readonly processed: number;
  /** Stops taking jobs, waits for the ones running, closes the threads. */
  close(): Promise<void>;
}

/**
 * `parley worker`: takes batches from the queue and runs them on a local
 * worker pool (one pool per run, started when the run's first batch comes,
 * with its spec read from Redis). The per-negotiation time limit works as in a
 * local run. Locks are renewed from the main thread, which stays free while
 * the threads negotiate.
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<RunningQueueWorker> {
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const connection = connectionOf(options.url);
  const log = options.log ?? (() => {});
  const redis = new Redis(options.url, { maxRetriesPerRequest: 3, lazyConnect: true });
  try {
    await redis.connect();
  } catch (e) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${options.url}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const pools = new Map<string, Promise<LocalPool>>();
  /** The threads of the latest tournament, by a hash of its spec: a run of the very same tournament reuses them. */
  let current: { hash: string; pool: Promise<LocalPool> } | undefined;
  let processed = 0;
  const poolFor = (runId: string): Promise<LocalPool> => {
    let p = pools.get(runId);
    if (!p) {
      p = (async () => {
        const text = await redis.get(specKey(queueName, runId));
        if (!text) throw new Error(`no tournament spec for run ${runId} in Redis (was it started with this --queue and --queue-name?)`);
        const hash = createHash('sha256').update(text).digest('hex');
        if (current?.hash === hash) {
          log(`run ${runId}: the same tournament as the previous run: reusing its threads`);
          return current.pool;
        }
        // One tournament at a time keeps the threads' memory bounded: close the earlier one's pool.
        for (const id of [...pools.keys()]) if (id !== runId) pools.delete(id);
        if (current) void current.pool.then((x) => x.close()).catch(() => undefined);
        const spec = JSON.parse(text) as TournamentSpec;
        log(`run ${runId}: starting ${options.workers ?? 'all'} thread(s)`);
        const started = startLocalPool(spec, { ...(options.workers !== undefined ? { workers: options.workers } : {}), onStuck: (job) => log(`run ${runId}: negotiation ${job.id} overran its time limit; recorded as a fault`) });
        const mine = { hash, pool: started };
        current = mine;
        started.catch(() => {
          if (current === mine) current = undefined;
        });
        return started;
      })();
      p.catch(() => pools.delete(runId));
      pools.set(runId, p);
    }
    return p;
  };
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  const threads = Math.max(1, options.workers ?? defaultWorkerCount());
  // Announce the threads (the coordinator sizes its batches by them), renewed while the worker runs.
  const me = workerKey(queueName, `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`);
  const announce = () => redis.set(me, String(threads), 'EX', WORKER_TTL_S).catch(() => undefined);
  await announce();
  const renew = setInterval(() => void announce(), (WORKER_TTL_S * 1000) / 3);
  renew.unref();
  const worker = new Worker<QueueJobData, NegotiationRow[]>(
    queueName,
    async (job: Job<QueueJobData, NegotiationRow[]>) => {
      const pool = await poolFor(job.data.runId);
      const rows = await pool.run(job.data.jobs);
      processed++;
      return rows as NegotiationRow[];
    },
    {
      connection,
      // Two jobs per thread: while a thread runs one batch, the next is already fetched and waiting in its pool, so
      // the thread never waits for a round trip to Redis between batches.
      concurrency: threads * 2,
      lockDuration: stallMs,
      stalledInterval: Math.max(500, Math.floor(stallMs / 2)),
      maxStalledCount: 10,
    },
  );
  worker.on('failed', (job, err) => log(`batch ${job?.id ?? '?'} failed: ${err.message}`));
  worker.on('error', (err) => log(`worker error: ${err.message}`));
  await worker.waitUntilReady();
  return {
    get processed() {
      return processed;
    },
    async close() {
      clearInterval(renew);
      await redis.del(me).catch(() => undefined);
      await worker.close();
      for (const p of new Set([...pools.values(), ...(current ? [current.pool] : [])])) await p.then((x) => x.close()).catch(() => undefined);
      pools.clear();
      current = undefined;
      redis.disconnect();
    },
  };
}
