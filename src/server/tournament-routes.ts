// The workbench's tournaments: start one over the library's scenarios, watch it, read its results (Node only).
// Negotiations run in the server's worker pool, batch by batch; rows stream into the database's tournament tables.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { executeTournament, type TournamentPool, type TournamentProgress } from '../engine/negotiation/tournament/run.ts';
import { planOf } from '../engine/negotiation/tournament/spec.ts';
import { SqliteTournamentStore } from '../storage/tournament-store.ts';
import type { TournamentListingReply, TournamentScatterReply, TournamentStatusReply } from './api-types.ts';
import type { TaskPool } from './pool.ts';
import { TaskRefusal } from './task-errors.ts';

/** Most negotiations a workbench tournament may have (larger ones: `parley tournament`). */
export const MAX_WORKBENCH_NEGOTIATIONS = 20_000;
/** Agreements the scatter sends at most. */
export const MAX_SCATTER_POINTS = 5_000;
/** Negotiations per pool task. */
const BATCH = 8;

export const tournamentStartBody = z
  .object({
    agents: z.array(z.string().trim().min(1).max(200)).min(1, 'pick at least one agent').max(50),
    scenarios: z.array(z.string().min(1).max(200)).min(1, 'pick at least one scenario').max(50),
    repetitions: z.number().int().min(1).max(1000).default(1),
    rounds: z.number().int().min(1).max(10_000).default(1000),
    seed: z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1).default(0),
    selfPlay: z.boolean().default(false),
  })
  .strict();

const idParam = z.object({ id: z.string().regex(/^t[a-z0-9]{4,40}$/, 'not a tournament id') }).strict();
const scatterQuery = z.object({ scenario: z.coerce.number().int().min(0).default(0) }).strict();

export interface TournamentRoutesOptions {
  /** The database file (the workbench's); its tournament tables are opened on a connection of their own. */
  readonly dbPath: string;
  readonly pool: TaskPool;
  /** A library scenario by id (built-in or stored), as native source; throws a 404 when unknown. */
  readonly find: (id: string) => { id: string; name: string; source: string };
  readonly parse: <T extends z.ZodType>(schema: T, value: unknown, what: string) => z.infer<T>;
}

interface Live {
  progress: TournamentProgress | null;
  error: string | null;
  /** The run has ended (done, interrupted or failed). */
  finished: boolean;
  readonly abort: AbortController;
  readonly done: Promise<void>;
}

/**
 * Registers the tournament routes:
 * - `POST /api/tournaments` starts one (202 with its id) — the scenarios are read and analysed in the pool;
 * - `GET /api/tournaments` lists past and running ones from the database;
 * - `GET /api/tournaments/:id` gives its progress and live leaderboard, then its summary;
 * - `GET /api/tournaments/:id/scatter?scenario=N` gives every agreement on a scenario over its frontier;
 * - `DELETE /api/tournaments/:id/run` stops a running one (it can be resumed from the command line).
 */
