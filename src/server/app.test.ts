import { basename, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importScenario, readNative } from '../engine/formats/index.ts';
import { OutcomeSpace } from '../engine/model/outcome-space.ts';
import { compileUtility } from '../engine/model/utility-function.ts';
import { loadSourceFiles } from '../node/load-files.ts';
import { SCENARIOS_DIR, REPO_ROOT, foldersWithFiles } from '../testing/shared.ts';
import { Store } from '../storage/store.ts';
import { buildApp } from './app.ts';
import { loadBuiltins } from './builtins.ts';

let app: FastifyInstance;
let store: Store;

beforeAll(async () => {
  store = Store.open(':memory:');
  const { scenarios, errors } = loadBuiltins(join(REPO_ROOT, 'scenarios'));
  expect(errors).toEqual([]);
  app = await buildApp({ store, builtins: scenarios, bodyLimit: 2 * 1024 * 1024 });
});
afterAll(async () => {
  await app.close();
  store.close();
});

const filesOf = (dir: string) => loadSourceFiles([dir]).map((f) => ({ path: basename(f.path), text: f.text }));

describe('scenarios API', () => {
  it('lists the built-in ceasefire scenario and serves its source', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/scenarios' });
    expect(list.statusCode).toBe(200);
    const ceasefire = list.json().scenarios.find((s: { id: string }) => s.id === 'ceasefire');
    expect(ceasefire).toMatchObject({ builtin: true, format: 'parley' });
    const one = await app.inject({ method: 'GET', url: '/api/scenarios/ceasefire' });
    expect(one.statusCode).toBe(200);
    expect(readNative('c.yaml', one.json().source).parties.length).toBeGreaterThanOrEqual(3);
  });

  it('imports every GENIUS folder of ANAC 2011 by upload, with the same utilities after the round trip', async () => {
    const folders = foldersWithFiles(join(SCENARIOS_DIR, 'genius', 'anac', 'y2011'), /\.xml$/);
    expect(folders.length).toBeGreaterThan(3);
    for (const dir of folders) {
      const files = filesOf(dir);
      const res = await app.inject({ method: 'POST', url: '/api/scenarios/import', payload: { files } });
      expect(res.statusCode, `${dir}: ${res.body}`).toBe(201);
      const { id, format } = res.json();
      expect(format).toBe('genius');
      const stored = readNative('x.yaml', (await app.inject({ method: 'GET', url: `/api/scenarios/${id}` })).json().source);
      const original = importScenario(files);
      const space = new OutcomeSpace(original.issues);
      const size = space.sizeNumber!;
      for (const [k, party] of original.parties.entries()) {
        const u0 = compileUtility(space, party.preferences!);
        const u1 = compileUtility(new OutcomeSpace(stored.issues), stored.parties[k]!.preferences!);
        for (let i = 0; i < size; i += Math.max(1, Math.floor(size / 500))) {
          const o = space.outcomeAt(i);
          expect(u1.utility(o)).toBeCloseTo(u0.utility(o), 12);
        }
      }
    }
  });

  it('exports as YAML, JSON and GENIUS', async () => {
    const dir = join(SCENARIOS_DIR, 'genius', 'anac', 'y2011', 'Laptop');
    const { id } = (await app.inject({ method: 'POST', url: '/api/scenarios/import', payload: { files: filesOf(dir) } })).json();
    const yaml = await app.inject({ method: 'GET', url: `/api/scenarios/${id}/export?format=yaml` });
    expect(yaml.statusCode).toBe(200);
    expect(yaml.headers['content-disposition']).toMatch(/attachment; filename=".+\.yaml"/);
    expect(readNative('a.yaml', yaml.body).issues.length).toBe(3);
    const json = await app.inject({ method: 'GET', url: `/api/scenarios/${id}/export?format=json` });
    expect(JSON.parse(json.body).parley).toBe(1);
    const genius = await app.inject({ method: 'GET', url: `/api/scenarios/${id}/export?format=genius` });
    expect(genius.statusCode).toBe(200);
    const back = importScenario(genius.json().files);
    expect(back.parties.length).toBe(2);
    const bad = await app.inject({ method: 'GET', url: `/api/scenarios/${id}/export?format=docx` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().problems[0].path).toBe('format');
  });

  it('saves edits, validates them with positioned diagnostics, and keeps built-ins read-only', async () => {
    const src = (await app.inject({ method: 'GET', url: '/api/scenarios/ceasefire' })).json().source as string;
    const created = await app.inject({ method: 'POST', url: '/api/scenarios', payload: { source: src } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const renamed = src.replace(/^name: .*$/m, 'name: My ceasefire');
    expect((await app.inject({ method: 'PUT', url: `/api/scenarios/${id}`, payload: { source: renamed } })).json().name).toBe('My ceasefire');
    const broken = renamed.replace(/^parley: 1$/m, 'parley: 1\nissues: 7');
    const bad = await app.inject({ method: 'PUT', url: `/api/scenarios/${id}`, payload: { source: broken } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().diagnostics.length).toBeGreaterThan(0);
    expect(bad.json().diagnostics[0]).toHaveProperty('line');
    expect((await app.inject({ method: 'PUT', url: '/api/scenarios/ceasefire', payload: { source: src } })).statusCode).toBe(409);
    expect((await app.inject({ method: 'DELETE', url: '/api/scenarios/ceasefire' })).statusCode).toBe(409);
    expect((await app.inject({ method: 'DELETE', url: `/api/scenarios/${id}` })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/scenarios/${id}` })).statusCode).toBe(404);
  });

  it('stores variants that give valid scenarios and runs', async () => {
    const src = (await app.inject({ method: 'GET', url: '/api/scenarios/ceasefire' })).json().source as string;
    const id = (await app.inject({ method: 'POST', url: '/api/scenarios', payload: { source: src } })).json().id;
    const ok = await app.inject({ method: 'PUT', url: `/api/scenarios/${id}/variants/unanimous`, payload: { patch: { agreement: { rule: 'unanimity' } } } });
    expect(ok.statusCode, ok.body).toBe(200);
    const bad = await app.inject({ method: 'PUT', url: `/api/scenarios/${id}/variants/broken`, payload: { patch: { agreement: { rule: 'dictator' } } } });
    expect(bad.statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/api/scenarios/${id}/variants` })).json().variants.map((v: { id: string }) => v.id)).toEqual(['unanimous']);
    const exported = await app.inject({ method: 'GET', url: `/api/scenarios/${id}/export?variant=unanimous` });
    expect(exported.statusCode, exported.body).toBe(200);
    expect(readNative('v.yaml', exported.body).agreement.type).toBe('unanimity');
    const run = await app.inject({ method: 'POST', url: `/api/scenarios/${id}/runs`, payload: { kind: 'simulation', config: { seed: 3 }, result: { agreement: null } } });
    expect(run.statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url: `/api/runs/${run.json().id}` })).json().result).toEqual({ agreement: null });
    expect((await app.inject({ method: 'GET', url: '/api/runs/99999' })).statusCode).toBe(404);
  });
});

