// Issue 12: a fuzzer over the HTTP API. Seeded fast-check requests (every route, hostile ids, bodies
// that are valid shapes with a value replaced, mutated scenario files to import, junk bytes, odd
// content types, foreign Host and Origin headers) go to the app through fastify's inject. No request
// may get a 500 or an answer that is not a JSON error; none may touch Object.prototype; afterwards
// the server answers and its store reads back. PARLEY_FUZZ_RUNS (÷ 10) raises the count.
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseFiles, fuzzCaseArb, fuzzRuns, hostileValue, loadFuzzCorpus } from '../testing/fuzz.ts';
import { REPO_ROOT } from '../testing/shared.ts';
import { Store } from '../storage/store.ts';
import { buildApp } from './app.ts';
import { loadBuiltins } from './builtins.ts';
import { TaskPool } from './pool.ts';

const SMALL = 'parley: 1\nname: Small\nissues: [{name: a, options: [x, y]}]\nparties:\n  - {id: p, preferences: {weights: {a: 1}, values: {a: {x: 0, y: 1}}}}\n  - {id: q, preferences: {weights: {a: 1}, values: {a: {x: 1, y: 0}}}}\n';

const IDS = ['ceasefire', 'CREATED', 'PLAY', '__proto__', 'constructor', '..%2F..%2Fetc%2Fpasswd', '%00', 'x'.repeat(300), '%E2%80%AE', 'a%20b', '1', '-1', '0x10', '%ff'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const;
const ROUTES = [
  '/api/health',
  '/api/scenarios',
  '/api/scenarios/{id}',
  '/api/scenarios/import',
  '/api/scenarios/{id}/export?format={fmt}',
  '/api/scenarios/{id}/variants',
  '/api/scenarios/{id}/variants/{id}',
  '/api/scenarios/{id}/runs',
  '/api/runs/{id}',
  '/api/play',
  '/api/play/{id}/move',
  '/api/play/{id}/evaluate',
  '/api/{id}',
  '/{id}',
];
const FORMATS = ['yaml', 'json', 'genius', 'xml', '', '__proto__'];
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', undefined];
const JUNK = ['', '{', '}', 'null', '[]', '"x"', '1e309', '{"__proto__": {"polluted": true}}', '{"constructor": {"prototype": {"polluted": true}}}', '['.repeat(10_000), '{"a":'.repeat(5000), '\u0000\u0001', '\ufeff{}'];

/** A body of the right shape for the route, with one value replaced by a hostile one. */
function shapedBody(route: string, pick: number, n: number, where: number): unknown {
  const base: Record<string, unknown> = route.includes('/move')
    ? { type: ['offer', 'accept', 'end'][pick % 3], outcome: [0, 0] }
    : route.includes('/evaluate')
      ? { outcome: [0, 1] }
      : route === '/api/play'
        ? { scenarioId: pick % 2 ? 'ceasefire' : 'CREATED', seat: ['russia', 'ukraine', 'p', 'nobody'][pick % 4], rounds: 3, seed: pick }
        : route.includes('/variants/')
          ? { description: 'v', patch: { name: 'changed' } }
          : route.includes('/runs')
            ? { kind: 'simulation', config: {}, result: {} }
            : route.includes('/import')
              ? { files: [{ path: 'a.yaml', text: SMALL }] }
              : { source: SMALL };
  const keys = Object.keys(base);
  if (where % 3 !== 0) base[keys[where % keys.length]!] = hostileValue(pick, n);
  if (where % 7 === 0) base[`extra${where}`] = hostileValue(pick + 1, n);
  return base;
}

const requestArb = fc.record({
  method: fc.nat(METHODS.length - 1),
  route: fc.nat(ROUTES.length - 1),
  ids: fc.array(fc.nat(IDS.length - 1), { minLength: 2, maxLength: 2 }),
  fmt: fc.nat(FORMATS.length - 1),
  body: fc.nat(3),
  pick: fc.nat(),
  n: fc.integer({ min: 1, max: 64 }),
  where: fc.nat(),
  contentType: fc.nat(CONTENT_TYPES.length - 1),
  headers: fc.nat(9),
  mutant: fuzzCaseArb,
});

describe('fuzzed HTTP requests never take the server down', () => {
  const pool = new TaskPool({ maxThreads: 1 });
  const seeds = loadFuzzCorpus(64 * 1024);
  let app: FastifyInstance;
  let store: Store;
  const known: Record<string, string> = {};

  beforeAll(async () => {
    store = Store.open(':memory:');
    const { scenarios } = loadBuiltins(join(REPO_ROOT, 'scenarios'));
    app = await buildApp({ store, builtins: scenarios, pool });
    const created = await app.inject({ method: 'POST', url: '/api/scenarios', payload: { source: SMALL } });
    expect(created.statusCode).toBe(201);
    known.CREATED = created.json().id;
    const play = await app.inject({ method: 'POST', url: '/api/play', payload: { scenarioId: 'ceasefire', seat: 'russia', rounds: 5, seed: 1 } });
    expect(play.statusCode).toBe(201);
    known.PLAY = play.json().sessionId;
  });
  afterAll(async () => {
    await app.close();
    store.close();
    await pool.close();
  });

  const runs = Math.max(500, Math.round(fuzzRuns(5000) / 10));
  it(`${runs} requests: a 2xx/3xx/4xx/503 with a JSON error, never a 500, never a polluted prototype`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        const method = METHODS[r.method]!;
        const id = (k: number) => known[IDS[r.ids[k]!]!] ?? IDS[r.ids[k]!]!;
        let k = 0;
        const route = ROUTES[r.route]!;
        const url = route.replace(/\{id\}/g, () => id(k++)).replace('{fmt}', FORMATS[r.fmt]!);
        let payload: string | Buffer | undefined;
        if (method !== 'GET' && method !== 'HEAD') {
          if (r.body === 0) payload = JUNK[r.pick % JUNK.length]!;
          else if (r.body === 1) payload = Buffer.from([0xff, 0xfe, 0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]);
          else if (r.body === 2 && route.endsWith('/import')) payload = JSON.stringify({ files: caseFiles(seeds, r.mutant) });
          else payload = JSON.stringify(shapedBody(route, r.pick, r.n, r.where));
        }
        const headers: Record<string, string> = {};
        const ct = CONTENT_TYPES[r.contentType];
        if (ct && payload !== undefined) headers['content-type'] = ct;
        if (r.headers === 1) headers.host = 'evil.example';
        if (r.headers === 2) headers.origin = 'http://evil.example';
        if (r.headers === 3) headers['sec-fetch-site'] = 'cross-site';
        if (r.headers === 4) headers.origin = 'http://localhost:5173';
        const res = await app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const what = `${method} ${url.slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, what).not.toBe(500);
        expect(res.statusCode >= 200 && res.statusCode < 600, what).toBe(true);
        // A foreign Host or Origin gets nothing: refused (or, for a URL fastify cannot route, a 400 before any route runs).
        if (r.headers === 1) expect([421, 400], what).toContain(res.statusCode);
        if (r.headers === 2) expect([403, 400], what).toContain(res.statusCode);
        if (res.statusCode >= 400 && method !== 'HEAD') expect(typeof (res.json() as { error?: unknown }).error, what).toBe('string');
        expect(({} as Record<string, unknown>).polluted, what).toBeUndefined();
      }),
      { numRuns: runs },
    );
    // Not degenerate: successes and client errors both occur, and the refusals of the guard.
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect([...statuses.keys()].some((s) => s === 400)).toBe(true);
    expect(statuses.get(421)).toBeGreaterThan(0);
    // Still up, and the store reads back.
    const health = await app.inject({ url: '/api/health' });
    expect(health.statusCode).toBe(200);
    const list = await app.inject({ url: '/api/scenarios' });
    expect(list.statusCode).toBe(200);
    expect(list.json().scenarios.map((s: { id: string }) => s.id)).toContain('ceasefire');
  }, 600_000);
});
