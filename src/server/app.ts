// The workbench server: a JSON API over the store and the built-in scenarios, and the built web app (Node only).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { z } from 'zod';
import { applyVariant, geniusExportLosses, importScenario, printGenius, printNative, readNative } from '../engine/formats/index.ts';
import { ScenarioError } from '../engine/model/diagnostics.ts';
import type { Scenario } from '../engine/model/scenario.ts';
import type { Store } from '../storage/store.ts';
import { exportQuery, idParam, importBody, MAX_BODY_BYTES, runBody, runParam, sourceBody, variantBody, variantParam, zodProblems } from './api-schemas.ts';
import type { BuiltinScenario } from './builtins.ts';
import { registerPlayRoutes } from './play.ts';

export interface AppOptions {
  readonly store: Store;
  readonly builtins: readonly BuiltinScenario[];
  /** The built web app (index.html and assets); not served when absent. */
  readonly webDir?: string;
  readonly logger?: boolean;
  readonly bodyLimit?: number;
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

/** Reads a native scenario, turning its ScenarioError into a 400 with every diagnostic. */
function readSource(file: string, source: string): Scenario {
  try {
    return readNative(file, source);
  } catch (e) {
    if (e instanceof ScenarioError) throw new ApiError(400, 'the scenario has errors', { diagnostics: e.diagnostics });
    throw e;
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store } = options;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: options.bodyLimit ?? MAX_BODY_BYTES });
  const builtins = new Map(options.builtins.map((b) => [b.id, b]));

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply: FastifyReply) => {
    if (error instanceof ApiError) {
      return reply.status(error.status).send({ error: error.message, ...(error.details as object | undefined) });
    }
    if (error instanceof ScenarioError) {
      return reply.status(400).send({ error: 'the scenario has errors', diagnostics: error.diagnostics });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) app.log.error(error);
    const message =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? `the request body is larger than the limit of ${Math.round((options.bodyLimit ?? MAX_BODY_BYTES) / 1048576)} MiB`
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

  /** The scenario with this id as the engine reads it, with a variant (written in it or stored) applied. */
  const load = (id: string, variant: string | undefined): Scenario => {
    const s = find(id);
    const scenario = readSource(`${id}.yaml`, s.source);
    if (!variant) return scenario;
    const stored = s.builtin ? undefined : store.listVariants(id).find((v) => v.id === variant);
    try {
      return applyVariant(stored ? { ...scenario, variants: [...(scenario.variants ?? []), { id: stored.id, patch: stored.patch }] } : scenario, variant);
    } catch (e) {
      throw new ApiError(400, (e as Error).message);
    }
  };

  app.get('/api/health', async () => ({ ok: true, schemaVersion: store.schemaVersion }));

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

  app.post('/api/scenarios/import', async (req, reply) => {
    const body = parse(importBody, req.body, 'import request');
    let scenario: Scenario;
    try {
      scenario = importScenario(body.files);
    } catch (e) {
      if (e instanceof ScenarioError) throw new ApiError(400, 'the files could not be imported', { diagnostics: e.diagnostics });
      throw e;
    }
    const source = printNative(scenario, 'yaml');
    const saved = store.createScenario({ name: scenario.name, format: scenario.origin?.format ?? 'parley', source });
    return reply.status(201).send({ id: saved.id, name: saved.name, format: saved.format, builtin: false, skipped: scenario.origin?.skipped ?? [] });
  });

  app.post('/api/scenarios', async (req, reply) => {
    const { source } = parse(sourceBody, req.body, 'scenario');
    const scenario = readSource('scenario.yaml', source);
    const saved = store.createScenario({ name: scenario.name, format: 'parley', source });
    return reply.status(201).send({ id: saved.id, name: saved.name, format: saved.format, builtin: false });
  });

  app.put('/api/scenarios/:id', async (req) => {
    const { id } = parse(idParam, req.params, 'scenario id');
    const { source } = parse(sourceBody, req.body, 'scenario');
    const s = find(id);
    if (s.builtin) throw new ApiError(409, `"${id}" is a built-in scenario and cannot be changed; save a copy with POST /api/scenarios`);
    const scenario = readSource(`${id}.yaml`, source);
    const saved = store.updateScenario(id, { name: scenario.name, source })!;
    return { id: saved.id, name: saved.name, format: saved.format, builtin: false, updatedAt: saved.updatedAt };
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
    const scenario = load(id, q.variant);
    const base = s.name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'scenario';
    if (q.format === 'genius') {
      try {
        return { format: 'genius', files: printGenius(scenario), notes: geniusExportLosses(scenario) };
      } catch (e) {
        if (e instanceof ScenarioError) throw new ApiError(422, 'GENIUS cannot express this scenario', { diagnostics: e.diagnostics });
        throw e;
      }
    }
    const text = q.variant || s.format !== 'parley' || q.format === 'json' ? printNative(scenario, q.format) : s.source;
    return reply
      .header('content-type', q.format === 'json' ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${base}.${q.format}"`)
      .send(text);
  });

  app.get('/api/scenarios/:id/variants', async (req) => {
    const { id } = parse(idParam, req.params, 'scenario id');
    const s = find(id);
    return { variants: s.builtin ? [] : store.listVariants(id) };
  });

  app.put('/api/scenarios/:id/variants/:variant', async (req) => {
    const { id, variant } = parse(variantParam, req.params, 'variant id');
    const body = parse(variantBody, req.body, 'variant');
    const s = find(id);
    if (s.builtin) throw new ApiError(409, `"${id}" is a built-in scenario; save a copy before adding variants`);
    // The patch must give a valid scenario.
    const scenario = readSource(`${id}.yaml`, s.source);
    try {
      applyVariant({ ...scenario, variants: [{ id: variant, patch: body.patch }] }, variant);
    } catch (e) {
      if (e instanceof ScenarioError) throw new ApiError(400, 'the variant gives an invalid scenario', { diagnostics: e.diagnostics });
      throw new ApiError(400, (e as Error).message);
    }
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

  app.post('/api/scenarios/:id/runs', async (req, reply) => {
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

  registerPlayRoutes(app, { load, parse });

  app.all('/api/*', async (req) => {
    throw new ApiError(404, `no API route ${req.method} ${req.url.split('?')[0]}`);
  });

  if (options.webDir && existsSync(join(options.webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: options.webDir, prefix: '/', index: ['index.html'] });
  } else {
    app.get('/', async (_req, reply) => reply.type('text/plain').send('The web app is not built: run `npm run build:web`, then restart the server.'));
  }
  return app;
}