export function registerTournamentRoutes(app: FastifyInstance, options: TournamentRoutesOptions): void {
  const { pool, parse } = options;
  const store = SqliteTournamentStore.open(options.dbPath);
  const live = new Map<string, Live>();
  app.addHook('onClose', async () => {
    for (const l of live.values()) l.abort.abort();
    await Promise.all([...live.values()].map((l) => l.done));
    store.close();
  });

  app.post('/api/tournaments', async (req, reply) => {
    const body = parse(tournamentStartBody, req.body, 'tournament');
    const scenarios = body.scenarios.map((id) => {
      const s = options.find(id);
      return { id: s.name, file: `${id}.yaml`, source: s.source };
    });
    const seen = new Set<string>();
    for (const s of scenarios) {
      if (seen.has(s.id)) s.id = `${s.id} (${s.file.replace(/\.yaml$/, '')})`;
      seen.add(s.id);
    }
    // Reading, checking and analysing the scenarios (the frontier) is the heavy part of starting: in the pool.
    const spec = await pool.runTask('prepareTournament', { scenarios, agents: body.agents, repetitions: body.repetitions, rounds: body.rounds, seed: body.seed, selfPlay: body.selfPlay }, { timeoutMs: 120_000 });
    const total = planOf(spec).total;
    if (total > MAX_WORKBENCH_NEGOTIATIONS)
      throw new TaskRefusal(422, `the tournament has ${total.toLocaleString('en')} negotiations; the workbench runs at most ${MAX_WORKBENCH_NEGOTIATIONS.toLocaleString('en')} (run larger ones with parley tournament)`);
    const id = store.create(spec, total);
    const abort = new AbortController();
    const entry: Live = {
      progress: null,
      error: null,
      finished: false,
      abort,
      done: Promise.resolve(),
    };
    const batches: TournamentPool = {
      // One batch running and one waiting: the pool stays free for the other requests.
      concurrency: 1,
      run: (jobs) => pool.runTask('tournamentBatch', { runId: id, spec, jobs }, { timeoutMs: 120_000 }),
      close: async () => {},
    };
    (entry as { done: Promise<void> }).done = executeTournament(id, {
      store,
      pool: () => batches,
      batchSize: BATCH,
      signal: abort.signal,
      progressIntervalMs: 300,
      onProgress: (p) => (entry.progress = p),
    }).then(
      () => undefined,
      (e: unknown) => {
        entry.error = e instanceof Error ? e.message : String(e);
      },
    );
    live.set(id, entry);
    void entry.done.finally(() => {
      entry.finished = true;
      // Keep the entry a while for a last poll of an error; the database has the rest.
      setTimeout(() => live.delete(id), 60_000).unref();
    });
    return reply.status(202).send({ id, total });
  });

  app.get('/api/tournaments', async (): Promise<{ tournaments: TournamentListingReply[] }> => ({ tournaments: store.list() }));

  const stored = (id: string) => {
    const run = store.load(id);
    if (!run) throw new TaskRefusal(404, `no tournament "${id}"`);
    return run;
  };

  app.get('/api/tournaments/:id', async (req): Promise<TournamentStatusReply> => {
    const { id } = parse(idParam, req.params, 'tournament id');
    const run = stored(id);
    const l = live.get(id);
    const p = l?.progress;
    const summary = run.status === 'running' ? null : store.summary(id);
    return {
      id,
      status: run.status,
      total: run.total,
      done: p?.done ?? summary?.negotiations ?? store.count(id),
      agents: run.spec.agents.map((a) => a.label),
      scenarios: run.spec.scenarios.map((s) => ({ id: s.id, name: s.scenario.name })),
      progress: p ? { done: p.done, total: p.total, rate: p.rate, eta: p.eta, agreements: p.agreements, faults: p.faults, leaderboard: p.leaderboard } : null,
      summary,
      error: l?.error ?? null,
    };
  });

  app.get('/api/tournaments/:id/scatter', async (req): Promise<TournamentScatterReply> => {
    const { id } = parse(idParam, req.params, 'tournament id');
    const { scenario } = parse(scatterQuery, req.query, 'scatter query');
    const run = stored(id);
    const sc = run.spec.scenarios[scenario];
    if (!sc) throw new TaskRefusal(404, `the tournament has no scenario ${scenario}`);
    const agreements: number[][] = [];
    let totalAgreements = 0;
    for (const row of store.rowsOfScenario(id, scenario))
      if (row.agreement) {
        totalAgreements++;
        if (agreements.length < MAX_SCATTER_POINTS) agreements.push([...row.agreement]);
      }
    const names = new Map(sc.scenario.parties.map((p) => [p.id, p.name]));
    const ref = sc.reference;
    // Evaluating the agreements needs the scenario's preferences compiled: in the pool.
    const pts = ref && agreements.length ? await pool.runTask('tournamentPoints', { spec: { ...run.spec, scenarios: [sc] }, scenario: 0, agreements }) : { parties: ref?.parties ?? [], points: [] };
    return {
      scenario: { id: sc.id, name: sc.scenario.name, index: scenario },
      parties: (ref?.parties ?? []).map((p) => ({ id: p, name: names.get(p) ?? p })),
      frontier: ref?.points ?? [],
      nash: ref?.nash ?? null,
      agreements: pts.points,
      totalAgreements,
    };
  });

  app.delete('/api/tournaments/:id/run', async (req, reply) => {
    const { id } = parse(idParam, req.params, 'tournament id');
    stored(id);
    const l = live.get(id);
    if (!l || l.finished) throw new TaskRefusal(409, `the tournament "${id}" is not running in this server`);
    l.abort.abort();
    await l.done;
    return reply.status(204).send();
  });
}
