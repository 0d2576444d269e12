// Runs a tournament: hands batches of negotiations to a pool, streams their rows into a store, scores from the store.
import type { AgentResolver } from '../negotiate.ts';
import type { TournamentConfig } from './config.ts';
import { createJobContext, jobNeedsAsync, runJobAsync, runJobSync, type NegotiationRow } from './job.ts';
import type { TournamentJob } from './pairings.ts';
import { TournamentScorer, type ScoringOptions, type TournamentScores } from './scoring.ts';
import { planOf, prepareTournament, type PrepareOptions, type TournamentSpec } from './spec.ts';

/**
 * Runs negotiations: the engine's in-process pool, or the Node edge's worker
 * pool or queue. `run` resolves with one row per job (in any order).
 */
export interface TournamentPool {
  /** How many batches it runs at once (read before each batch is handed out: a queue's workers may come and go). */
  readonly concurrency: number;
  run(jobs: readonly TournamentJob[]): Promise<readonly NegotiationRow[]>;
  close(): Promise<void>;
}

/** Makes the pool for a prepared tournament (called once per run). */
export type TournamentPoolFactory = (spec: TournamentSpec, runId: string) => TournamentPool | Promise<TournamentPool>;

/** A run as stored. */
export interface StoredTournament {
  readonly id: string;
  readonly spec: TournamentSpec;
  readonly total: number;
  readonly status: TournamentStatus;
}

export type TournamentStatus = 'running' | 'done' | 'interrupted' | 'failed';

/**
 * Where results go. Rows are written in batches (one transaction each) and
 * are idempotent by negotiation id: a row already recorded is ignored.
 */
export interface TournamentStore {
  /** Records a new run; returns its id. */
  create(spec: TournamentSpec, total: number): string;
  /** A stored run, or undefined. */
  load(runId: string): StoredTournament | undefined;
  /** The negotiation ids recorded so far. */
  recorded(runId: string): Iterable<number>;
  /** Writes rows (one transaction); returns how many were new. */
  write(runId: string, rows: readonly NegotiationRow[]): number;
  /** The recorded rows, in id order (streamed). */
  rows(runId: string): Iterable<NegotiationRow>;
  /** Marks the run's status; with a summary when done. */
  setStatus(runId: string, status: TournamentStatus, summary?: TournamentSummary): void;
}

/** Progress of a running tournament. */
export interface TournamentProgress {
  readonly id: string;
  /** Negotiations recorded (those of earlier sessions of a resumed run included). */
  readonly done: number;
  readonly total: number;
  readonly agreements: number;
  readonly faults: number;
  /** Seconds since this session started running negotiations. */
  readonly elapsed: number;
  /** Negotiations per second in this session. */
  readonly rate: number;
  /** Estimated seconds left (null until known). */
  readonly eta: number | null;
  /** Standings so far (mean utility; no intervals). */
  readonly leaderboard: readonly { agent: string; negotiations: number; meanUtility: number | null; agreementRate: number; faults: number }[];
}

/** The outcome of a tournament: what `parley tournament --json` prints. */
export interface TournamentSummary extends TournamentScores {
  /** The run id (for `--resume`). */
  readonly id: string;
  /** Negotiations planned. */
  readonly total: number;
  /** Whether every planned negotiation is recorded. */
  readonly complete: boolean;
  /** Negotiations run in this session (the others were recorded before a resume). */
  readonly ranThisSession: number;
  /** Wall time of this session's tournament work (negotiations, storing, scoring), start-up excluded. */
  readonly seconds: number;
  readonly agents: readonly string[];
  readonly scenarios: readonly { readonly id: string; readonly name: string; readonly seats: readonly string[]; readonly exactFrontier: boolean | null }[];
  readonly settings: {
    readonly repetitions: number;
    readonly rounds: number;
    readonly seed: number;
    readonly protocol: string | null;
    readonly selfPlay: boolean;
    readonly discounting: boolean;
  };
}

