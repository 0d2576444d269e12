// The server stays up and answers under hostile requests (issue 12): heavy work runs in the pool,
// the health route answers while it runs, a request over budget costs only its worker, and foreign
// Host and Origin headers are refused.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../testing/shared.ts';
import { Store } from '../storage/store.ts';
import { buildApp } from './app.ts';
import { loadBuiltins } from './builtins.ts';
import { TaskPool } from './pool.ts';

/** A valid native scenario with `issues` issues of `options` options each and two parties (YAML). */
export function bigNativeYaml(issues: number, options: number): string {
  const names = Array.from({ length: options }, (_, k) => `o${k}`);
  const lines = ['parley: 1', 'name: Big', 'issues:'];
  for (let i = 0; i < issues; i++) lines.push(`  - {name: i${i}, options: [${names.join(', ')}]}`);
  lines.push('parties:');
  for (const p of ['a', 'b']) {
    lines.push(`  - id: ${p}`, '    role: negotiator', '    preferences:', '      weights: {' + Array.from({ length: issues }, (_, i) => `i${i}: 1`).join(', ') + '}', '      values:');
    for (let i = 0; i < issues; i++) lines.push(`        i${i}: {${names.map((n, k) => `${n}: ${((k * (p === 'a' ? 7 : 13)) % options) / options}`).join(', ')}}`);
  }
  return `${lines.join('\n')}\n`;
}

const small = 'parley: 1\nname: Small\nissues: [{name: a, options: [x, y]}]\nparties:\n  - {id: p, role: negotiator, preferences: {weights: {a: 1}, values: {a: {x: 0, y: 1}}}}\n  - {id: q, role: negotiator, preferences: {weights: {a: 1}, values: {a: {x: 1, y: 0}}}}\n';

async function listening(pool: TaskPool): Promise<{ app: FastifyInstance; store: Store; url: string; port: number }> {
  const store = Store.open(':memory:');
  const { scenarios } = loadBuiltins(join(REPO_ROOT, 'scenarios'));
  const app = await buildApp({ store, builtins: scenarios, pool });
  app.addHook('onClose', async () => store.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { app, store, url: `http://127.0.0.1:${port}`, port };
}

describe('a server that stays up and answers', () => {
  const pool = new TaskPool({ maxThreads: 1 });
  let server: Awaited<ReturnType<typeof listening>>;
  beforeAll(async () => {
    server = await listening(pool);
    // Warm the worker, so the measured request is the parse, not the thread start.
    const warm = await fetch(`${server.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source: small }) });
    expect(warm.status).toBe(201);
  });
  afterAll(async () => {
    await server.app.close();
    await pool.close();
  });

  it('answers 20 health checks in a row, each within 100 ms, while the heaviest accepted request runs', async () => {
    const source = bigNativeYaml(60, 400);
    const heavy = fetch(`${server.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source }) });
    let settled = false;
    void heavy.finally(() => (settled = true));
    // Wait until a worker holds the request.
    for (let i = 0; i < 500 && pool.running === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(pool.running).toBe(1);
    // 20 checks in a row, each within 100 ms. The machine is shared: when another process takes
    // the CPU during a window, a fresh window of 20 is tried (at most 3) while the request still
    // runs. A main thread blocked by the request (the defect this guards against) fails them all.
    const windows: number[][] = [];
    for (let w = 0; w < 3; w++) {
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        const res = await fetch(`${server.url}/api/health`);
        expect(res.status).toBe(200);
        expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
        times.push(performance.now() - t0);
      }
      expect(settled, 'the heavy request was still running during the checks').toBe(false);
      windows.push(times);
      if (Math.max(...times) < 100) break;
    }
    const best = windows.map((t) => Math.max(...t)).reduce((a, b) => Math.min(a, b));
    expect(best, windows.map((t) => t.map((x) => x.toFixed(1)).join(' ')).join(' | ')).toBeLessThan(100);
    const res = await heavy;
    expect(res.status, await res.clone().text()).toBe(201);
  });

  it('after a request over its time budget the server is up and the next request succeeds', async () => {
    const tight = new TaskPool({ maxThreads: 1, defaults: { timeoutMs: 300 } });
    const s = await listening(tight);
    try {
      const over = await fetch(`${s.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source: bigNativeYaml(40, 400) }) });
      expect(over.status).toBe(422);
      expect(((await over.json()) as { error: string }).error).toMatch(/time budget of 0.3 s/);
      const health = await fetch(`${s.url}/api/health`);
      expect(health.status).toBe(200);
      const next = await fetch(`${s.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source: small }) });
      expect(next.status).toBe(201);
    } finally {
      await s.app.close();
      await tight.close();
    }
  });

  it('after a request over its memory budget the server is up and the next request succeeds', async () => {
    const tight = new TaskPool({ maxThreads: 1, defaults: { maxOldGenerationSizeMb: 40, timeoutMs: 30_000 } });
    const s = await listening(tight);
    try {
      const over = await fetch(`${s.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source: bigNativeYaml(60, 600) }) });
      expect(over.status).toBe(422);
      expect(((await over.json()) as { error: string }).error).toMatch(/memory budget of 40 MB/);
      const next = await fetch(`${s.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source: small }) });
      expect(next.status).toBe(201);
    } finally {
      await s.app.close();
      await tight.close();
    }
  });

  it('names the route\'s own limit in a 413 (Play: 64 KiB)', async () => {
    const res = await fetch(`${server.url}/api/play`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: 'x'.repeat(70_000), seat: 'a' }) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/limit of 64 KiB for POST \/api\/play/);
  });
});

