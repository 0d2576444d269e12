// End to end: a small tournament started from the workbench's Tournament screen, in headless Debian Chromium.
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSourceFiles } from '../src/node/load-files.ts';
import { type RunningServer } from '../src/server/serve.ts';
import { SCENARIOS_DIR } from '../src/testing/shared.ts';
import { artifactPath, openWorkbench, type Workbench } from './browser.ts';

let server: RunningServer;
let page: Page;
let workbench: Workbench | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  workbench = await openWorkbench('tournament', { pageErrors, timeoutMs: 60000 });
  ({ server, page } = workbench);
  // A two-party scenario in the library: ANAC 2011 Camera, uploaded through the API as the Library screen does.
  const files = loadSourceFiles([join(SCENARIOS_DIR, 'genius/anac/y2011/Camera')]).map((f) => ({ path: basename(f.path), text: f.text }));
  const r = await fetch(new URL('api/scenarios/import', workbench.server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ files }) });
  expect(r.status).toBe(201);
}, 180_000);

afterAll(() => workbench?.close());

describe('Tournament screen', () => {
  it('starts a small tournament, shows the leaderboard, the heat map and the scatter, and lists the run', async () => {
    await page.goto(server.url);
    await page.getByRole('tab', { name: 'Tournament', exact: true }).click();
    await page.getByRole('heading', { name: 'Tournament', exact: true }).waitFor();
    // Agents: the default four baselines; scenario: Camera; a short deadline.
    await page.getByTestId('tournament-scenarios').getByLabel(/camera/i).check();
    await page.getByLabel('Rounds').fill('100');
    await page.getByLabel('Repetitions').fill('2');
    await page.getByRole('button', { name: 'Start tournament' }).click();

    // 4 agents: 12 ordered pairs × 2 repetitions.
    const board = page.getByTestId('leaderboard');
    await expect.poll(async () => (await board.count()) > 0 && /Ranking/.test((await board.first().textContent()) ?? ''), { timeout: 120_000 }).toBe(true);
    const text = (await board.textContent()) ?? '';
    for (const a of ['boulware', 'conceder', 'linear', 'micro']) expect(text).toContain(a);
    expect(await board.locator('tbody tr').count()).toBe(4);
    expect(await page.getByTestId('tournament-view').textContent()).toMatch(/24 negotiations/);
    // Agent × agent heat map: 4 × 4 cells, 12 of them played.
    const heat = page.getByTestId('heat-map');
    expect(await heat.locator('rect').count()).toBe(16);
    expect(await page.getByTestId('ranking-intervals').locator('circle').count()).toBe(4);
    // Every agreement over the frontier.
    const scatter = page.getByTestId('agreement-scatter');
    await scatter.waitFor();
    expect(Number(await scatter.getAttribute('data-points'))).toBeGreaterThan(0);
    // The run is listed from the store, done.
    await expect.poll(async () => (await page.getByTestId('past-tournaments').textContent()) ?? '').toMatch(/done\s*24 \/ 24/);
    await page.screenshot({ path: artifactPath('tournament.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
