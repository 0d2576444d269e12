// The workbench server: a JSON API over the store and the built-in scenarios, and the built web app (Node only).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { z } from 'zod';
import { ScenarioError } from '../engine/model/diagnostics.ts';
import type { Scenario } from '../engine/model/scenario.ts';
import type { Store } from '../storage/store.ts';
import { DRAFT_BODY_BYTES, draftBody, exportQuery, idParam, MAX_BODY_BYTES, RUN_BODY_BYTES, runBody, runParam, VARIANT_BODY_BYTES, variantBody, variantParam, zodProblems } from './api-schemas.ts';
import type { BuiltinScenario } from './builtins.ts';
import { hostGuard } from './host-guard.ts';
import { prepareScenario } from '../engine/negotiation/negotiate.ts';
import { registerPlayRoutes } from './play.ts';
import { fingerprint, storePlayJournal } from './play-journal.ts';
import { recordSessionBytes } from './session-budget.ts';
import { LiveHub } from './live/hub.ts';
import { MAX_WS_FRAME_BYTES, registerLiveRoutes } from './live/routes.ts';
import websocket from '@fastify/websocket';
import type { LiveLogEntry } from './live/room.ts';
import { LiveStore } from '../storage/live-store.ts';
import { PoolBusyError, TaskBudgetError, TaskPool, TaskRefusal } from './pool.ts';
import { registerRawJsonBodies } from './raw-body.ts';
import { registerTournamentRoutes } from './tournament-routes.ts';
import { registerDocumentRoutes } from './document-routes.ts';

export interface AppOptions {
  readonly store: Store;
  readonly builtins: readonly BuiltinScenario[];
  /** The built web app (index.html and assets); not served when absent. */
  readonly webDir?: string;
  readonly logger?: boolean;
  readonly bodyLimit?: number;
  /** The worker pool for expensive steps (default: a new one, closed with the app). */
  readonly pool?: TaskPool;
  /** The listening address (`--host`): accepted as a Host name (docs/api.md, "Who may call the server"). */
  readonly host?: string;
  /** More host names to answer to (`--allowed-host`). */
  readonly allowedHosts?: readonly string[];
  /** Live sessions (docs/live-protocol.md): the hub (default: a new one over `liveStore`). */
  readonly live?: LiveHub;
  /** Where live sessions are kept (default: the store's database file, opened beside it). */
  readonly liveStore?: LiveStore;
  /** Where live-session refusals and joins are logged (default: the server log). */
  readonly liveLog?: (e: LiveLogEntry) => void;
}

