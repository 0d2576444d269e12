// End to end: the What-if screen answers whatever questions a scenario declares — here the labour
// scenario, unrelated to the ceasefire one — in headless Chromium against a real server.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer } from '../src/server/serve.ts';
import { artifactPath, openWorkbench, type Workbench } from './browser.ts';

let server: RunningServer;
let page: Page;
let workbench: Workbench | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  workbench = await openWorkbench('questions', { pageErrors });
  ({ server, page } = workbench);
}, 180_000);

afterAll(() => workbench?.close());

const tab = (name: string) => page.getByRole('tab', { name, exact: true });

describe('declared questions in the What-if screen', () => {
  it("answers the labour scenario's own questions: answer first, details on demand, the trade-off as a chart", async () => {
    await page.goto(server.url);
    await tab('Library').click();
    await page.getByRole('button', { name: /Open Riverside Transit/i }).first().click();
    await expect.poll(() => page.getByTestId('current-scenario').textContent()).toMatch(/Riverside Transit/);
    await tab('What-if').click();
    // Before any computation the screen names the declared questions.
    expect(await page.getByTestId('questions-pending').textContent()).toMatch(/declares 4 questions.*three-year no-layoff guarantee/);
    await page.getByRole('button', { name: 'Compare and test sensitivity' }).click();
    const questions = page.getByTestId('questions');
    await questions.waitFor({ timeout: 120_000 });
    for (const id of ['job-guarantee', 'mediator-lean', 'pensions', 'arbitration']) {
      const card = page.getByTestId(`question-${id}`);
      expect(await card.count()).toBe(1);
      // One sentence with a number, visible without opening anything.
      const answer = card.getByTestId('question-answer');
      expect(await answer.isVisible()).toBe(true);
      expect(await answer.textContent()).toMatch(/\d/);
    }
    expect(await page.getByTestId('question-job-guarantee').textContent()).toMatch(/three-year no-layoff guarantee/);
    // Details are closed until asked for.
    const details = page.getByTestId('question-arbitration').locator('details');
    expect(await details.locator('table').isVisible()).toBe(false);
    await details.locator('summary').click();
    expect(await details.locator('table').isVisible()).toBe(true);
    expect(await details.locator('tbody tr').count()).toBe(2);
    // The mediator's trade-off as a chart over λ (the report's picture), its data as a table over λ = 0 … 1.
    const chart = page.getByTestId('question-mediator-lean').getByTestId('tradeoff-chart');
    expect(await chart.locator('svg').isVisible()).toBe(true);
    expect(await chart.locator('svg').textContent()).toMatch(/λ/);
    expect(await chart.locator('table tbody tr').count()).toBe(21);
    await page.screenshot({ path: artifactPath('what-if-labour-questions.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
