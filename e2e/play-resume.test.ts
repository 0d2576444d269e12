// A Play game is not lost by reloading the page: the tab remembers its game and the server (which
// journals games, src/server/play-journal.ts) hands it back as it stands.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server/serve.ts';
import { ensureWebBuild } from '../src/server/web-build.ts';
import { launchBrowser, type Browser } from './browser.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
let dataDir: string;

beforeAll(async () => {
  await ensureWebBuild();
  dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-play-resume-'));
  server = await startServer({ port: 0, db: join(dataDir, 'parley.db'), build: false });
  browser = await launchBrowser();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(30_000);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('Play in Chromium', () => {
  it('keeps the game across a reload of the page', async () => {
    await page.goto(`${server.url}#/play?scenario=ceasefire`);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByTestId('play-turn').waitFor();
    await page.getByRole('button', { name: 'Make offer' }).click();
    const moves = page.getByTestId('play-moves').locator('li');
    await expect.poll(() => moves.count()).toBeGreaterThanOrEqual(2);
    const before = await page.getByTestId('play-moves').textContent();
    await page.reload();
    await page.getByTestId('play-turn').waitFor();
    expect(await page.getByTestId('play-moves').textContent()).toBe(before);
  });
});