describe('bad input', () => {
  it('rejects malformed, invalid and oversized bodies with clear errors', async () => {
    const malformed = await app.inject({ method: 'POST', url: '/api/scenarios/import', headers: { 'content-type': 'application/json' }, payload: '{"files": [' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toBeTruthy();
    const wrongShape = await app.inject({ method: 'POST', url: '/api/scenarios/import', payload: { files: [{ path: 'a.xml' }] } });
    expect(wrongShape.statusCode).toBe(400);
    expect(wrongShape.json().problems[0].path).toBe('files.0.text');
    const empty = await app.inject({ method: 'POST', url: '/api/scenarios/import', payload: { files: [] } });
    expect(empty.statusCode).toBe(400);
    const unknown = await app.inject({ method: 'POST', url: '/api/scenarios/import', payload: { files: [{ path: 'notes.txt', text: 'hello' }] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().diagnostics[0].message).toMatch(/cannot tell the format/);
    const badXml = await app.inject({
      method: 'POST',
      url: '/api/scenarios/import',
      payload: { files: [{ path: 'd.xml', text: '<negotiation_template><utility_space><objective><issue name="x" type="discrete"' }] },
    });
    expect(badXml.statusCode).toBe(400);
    const huge = await app.inject({ method: 'POST', url: '/api/scenarios/import', payload: { files: [{ path: 'a.yaml', text: 'x'.repeat(3 * 1024 * 1024) }] } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toMatch(/larger than the limit/);
    const notFound = await app.inject({ method: 'GET', url: '/api/nothing' });
    expect(notFound.statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/api/scenarios/ceasefire/runs', payload: { kind: 'x' } })).statusCode).toBe(400);
  });
});