describe('Host and Origin checks', () => {
  const pool = new TaskPool({ maxThreads: 1 });
  let server: Awaited<ReturnType<typeof listening>>;
  beforeAll(async () => {
    server = await listening(pool);
  });
  afterAll(async () => {
    await server.app.close();
    await pool.close();
  });
  const call = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    server.app.inject({ method: method as 'GET', url: path, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body ? { payload: body } : {}) });
  const create = JSON.stringify({ source: small });

  it('refuses a foreign Host on reads and writes (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1.evil.example:${server.port}`, 'localhost.evil.example']) {
      const read = await call('GET', '/api/scenarios', { host });
      expect(read.statusCode, host).toBe(421);
      expect(read.json().error).toMatch(/answers only to/);
      const write = await call('POST', '/api/scenarios', { host }, create);
      expect(write.statusCode, host).toBe(421);
      const del = await call('DELETE', '/api/scenarios/ceasefire', { host });
      expect(del.statusCode).toBe(421);
      const page = await call('GET', '/', { host });
      expect(page.statusCode).toBe(421);
    }
    expect(server.store.listScenarios()).toEqual([]);
  });

  it('refuses a foreign Origin on reads and writes', async () => {
    const host = `127.0.0.1:${server.port}`;
    for (const origin of ['http://evil.example', `http://evil.example:${server.port}`, 'null', 'file://']) {
      const read = await call('GET', '/api/scenarios/ceasefire', { host, origin });
      expect(read.statusCode, origin).toBe(403);
      expect(read.json().error).toMatch(/cross-origin/);
      const write = await call('POST', '/api/scenarios', { host, origin }, create);
      expect(write.statusCode, origin).toBe(403);
    }
    const crossSite = await call('POST', '/api/scenarios', { host, 'sec-fetch-site': 'cross-site' }, create);
    expect(crossSite.statusCode).toBe(403);
    expect(server.store.listScenarios()).toEqual([]);
  });

  it('answers the workbench at http://127.0.0.1:PORT and http://localhost:PORT, reads and writes', async () => {
    for (const name of ['127.0.0.1', 'localhost']) {
      const origin = `http://${name}:${server.port}`;
      const page = await fetch(`${origin}/`);
      expect(page.status).toBe(200);
      const read = await fetch(`${origin}/api/scenarios`, { headers: { origin } });
      expect(read.status).toBe(200);
      const write = await fetch(`${origin}/api/scenarios`, { method: 'POST', headers: { origin, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }, body: create });
      expect(write.status).toBe(201);
    }
  });

  it('answers names given with --host and --allowed-host', async () => {
    const store = Store.open(':memory:');
    const app = await buildApp({ store, builtins: [], pool, host: 'parley.lan', allowedHosts: ['Workbench.Example:8080'] });
    try {
      for (const host of ['parley.lan:5174', 'workbench.example', 'localhost:1', '[::1]:5174']) expect((await app.inject({ url: '/api/health', headers: { host } })).statusCode, host).toBe(200);
      expect((await app.inject({ url: '/api/health', headers: { host: 'other.example' } })).statusCode).toBe(421);
      expect((await app.inject({ url: '/api/health', headers: { host: 'parley.lan', origin: 'http://workbench.example:8080' } })).statusCode).toBe(200);
    } finally {
      await app.close();
      store.close();
    }
  });
});
