// End to end: work is never lost, the form editor, the YAML view and deep links (headless Chromium, real server, temporary database).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server/serve.ts';
import { ensureWebBuild } from '../src/server/web-build.ts';
import { artifactPath, launchBrowser, type Browser } from './browser.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
let dataDir: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureWebBuild();
  dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-editor-'));
  server = await startServer({ port: 0, db: join(dataDir, 'parley.db'), build: false });
  browser = await launchBrowser();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.setDefaultTimeout(30_000);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const tab = (name: string) => page.getByRole('tab', { name, exact: true });
const selectedTab = () => page.locator('[role="tab"][aria-selected="true"]').textContent();

describe('the workbench keeps work and addresses', () => {
  it('opens a deep link to a scenario’s What-if screen, and the back button returns', async () => {
    await page.goto(`${server.url}#/what-if?scenario=ceasefire`);
    await expect.poll(selectedTab).toBe('What-if');
    await expect.poll(() => page.getByTestId('current-scenario').textContent()).toMatch(/ceasefire/i);
    await page.getByRole('button', { name: 'Compare and test sensitivity' }).waitFor();
    await tab('Editor').click();
    await expect.poll(() => page.url()).toMatch(/#\/editor\?scenario=ceasefire$/);
    await page.goBack();
    await expect.poll(selectedTab).toBe('What-if');
    await page.goForward();
    await expect.poll(selectedTab).toBe('Editor');
    // A reload keeps the screen and the scenario.
    await page.reload();
    await expect.poll(selectedTab).toBe('Editor');
    await page.screenshot({ path: artifactPath('editor-deep-link.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