export interface RunTournamentOptions extends PrepareOptions {
  /** Resolves agent names (the agents layer passes the built-in registry). */
  readonly resolveAgent?: AgentResolver;
  /** Makes the pool; default: the in-process pool (one negotiation at a time, no wall-clock limit). */
  readonly pool?: TournamentPoolFactory;
  /** Where rows go; default: in memory. */
  readonly store?: TournamentStore;
  /** Negotiations per batch (default: chosen from the size and the pool's concurrency, at most 64). */
  readonly batchSize?: number;
  /** Called with the progress at most every `progressIntervalMs` (default 1000) and at the end. */
  readonly onProgress?: (p: TournamentProgress) => void;
  readonly progressIntervalMs?: number;
  /** Stops dispatching; batches in flight are recorded, then the run is marked interrupted. */
  readonly signal?: AbortSignal;
  readonly scoring?: ScoringOptions;
  /** Clock in ms (default `performance.now`). */
  readonly now?: () => number;
}

/** The run stopped early (abort signal); it can be resumed by id. */
export class TournamentInterrupted extends Error {
  override name = 'TournamentInterrupted';
  constructor(readonly runId: string) {
    super(`the tournament was interrupted; resume it with --resume ${runId}`);
  }
}

/** Rows kept in memory: the default store (and the browser's). */
export class MemoryTournamentStore implements TournamentStore {
  private readonly runs = new Map<string, { spec: TournamentSpec; total: number; status: TournamentStatus; rows: Map<number, NegotiationRow>; summary?: TournamentSummary }>();
  private next = 1;

  create(spec: TournamentSpec, total: number): string {
    const id = `t${this.next++}`;
    this.runs.set(id, { spec, total, status: 'running', rows: new Map() });
    return id;
  }
  load(runId: string): StoredTournament | undefined {
    const r = this.runs.get(runId);
    return r && { id: runId, spec: r.spec, total: r.total, status: r.status };
  }
  recorded(runId: string): Iterable<number> {
    return this.runs.get(runId)?.rows.keys() ?? [];
  }
  write(runId: string, rows: readonly NegotiationRow[]): number {
    const r = this.runs.get(runId);
    if (!r) throw new Error(`no tournament "${runId}"`);
    let added = 0;
    for (const row of rows)
      if (!r.rows.has(row.id)) {
        r.rows.set(row.id, row);
        added++;
      }
    return added;
  }
  *rows(runId: string): Iterable<NegotiationRow> {
    const r = this.runs.get(runId);
    if (!r) return;
    yield* [...r.rows.values()].sort((a, b) => a.id - b.id);
  }
  setStatus(runId: string, status: TournamentStatus, summary?: TournamentSummary): void {
    const r = this.runs.get(runId);
    if (!r) return;
    r.status = status;
    if (summary) r.summary = summary;
  }
}

/**
 * The in-process pool: runs each batch's negotiations one after the other
 * in this thread. It cannot stop a negotiation that never ends (JavaScript
 * has no pre-emption); the Node edge's worker pool can.
 */
export function inProcessPool(resolveAgent: AgentResolver): TournamentPoolFactory {
  return (spec) => {
    const ctx = createJobContext(spec, resolveAgent);
    return {
      concurrency: 1,
      async run(jobs) {
        const rows: NegotiationRow[] = [];
        for (const job of jobs) rows.push(jobNeedsAsync(ctx, job) ? await runJobAsync(ctx, job) : runJobSync(ctx, job));
        return rows;
      },
      close: async () => {},
    };
  };
}

/** Largest batch the default sizing hands out (a stuck negotiation re-runs at most this many on a fresh thread). */
export const MAX_BATCH = 500;
/** Smallest batch the default sizing hands out (except the very last). */
export const MIN_BATCH = 8;

