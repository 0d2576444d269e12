import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../testing/shared.ts';
import { Store } from '../storage/store.ts';
import { buildApp } from './app.ts';
import { loadBuiltins } from './builtins.ts';
import { MAX_DOCUMENT_BYTES } from './documents.ts';

let app: FastifyInstance;
let store: Store;
let tmp: string;
let secret: string;

/** A small native scenario whose one document points at `path`. */
const scenarioWith = (path: string, name = 'Docs') =>
  `parley: 1\nname: ${name}\ndocuments:\n  - {id: brief, title: The brief, path: ${JSON.stringify(path)}}\nissues: [{name: a, options: [x, y]}]\nparties:\n  - {id: p, preferences: {weights: {a: 1}, values: {a: {x: 0, y: 1}}}}\n  - {id: q, preferences: {weights: {a: 1}, values: {a: {x: 1, y: 0}}}}\n`;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'parley-docs-'));
  // A file the server can read but must never serve from a path in an uploaded scenario.
  secret = join(tmp, 'secret.txt');
  writeFileSync(secret, 'the server operator’s secret');
  // A trusted folder of built-ins beside the repository's: documents too large, binary, not UTF-8, a folder.
  const builtinsDir = join(tmp, 'scenarios');
  mkdirSync(builtinsDir);
  writeFileSync(join(tmp, 'big.txt'), 'x'.repeat(MAX_DOCUMENT_BYTES + 1));
  writeFileSync(join(tmp, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
  writeFileSync(join(tmp, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
  writeFileSync(join(builtinsDir, 'own.txt'), 'A text beside the scenario file.');
  writeFileSync(join(builtinsDir, 'big.yaml'), scenarioWith('big.txt', 'Big'));
  writeFileSync(join(builtinsDir, 'binary.yaml'), scenarioWith('binary.txt', 'Binary'));
  writeFileSync(join(builtinsDir, 'latin1.yaml'), scenarioWith('latin1.txt', 'Latin-1'));
  writeFileSync(join(builtinsDir, 'folder.yaml'), scenarioWith('scenarios', 'Folder'));
  writeFileSync(join(builtinsDir, 'beside.yaml'), scenarioWith('own.txt', 'Beside'));
  const repo = loadBuiltins(join(REPO_ROOT, 'scenarios'));
  const extra = loadBuiltins(builtinsDir);
  // own.txt is read as a scenario too, and skipped.
  expect(extra.errors.filter((e) => !e.includes('own.txt'))).toEqual([]);
  store = Store.open(':memory:');
  app = await buildApp({ store, builtins: [...repo.scenarios, ...extra.scenarios] });
});
afterAll(async () => {
  await app.close();
  store.close();
  rmSync(tmp, { recursive: true, force: true });
});

const get = (url: string) => app.inject({ method: 'GET', url });
const create = async (source: string): Promise<string> => {
  const r = await app.inject({ method: 'POST', url: '/api/scenarios', payload: { source } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
};

describe('documents of built-in scenarios', () => {
  it('serves the ceasefire scenario’s seed article, found from the path in its file', async () => {
    const list = await get('/api/scenarios/ceasefire/documents');
    expect(list.json()).toMatchObject({ documents: [{ documentId: 'seed-article', origin: 'scenario-folder' }], maxBytes: MAX_DOCUMENT_BYTES, canAttach: false });
    const r = await get('/api/scenarios/ceasefire/documents/seed-article');
    expect(r.statusCode).toBe(200);
    const article = readFileSync(join(REPO_ROOT, '../shared/seed/ceasefire-article.txt'), 'utf8');
    expect(r.json()).toMatchObject({ scenarioId: 'ceasefire', documentId: 'seed-article', origin: 'scenario-folder', text: article, bytes: Buffer.byteLength(article) });
  });

  it('resolves a path relative to the scenario file first, then to the project folder', async () => {
    expect((await get('/api/scenarios/beside/documents/brief')).json().text).toBe('A text beside the scenario file.');
    const labour = await get('/api/scenarios/labour/documents/brief');
    expect(labour.statusCode).toBe(200);
    expect(labour.json().text).toBe(readFileSync(join(REPO_ROOT, 'examples/sources/labour-brief.txt'), 'utf8'));
  });

  it('answers 404 for an unknown document or scenario, and for a path in the request', async () => {
    expect((await get('/api/scenarios/ceasefire/documents/nope')).statusCode).toBe(404);
    expect((await get('/api/scenarios/nope/documents/seed-article')).statusCode).toBe(404);
    for (const doc of ['..', '..%2F..%2F..%2Fetc%2Fpasswd', '%2Fetc%2Fpasswd', encodeURIComponent(secret), '..%5C..%5Cwindows']) {
      const r = await get(`/api/scenarios/ceasefire/documents/${doc}`);
      expect([400, 404], `${doc}: ${r.body}`).toContain(r.statusCode);
      expect(r.body).not.toMatch(/root:|secret/);
    }
  });

  it('refuses a file over the size limit, a binary file, a non-UTF-8 file and a folder', async () => {
    const big = await get('/api/scenarios/big/documents/brief');
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatch(/at most 1048576 bytes/);
    const binary = await get('/api/scenarios/binary/documents/brief');
    expect(binary.statusCode).toBe(415);
    expect(binary.json().error).toMatch(/not a (UTF-8 )?text file/);
    expect((await get('/api/scenarios/latin1/documents/brief')).statusCode).toBe(415);
    expect((await get('/api/scenarios/folder/documents/brief')).statusCode).toBe(404);
  });

  it('takes no attachments for a built-in (its documents come from its folder)', async () => {
    const r = await app.inject({ method: 'PUT', url: '/api/scenarios/ceasefire/documents/seed-article', payload: { text: 'replaced' } });
    expect(r.statusCode).toBe(409);
  });
});

describe('documents of uploaded and stored scenarios', () => {
  it('never follows a path written in a stored scenario: absolute, climbing out, or a copy of a built-in', async () => {
    for (const path of [secret, `../../../../../../../..${secret}`, '../shared/seed/ceasefire-article.txt', '/etc/passwd']) {
      const id = await create(scenarioWith(path));
      const list = await get(`/api/scenarios/${id}/documents`);
      expect(list.json()).toMatchObject({ documents: [], canAttach: true });
      const r = await get(`/api/scenarios/${id}/documents/brief`);
      expect(r.statusCode).toBe(404);
      expect(r.json().error).toMatch(/attach its text file/);
      expect(r.body).not.toMatch(/secret|root:|Putin/);
    }
    // An import goes the same way.
    const imported = await app.inject({ method: 'POST', url: '/api/scenarios/import', payload: { files: [{ path: 'x.yaml', text: scenarioWith(secret) }] } });
    expect(imported.statusCode).toBe(201);
    expect((await get(`/api/scenarios/${imported.json().id}/documents/brief`)).statusCode).toBe(404);
  });

  it('keeps an attached text with the scenario, replaces and removes it, and drops it with the scenario', async () => {
    const id = await create(scenarioWith('brief.txt'));
    const put = await app.inject({ method: 'PUT', url: `/api/scenarios/${id}/documents/brief`, payload: { text: 'Line one.\nLine two: “quoted”.', fileName: 'brief.txt' } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ documentId: 'brief', origin: 'attached', fileName: 'brief.txt', bytes: Buffer.byteLength('Line one.\nLine two: “quoted”.') });
    expect((await get(`/api/scenarios/${id}/documents`)).json().documents).toEqual([put.json()]);
    expect((await get(`/api/scenarios/${id}/documents/brief`)).json()).toMatchObject({ scenarioId: id, origin: 'attached', text: 'Line one.\nLine two: “quoted”.' });
    await app.inject({ method: 'PUT', url: `/api/scenarios/${id}/documents/brief`, payload: { text: 'Replaced.' } });
    expect((await get(`/api/scenarios/${id}/documents/brief`)).json().text).toBe('Replaced.');
    expect((await app.inject({ method: 'DELETE', url: `/api/scenarios/${id}/documents/brief` })).statusCode).toBe(204);
    expect((await get(`/api/scenarios/${id}/documents/brief`)).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/api/scenarios/${id}/documents/brief` })).statusCode).toBe(404);
    await app.inject({ method: 'PUT', url: `/api/scenarios/${id}/documents/brief`, payload: { text: 'Again.' } });
    expect((await app.inject({ method: 'DELETE', url: `/api/scenarios/${id}` })).statusCode).toBe(204);
    expect(store.listDocuments(id)).toEqual([]);
  });

  it('refuses a text over the size limit, a binary text, and a body of the wrong shape', async () => {
    const id = await create(scenarioWith('brief.txt'));
    const big = await app.inject({ method: 'PUT', url: `/api/scenarios/${id}/documents/brief`, payload: { text: 'é'.repeat(MAX_DOCUMENT_BYTES / 2 + 1) } });
    expect(big.statusCode).toBe(413);
    const nul = await app.inject({ method: 'PUT', url: `/api/scenarios/${id}/documents/brief`, payload: { text: 'PK\u0003\u0004\u0000' } });
    expect(nul.statusCode).toBe(400);
    const shape = await app.inject({ method: 'PUT', url: `/api/scenarios/${id}/documents/brief`, payload: { text: 1, path: '/etc/passwd' } });
    expect(shape.statusCode).toBe(400);
    expect((await app.inject({ method: 'PUT', url: `/api/scenarios/nope/documents/brief`, payload: { text: 'x' } })).statusCode).toBe(404);
    expect(store.listDocuments(id)).toEqual([]);
  });
});
