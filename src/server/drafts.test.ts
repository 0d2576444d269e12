import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../testing/shared.ts';
import { Store } from '../storage/store.ts';
import { buildApp } from './app.ts';
import { loadBuiltins } from './builtins.ts';

let app: FastifyInstance;
let store: Store;

beforeAll(async () => {
  store = Store.open(':memory:');
  app = await buildApp({ store, builtins: loadBuiltins(join(REPO_ROOT, 'scenarios')).scenarios });
});
afterAll(async () => {
  await app.close();
  store.close();
});

describe('drafts API', () => {
  it('keeps a draft of a built-in scenario (even one that does not read) until it is discarded', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/scenarios/ceasefire/draft' })).statusCode).toBe(404);
    const text = 'parley: 1\nname: [unclosed\n';
    const put = await app.inject({ method: 'PUT', url: '/api/scenarios/ceasefire/draft', payload: { source: text } });
    expect(put.statusCode).toBe(200);
    const got = await app.inject({ method: 'GET', url: '/api/scenarios/ceasefire/draft' });
    expect(got.json()).toMatchObject({ scenarioId: 'ceasefire', source: text });
    expect((await app.inject({ method: 'GET', url: '/api/drafts' })).json().drafts.map((d: { scenarioId: string }) => d.scenarioId)).toEqual(['ceasefire']);
    // A second put replaces the text.
    await app.inject({ method: 'PUT', url: '/api/scenarios/ceasefire/draft', payload: { source: 'second' } });
    expect((await app.inject({ method: 'GET', url: '/api/scenarios/ceasefire/draft' })).json().source).toBe('second');
    expect((await app.inject({ method: 'DELETE', url: '/api/scenarios/ceasefire/draft' })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/scenarios/ceasefire/draft' })).statusCode).toBe(404);
  });

  it('refuses a draft of an unknown scenario and a body without source', async () => {
    expect((await app.inject({ method: 'PUT', url: '/api/scenarios/nope/draft', payload: { source: 'x' } })).statusCode).toBe(404);
    const bad = await app.inject({ method: 'PUT', url: '/api/scenarios/ceasefire/draft', payload: { text: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().problems.length).toBeGreaterThan(0);
  });

  it('deletes the draft with its scenario', async () => {
    const source = (await app.inject({ method: 'GET', url: '/api/scenarios/ceasefire' })).json().source as string;
    const created = (await app.inject({ method: 'POST', url: '/api/scenarios', payload: { source } })).json() as { id: string };
    await app.inject({ method: 'PUT', url: `/api/scenarios/${created.id}/draft`, payload: { source: `${source}\n# edited\n` } });
    expect(store.getDraft(created.id)?.source).toMatch(/# edited/);
    expect((await app.inject({ method: 'DELETE', url: `/api/scenarios/${created.id}` })).statusCode).toBe(204);
    expect(store.getDraft(created.id)).toBeUndefined();
  });
});