/**
 * Default batch size, guided self-scheduling: a quarter of each unit of
 * concurrency's share of the negotiations not yet handed out, between
 * `MIN_BATCH` and `MAX_BATCH`. Large batches while much is left (few
 * messages, transactions and queue jobs), small ones at the end (the
 * threads finish together).
 */
export function defaultBatchSize(undispatched: number, concurrency: number): number {
  return Math.max(1, Math.min(undispatched, MAX_BATCH, Math.max(MIN_BATCH, Math.ceil(undispatched / (Math.max(1, concurrency) * 4)))));
}

/**
 * Rows that came back ahead of the next id to score wait here so that the
 * live scorer adds every row in id order (the same floating-point sums as
 * reading the store back in id order, whatever the number of workers or the
 * order batches finish in). Beyond this many waiting rows (a batch stuck for
 * long while the others finish) the run stops ordering and re-reads the store
 * at the end instead.
 */
const MAX_PENDING = 200_000;

/**
 * Runs a tournament with an injected agent resolver (the agents layer's
 * `runTournament` passes the built-in registry). See `executeTournament`.
 */
export async function runTournamentWith(config: TournamentConfig, options: RunTournamentOptions & { resolveAgent: AgentResolver }): Promise<TournamentSummary> {
  const spec = prepareTournament(config, options.resolveAgent, options);
  const store = options.store ?? new MemoryTournamentStore();
  const id = store.create(spec, planOf(spec).total);
  return executeTournament(id, { ...options, store });
}

/**
 * Runs (or continues) a stored tournament: the negotiations not yet recorded
 * go to the pool in batches; each batch's rows are written to the store in
 * one transaction as they come back; the scores are then computed from the
 * stored rows in id order, so they do not depend on the pool, the number of
 * workers or the order results arrived in.
 */