/** A client error with a status and, for scenario problems, the diagnostics. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ApiError(400, `invalid ${what}`, { problems: zodProblems(r.error) });
  return r.data;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store } = options;
  const bodyLimit = options.bodyLimit ?? MAX_BODY_BYTES;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit });
  const builtins = new Map(options.builtins.map((b) => [b.id, b]));
  const pool = options.pool ?? new TaskPool();
  if (!options.pool) app.addHook('onClose', async () => pool.close());
  // WebSockets (live sessions) before the host guard: an upgrade it refuses is then closed, not left open.
  await app.register(websocket, { options: { maxPayload: MAX_WS_FRAME_BYTES } });
  await app.register(hostGuard, { ...(options.host !== undefined ? { host: options.host } : {}), allowedHosts: options.allowedHosts ?? [] });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply: FastifyReply) => {
    if (error instanceof ApiError || error instanceof TaskRefusal) {
      return reply.status(error.status).send({ error: error.message, ...(error.details as object | undefined) });
    }
    if (error instanceof ScenarioError) {
      return reply.status(400).send({ error: 'the scenario has errors', diagnostics: error.diagnostics });
    }
    if (error instanceof TaskBudgetError) {
      return reply.status(422).send({ error: error.message, budget: { limit: error.limit, ...error.budget } });
    }
    if (error instanceof PoolBusyError) {
      return reply.status(503).header('retry-after', '5').send({ error: error.message });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) app.log.error(error);
    const message =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? `the request body is larger than the limit of ${formatBytes(request.routeOptions.bodyLimit ?? bodyLimit)} for ${request.method} ${request.routeOptions.url ?? 'this route'}`
        : status === 500
          ? 'internal error'
          : error.message;
    return reply.status(status).send({ error: message });
  });

  /** The scenario with this id: a built-in or a stored one, as native source. */
  const find = (id: string): { id: string; name: string; format: string; source: string; builtin: boolean } => {
    const b = builtins.get(id);
    if (b) return { ...b, builtin: true };
    const s = store.getScenario(id);
    if (!s) throw new ApiError(404, `no scenario with id "${id}"`);
    return { id: s.id, name: s.name, format: s.format, source: s.source, builtin: false };
  };

  /** A stored variant with this id (written in the source ones need none). */
  const storedVariant = (s: { id: string; builtin: boolean }, variant: string | undefined) => {
    const v = variant && !s.builtin ? store.listVariants(s.id).find((x) => x.id === variant) : undefined;
    return v ? { stored: { id: v.id, patch: v.patch } } : {};
  };

  /** The scenario with this id as the engine reads it, with a variant (written in it or stored) applied; read in the pool. */
  const load = async (id: string, variant: string | undefined): Promise<Scenario> => {
    const s = find(id);
    return pool.runTask('loadScenario', { file: `${id}.yaml`, source: s.source, ...(variant ? { variant } : {}), ...storedVariant(s, variant) });
  };

  // Answers at once, whatever the pool is doing: no work on the main thread.
  app.get('/api/health', async () => ({ ok: true, schemaVersion: store.schemaVersion, pool: { running: pool.running, queued: pool.queued }, limits: { bodyBytes: bodyLimit } }));

  app.get('/api/scenarios', async () => ({
    scenarios: [
      ...[...builtins.values()].map((b) => ({ id: b.id, name: b.name, format: b.format, builtin: true })),
      ...store.listScenarios().map((s) => ({ id: s.id, name: s.name, format: s.format, builtin: false, updatedAt: s.updatedAt })),
    ],
  }));

  app.get('/api/scenarios/:id', async (req) => {
    const { id } = parse(idParam, req.params, 'scenario id');
    const s = find(id);
    return { ...s, variants: s.builtin ? [] : store.listVariants(id) };
  });

  // Uploads are parsed, validated and converted in the pool: the request body reaches the worker as bytes.
  await app.register(async (raw) => {
    registerRawJsonBodies(raw);

    raw.post('/api/scenarios/import', async (req, reply) => {
      const r = await pool.runTask('importFiles', { body: req.body as Uint8Array });
      const saved = store.createScenario({ name: r.name, format: r.format, source: r.source });
      return reply.status(201).send({ id: saved.id, name: saved.name, format: saved.format, builtin: false, skipped: r.skipped });
    });

    raw.post('/api/scenarios', async (req, reply) => {
      const r = await pool.runTask('readSource', { body: req.body as Uint8Array, file: 'scenario.yaml' });
      const saved = store.createScenario({ name: r.name, format: 'parley', source: r.source });
      return reply.status(201).send({ id: saved.id, name: saved.name, format: saved.format, builtin: false });
    });

    raw.put('/api/scenarios/:id', async (req) => {
      const { id } = parse(idParam, req.params, 'scenario id');
      const s = find(id);
      if (s.builtin) throw new ApiError(409, `"${id}" is a built-in scenario and cannot be changed; save a copy with POST /api/scenarios`);
      const r = await pool.runTask('readSource', { body: req.body as Uint8Array, file: `${id}.yaml` });
      const saved = store.updateScenario(id, { name: r.name, source: r.source });
      if (!saved) throw new ApiError(404, `no scenario with id "${id}"`);
      return { id: saved.id, name: saved.name, format: saved.format, builtin: false, updatedAt: saved.updatedAt };
    });
  });

  app.delete('/api/scenarios/:id', async (req, reply) => {
    const { id } = parse(idParam, req.params, 'scenario id');
    if (builtins.has(id)) throw new ApiError(409, `"${id}" is a built-in scenario and cannot be deleted`);
    if (!store.deleteScenario(id)) throw new ApiError(404, `no scenario with id "${id}"`);
    return reply.status(204).send();
  });

  app.get('/api/scenarios/:id/export', async (req, reply) => {
    const { id } = parse(idParam, req.params, 'scenario id');
    const q = parse(exportQuery, req.query, 'export query');
    const s = find(id);
    const base = s.name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 100) || 'scenario';
    const out = await pool.runTask('exportScenario', {
      file: `${id}.yaml`,
      source: s.source,
      format: q.format,
      verbatim: s.format === 'parley',
      ...(q.variant ? { variant: q.variant } : {}),
      ...storedVariant(s, q.variant),
    });
    if (out.format === 'genius') return out;
    return reply
      .header('content-type', q.format === 'json' ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${base}.${q.format}"`)
      .send(out.text);
  });

  // Drafts: unsaved edits, kept for built-in and stored scenarios alike until saved or discarded.
  app.get('/api/drafts', async () => ({ drafts: store.listDrafts() }));

  app.get('/api/scenarios/:id/draft', async (req) => {
    const { id } = parse(idParam, req.params, 'scenario id');
    find(id);
    const d = store.getDraft(id);
    if (!d) throw new ApiError(404, `no draft of scenario "${id}"`);
    return d;
  });

  app.put('/api/scenarios/:id/draft', { bodyLimit: DRAFT_BODY_BYTES }, async (req) => {
    const { id } = parse(idParam, req.params, 'scenario id');
    const body = parse(draftBody, req.body, 'draft');
    find(id);
    const d = store.putDraft(id, body.source);
    return { scenarioId: d.scenarioId, updatedAt: d.updatedAt };
  });

  app.delete('/api/scenarios/:id/draft', async (req, reply) => {
    const { id } = parse(idParam, req.params, 'scenario id');
    store.deleteDraft(id);
    return reply.status(204).send();
  });

  app.get('/api/scenarios/:id/variants', async (req) => {
    const { id } = parse(idParam, req.params, 'scenario id');
    const s = find(id);
    return { variants: s.builtin ? [] : store.listVariants(id) };
  });

  app.put('/api/scenarios/:id/variants/:variant', { bodyLimit: VARIANT_BODY_BYTES }, async (req) => {
    const { id, variant } = parse(variantParam, req.params, 'variant id');
    const body = parse(variantBody, req.body, 'variant');
    const s = find(id);
    if (s.builtin) throw new ApiError(409, `"${id}" is a built-in scenario; save a copy before adding variants`);
    // The patch must give a valid scenario.
    await pool.runTask('checkVariant', { file: `${id}.yaml`, source: s.source, variant, patch: body.patch });
    return store.putVariant({ scenarioId: id, id: variant, patch: body.patch, ...(body.description !== undefined ? { description: body.description } : {}) });
  });

  app.delete('/api/scenarios/:id/variants/:variant', async (req, reply) => {
    const { id, variant } = parse(variantParam, req.params, 'variant id');
    if (!store.deleteVariant(id, variant)) throw new ApiError(404, `no variant "${variant}" of scenario "${id}"`);
    return reply.status(204).send();
  });

  app.get('/api/scenarios/:id/runs', async (req) => {
    const { id } = parse(idParam, req.params, 'scenario id');
    find(id);
    return { runs: store.listRuns(id) };
  });

  app.post('/api/scenarios/:id/runs', { bodyLimit: RUN_BODY_BYTES }, async (req, reply) => {
    const { id } = parse(idParam, req.params, 'scenario id');
    const body = parse(runBody, req.body, 'run');
    find(id);
    return reply.status(201).send(store.addRun({ scenarioId: id, kind: body.kind, config: body.config, result: body.result }));
  });

  app.get('/api/runs/:id', async (req) => {
    const { id } = parse(runParam, req.params, 'run id');
    const run = store.getRun(id);
    if (!run) throw new ApiError(404, `no run ${id}`);
    return run;
  });

  // Play: the scenario comes back from the pool with its outcome tables sorted there (session-budget.ts).
  const loadForPlay = async (id: string, variant: string | undefined): Promise<Scenario> => {
    const s = find(id);
    const r = await pool.runTask('preparePlay', { file: `${id}.yaml`, source: s.source, ...(variant ? { variant } : {}), ...storedVariant(s, variant) });
    prepareScenario(r.scenario, new Map(r.sorted));
    recordSessionBytes(r.scenario, r.bytes);
    return r.scenario;
  };
  const journal = storePlayJournal(store, (id, variant) => {
    const s = find(id);
    return fingerprint(s.source, variant ?? '', JSON.stringify(storedVariant(s, variant)));
  });
  registerPlayRoutes(app, { load: loadForPlay, parse, journal });
  registerTournamentRoutes(app, { dbPath: store.path, pool, find, parse });
  registerDocumentRoutes(app, { store, find, parse, builtinDocuments: (id) => builtins.get(id)?.documents });

  // Live sessions: a store beside the workbench's (same file), unfinished ones of an earlier process marked interrupted.
  let live = options.live;
  let liveStore = options.liveStore;
  if (!live) {
    if (!liveStore) {
      const own = LiveStore.open(store.path);
      liveStore = own;
      // onClose hooks run last-added first: this one after the hub's (added by registerLiveRoutes), which writes the queued sessions.
      app.addHook('onClose', async () => own.close());
    }
    liveStore.interruptUnfinished();
    live = new LiveHub({ store: liveStore, log: options.liveLog ?? ((e) => app.log.warn(e)) });
  }
  await registerLiveRoutes(app, { hub: live, ...(liveStore ? { store: liveStore } : {}), load, parse });

  app.all('/api/*', async (req) => {
    throw new ApiError(404, `no API route ${req.method} ${req.url.split('?')[0]}`);
  });

  if (options.webDir && existsSync(join(options.webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: options.webDir, prefix: '/', index: ['index.html'] });
  } else {
    app.get('/', async (_req, reply) => reply.type('text/plain').send('The web app is not built: run `npm run build`, then restart the server.'));
  }
  return app;
}

/** A byte count as the 413 message says it. */
function formatBytes(n: number): string {
  return n >= 1048576 ? `${+(n / 1048576).toFixed(1)} MiB` : `${+(n / 1024).toFixed(1)} KiB`;
}
