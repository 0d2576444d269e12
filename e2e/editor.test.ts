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
  // Confirmations (removals, discarding changes, leaving with unsaved changes) are accepted.
  page.on('dialog', (d) => void d.accept());
  page.setDefaultTimeout(30_000);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Waits for a value to satisfy the matcher (the app answers after the server and the worker do). */
const poll = <T>(f: () => Promise<T> | T) => expect.poll(f, { timeout: 20_000, interval: 100 });
const tab = (name: string) => page.getByRole('tab', { name, exact: true });
const selectedTab = () => page.locator('[role="tab"][aria-selected="true"]').textContent();

describe('the workbench keeps work and addresses', () => {
  it('opens a deep link to a scenario’s What-if screen, and the back button returns', async () => {
    await page.goto(`${server.url}#/what-if?scenario=ceasefire`);
    await poll(selectedTab).toBe('What-if');
    await poll(() => page.getByTestId('current-scenario').textContent()).toMatch(/ceasefire/i);
    await page.getByRole('button', { name: 'Compare and test sensitivity' }).waitFor();
    await tab('Editor').click();
    await poll(() => page.url()).toMatch(/#\/editor\?scenario=ceasefire$/);
    await page.goBack();
    await poll(selectedTab).toBe('What-if');
    await page.goForward();
    await poll(selectedTab).toBe('Editor');
    // A reload keeps the screen and the scenario.
    await page.reload();
    await poll(selectedTab).toBe('Editor');
    await page.screenshot({ path: artifactPath('editor-deep-link.png'), fullPage: true });
  });

  it('keeps an edit as a draft across a reload, and Save makes it the scenario', async () => {
    await page.goto(`${server.url}#/editor?scenario=ceasefire`);
    const yaml = page.getByLabel('Scenario YAML');
    await poll(() => yaml.inputValue()).toMatch(/^parley: 1/m);
    const edited = (await yaml.inputValue()).replace(/^name: (.*)$/m, 'name: Ceasefire, draft of the morning');
    await yaml.fill(edited);
    await poll(() => page.getByTestId('draft-status').textContent()).toMatch(/Draft kept on the server/);
    await page.reload();
    await poll(() => page.getByLabel('Scenario YAML').inputValue()).toMatch(/name: Ceasefire, draft of the morning/);
    expect(await page.getByTestId('draft-status').textContent()).toMatch(/Restored your unsaved draft/);
    expect(await page.getByTestId('current-scenario').textContent()).toMatch(/draft of the morning.*edited/);
    // Undo goes back to the saved text; redo brings the draft back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await poll(() => page.getByLabel('Scenario YAML').inputValue()).not.toMatch(/draft of the morning/);
    await page.getByRole('button', { name: 'Redo' }).click();
    await poll(() => page.getByLabel('Scenario YAML').inputValue()).toMatch(/draft of the morning/);
    // Saving a built-in scenario makes a copy, opens it, and the draft is gone.
    await page.getByRole('button', { name: 'Save as a copy' }).click();
    await poll(() => page.url()).not.toMatch(/scenario=ceasefire/);
    await poll(() => page.getByTestId('current-scenario').textContent()).toMatch(/draft of the morning \(saved/);
    const drafts = (await (await fetch(`${server.url}api/drafts`)).json()) as { drafts: unknown[] };
    expect(drafts.drafts).toEqual([]);
  });

  it('undoes and redoes the removal of a party with the keyboard', async () => {
    await page.goto(`${server.url}#/editor?scenario=ceasefire`);
    const parties = page.getByTestId('parties-table');
    await poll(() => parties.textContent()).toMatch(/ukraine/);
    await page.getByRole('button', { name: 'Remove party ukraine' }).click();
    await poll(() => parties.textContent()).not.toMatch(/ukraine/);
    await page.keyboard.press('Control+Z');
    await poll(() => parties.textContent()).toMatch(/ukraine/);
    expect((await page.getByTestId('diagnostics').textContent()) ?? '').toBe('');
    await page.keyboard.press('Control+Shift+Z');
    await poll(() => parties.textContent()).not.toMatch(/ukraine/);
    await page.keyboard.press('Control+Z');
    await poll(() => parties.textContent()).toMatch(/ukraine/);
    expect(pageErrors).toEqual([]);
  });
});