export async function executeTournament(runId: string, options: RunTournamentOptions & { store: TournamentStore }): Promise<TournamentSummary> {
  const { store } = options;
  const stored = store.load(runId);
  if (!stored) throw new Error(`no tournament with id "${runId}" in the store`);
  const { spec } = stored;
  const plan = planOf(spec);
  const total = plan.total;
  const now = options.now ?? (() => performance.now());
  const resolve = options.resolveAgent;
  const poolFactory = options.pool ?? (resolve ? inProcessPool(resolve) : undefined);
  if (!poolFactory) throw new Error('executeTournament needs a pool or an agent resolver');

  const recorded = new Uint8Array(total);
  let before = 0;
  for (const id of store.recorded(runId))
    if (id >= 0 && id < total && !recorded[id]) {
      recorded[id] = 1;
      before++;
    }

  // One scorer for the live leaderboard and, on a fresh run, the final scores: rows are added strictly in id order
  // (see MAX_PENDING), so the store need not be read back at the end. A resumed run has its earlier rows added first
  // (out of id order with the new ones): its final scores are computed from the store, in id order, as before.
  const live = new TournamentScorer(spec);
  let inOrder = before === 0;
  let nextToScore = 0;
  const pending = new Map<number, NegotiationRow>();
  let agreements = 0;
  let faults = 0;
  let done = before;
  // Earlier sessions' rows count in the live leaderboard too.
  if (before > 0)
    for (const row of store.rows(runId)) {
      live.add(row);
      if (row.agreement) agreements++;
      if (row.faults.length) faults++;
    }
  const score = (row: NegotiationRow) => {
    if (!inOrder) return live.add(row);
    if (row.id !== nextToScore) {
      pending.set(row.id, row);
      if (pending.size > MAX_PENDING) {
        inOrder = false;
        for (const r of pending.values()) live.add(r);
        pending.clear();
      }
      return;
    }
    live.add(row);
    nextToScore++;
    for (let r = pending.get(nextToScore); r; r = pending.get(nextToScore)) {
      pending.delete(nextToScore);
      live.add(r);
      nextToScore++;
    }
  };

  store.setStatus(runId, 'running');
  const pool = await poolFactory(spec, runId);
  const t0 = now();
  let lastProgress = -Infinity;
  const interval = options.progressIntervalMs ?? 1000;
  const progress = (force: boolean) => {
    if (!options.onProgress) return;
    const t = now();
    if (!force && t - lastProgress < interval) return;
    lastProgress = t;
    const elapsed = (t - t0) / 1000;
    const rate = elapsed > 0 ? (done - before) / elapsed : 0;
    options.onProgress({ id: runId, done, total, agreements, faults, elapsed, rate, eta: rate > 0 ? (total - done) / rate : null, leaderboard: live.standings() });
  };

  let undispatched = total - before;
  // Two batches per unit of concurrency: one running, one waiting, so no thread waits for this one between batches.
  const maxInFlight = () => Math.max(2, pool.concurrency * 2);
  let cursor = 0;
  const nextBatch = (): TournamentJob[] => {
    const size = options.batchSize ?? defaultBatchSize(undispatched, pool.concurrency);
    const jobs: TournamentJob[] = [];
    while (cursor < total && jobs.length < size) {
      if (!recorded[cursor]) jobs.push(plan.jobAt(cursor));
      cursor++;
    }
    undispatched -= jobs.length;
    return jobs;
  };

  let failure: unknown;
  const inFlight = new Set<Promise<void>>();
  try {
    progress(true);
    for (;;) {
      while (!failure && !options.signal?.aborted && inFlight.size < maxInFlight()) {
        const jobs = nextBatch();
        if (jobs.length === 0) break;
        const p: Promise<void> = pool.run(jobs).then(
          (rows) => {
            const expected = new Set(jobs.map((j) => j.id));
            const mine = rows.filter((r) => expected.has(r.id));
            if (mine.length !== jobs.length) throw new Error(`the pool returned ${mine.length} results for a batch of ${jobs.length}`);
            store.write(runId, mine);
            for (const row of mine) {
              if (recorded[row.id]) continue;
              recorded[row.id] = 1;
              done++;
              score(row);
              if (row.agreement) agreements++;
              if (row.faults.length) faults++;
            }
            progress(false);
          },
          (e: unknown) => {
            failure ??= e;
          },
        );
        const tracked = p.catch((e: unknown) => {
          failure ??= e;
        });
        inFlight.add(tracked);
        void tracked.finally(() => inFlight.delete(tracked));
      }
      if (inFlight.size === 0) break;
      await Promise.race(inFlight);
    }
  } finally {
    await pool.close();
  }
  if (failure) {
    store.setStatus(runId, 'failed');
    throw failure;
  }
  if (options.signal?.aborted && done < total) {
    store.setStatus(runId, 'interrupted');
    progress(true);
    throw new TournamentInterrupted(runId);
  }

  // Final scores: the live scorer's when it saw every row in id order, else from the stored rows, in id order.
  let scorer = live;
  if (!inOrder || nextToScore !== total || pending.size) {
    scorer = new TournamentScorer(spec);
    for (const row of store.rows(runId)) scorer.add(row);
  }
  const scores = scorer.scores(options.scoring);
  const summary: TournamentSummary = {
    id: runId,
    ...scores,
    total,
    complete: scores.negotiations === total,
    ranThisSession: done - before,
    seconds: (now() - t0) / 1000,
    agents: spec.agents.map((a) => a.label),
    scenarios: spec.scenarios.map((s) => ({ id: s.id, name: s.scenario.name, seats: s.seats, exactFrontier: s.reference ? s.reference.exact : null })),
    settings: {
      repetitions: spec.repetitions,
      rounds: spec.rounds,
      seed: spec.seed,
      protocol: spec.protocol ?? null,
      selfPlay: spec.selfPlay,
      discounting: spec.discounting,
    },
  };
  store.setStatus(runId, summary.complete ? 'done' : 'interrupted', summary);
  progress(true);
  return summary;
}
