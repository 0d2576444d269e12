// A Play game is not lost by reloading the page: the tab remembers its game and the server (which
// journals games, src/server/play-journal.ts) hands it back as it stands.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer } from '../src/server/serve.ts';
import { openWorkbench, type Workbench } from './browser.ts';

let server: RunningServer;
let page: Page;
let workbench: Workbench | undefined;

beforeAll(async () => {
  workbench = await openWorkbench('play-resume');
  ({ server, page } = workbench);
}, 180_000);

afterAll(() => workbench?.close());

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
