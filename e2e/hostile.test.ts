// End to end (issue 12): with the Host and Origin checks on, the workbench works in Chromium from
// http://127.0.0.1:PORT and http://localhost:PORT, reads and writes alike (the browser sends its own
// Origin with every write, and the guard must accept both names).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server/serve.ts';
import { ensureWebBuild } from '../src/server/web-build.ts';
import { launchBrowser, type Browser } from './browser.ts';

let server: RunningServer;
let browser: Browser;
let dataDir: string;

const SOURCE = 'parley: 1\nname: From the page\nissues: [{name: a, options: [x, y]}]\nparties:\n  - {id: p, preferences: {weights: {a: 1}, values: {a: {x: 0, y: 1}}}}\n  - {id: q, preferences: {weights: {a: 1}, values: {a: {x: 1, y: 0}}}}\n';

beforeAll(async () => {
  await ensureWebBuild();
  dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-hostile-'));
  server = await startServer({ port: 0, db: join(dataDir, 'parley.db'), build: false });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the workbench behind the Host and Origin checks', () => {
  it('loads and saves from http://127.0.0.1:PORT and http://localhost:PORT', async () => {
    for (const name of ['127.0.0.1', 'localhost']) {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const res = await page.goto(`http://${name}:${server.port}/`);
      expect(res?.status(), name).toBe(200);
      // The app fetched its scenario list (a read) and shows the built-in scenario.
      await expect.poll(() => page.getByText(/ceasefire/i).count(), { timeout: 30_000 }).toBeGreaterThan(0);
      // A write from the page: the browser sends its own Origin, which the server accepts.
      const status = await page.evaluate(
        async (source) => (await fetch('/api/scenarios', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source }) })).status,
        SOURCE,
      );
      expect(status, name).toBe(201);
      expect(errors, name).toEqual([]);
      await page.close();
    }
    expect(server.store.listScenarios().filter((s) => s.name === 'From the page')).toHaveLength(2);
  }, 120_000);
  // Foreign Host and Origin headers are refused at the HTTP level in src/server/protection.test.ts:
  // a browser on another origin cannot even send a JSON write (no-CORS requests carry text/plain).
});
