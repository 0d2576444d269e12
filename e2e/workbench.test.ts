// End to end: the workbench in headless Debian Chromium against a real server with a temporary database.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer } from '../src/server/serve.ts';
import { SCENARIOS_DIR } from '../src/testing/shared.ts';
import { artifactPath, openWorkbench, type Workbench } from './browser.ts';

let server: RunningServer;
let page: Page;
let workbench: Workbench | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  // Confirmations (removals, discarding changes, leaving with unsaved changes) are accepted.
  workbench = await openWorkbench('workbench', { pageErrors, acceptDialogs: true });
  ({ server, page } = workbench);
}, 180_000);

afterAll(() => workbench?.close());

const tab = (name: string) => page.getByRole('tab', { name, exact: true });

describe('workbench in Chromium', () => {
  it('opens on the ceasefire scenario and plots its Pareto frontier', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.getByTestId('current-scenario').textContent()).toMatch(/ceasefire/i);
    // Three negotiators define the frontier: it is drawn as points projected onto the chosen pair.
    const frontier = page.getByTestId('frontier-points');
    await frontier.waitFor();
    expect(Number(await frontier.getAttribute('data-points'))).toBeGreaterThan(1);
    await expect.poll(() => page.getByTestId('zone').textContent()).toMatch(/Zone of agreement/);
    expect(await page.getByTestId('solutions-table').textContent()).toMatch(/Nash/);
    // Hover a frontier point: the tooltip says the outcome in words.
    const box = (await page.getByTestId('utility-plot').boundingBox())!;
    await page.getByTestId('utility-plot').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('plot-tooltip').textContent()).toMatch(/Ceasefire: \w/);
    expect(box.width).toBeGreaterThan(100);
    // Three or more parties: a pair selector.
    expect(await page.getByLabel('Vertical axis').count()).toBe(1);
    await page.screenshot({ path: artifactPath('analysis-ceasefire.png'), fullPage: true });
  });

  it('imports a GENIUS scenario by upload and analyses it', async () => {
    await tab('Library').click();
    const dir = join(SCENARIOS_DIR, 'genius', 'anac', 'y2011', 'Laptop');
    await page.getByTestId('import-files').setInputFiles(['laptop_domain.xml', 'laptop_buyer_utility.xml', 'laptop_seller_utility.xml'].map((f) => join(dir, f)));
    await expect.poll(() => page.getByTestId('import-message').textContent(), { timeout: 30_000 }).toMatch(/Imported .*genius/);
    await tab('Analysis').click();
    await page.getByTestId('frontier').waitFor();
    expect(await page.getByTestId('analysis-facts').textContent()).toMatch(/27 outcomes, analysed exactly/);
    await page.screenshot({ path: artifactPath('analysis-laptop.png'), fullPage: true });
  });

  it('runs a simulation and steps through it', async () => {
    await tab('Simulation').click();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.getByTestId('sim-outcome').waitFor();
    const last = await page.getByTestId('sim-step').textContent();
    const m = /Step (\d+) of (\d+)/.exec(last ?? '');
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBe(Number(m![2]));
    await page.getByRole('button', { name: 'First' }).click();
    expect(await page.getByTestId('sim-step').textContent()).toMatch(/^Step 1 of/);
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await page.getByTestId('sim-step').textContent()).toMatch(/^Step 2 of .*round/);
    expect(await page.getByTestId('sim-stats').textContent()).toMatch(/20 runs/);
    await page.screenshot({ path: artifactPath('simulation.png'), fullPage: true });
  });

  it('plays three rounds as a party, seeing only its own preferences', async () => {
    // The game runs on the server: collect what the browser receives from it.
    const playReplies: Promise<string>[] = [];
    const onResponse = (r: { url(): string; text(): Promise<string> }) => {
      if (/\/api\/play(\/|$)/.test(new URL(r.url()).pathname)) playReplies.push(r.text());
    };
    page.on('response', onResponse);
    await tab('Play').click();
    await page.getByLabel('Opponents play').selectOption('hardliner');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByTestId('play-turn').waitFor();
    const prefs = await page.getByTestId('my-preferences').textContent();
    expect(prefs).toMatch(/weight/);
    for (let round = 1; round <= 3; round++) {
      await page.getByRole('button', { name: 'Make offer' }).click();
      await expect.poll(async () => (await page.getByTestId('play-moves').locator('li').count()) >= round * 2).toBe(true);
    }
    const moves = await page.getByTestId('play-moves').locator('li').allTextContents();
    expect(moves.filter((m) => m.includes('you offered')).length).toBe(3);
    expect(moves.some((m) => /utility to you/.test(m))).toBe(true);
    page.off('response', onResponse);
    const bodies = await Promise.all(playReplies);
    expect(bodies.length).toBeGreaterThanOrEqual(4);
    // Only the player's own view: no party's preferences, and no one else's utilities.
    for (const b of bodies) expect(b).not.toMatch(/preferences|utilities|reservations/);
    await page.screenshot({ path: artifactPath('play.png'), fullPage: true });
  });

  it('shows the validation error of a bad weight as it is typed', async () => {
    await tab('Library').click();
    await page.getByRole('button', { name: /Open Russia.Ukraine ceasefire/i }).first().click();
    await tab('Editor').click();
    const weight = page.getByTestId('weights-table').locator('input').first();
    await weight.fill('-0.5');
    await expect.poll(() => page.getByTestId('diagnostics').textContent()).toMatch(/weight must not be negative/);
    expect(await page.locator('.field-error').first().textContent()).toMatch(/negative/);
    // Sources and assumptions stay listed (from the last version that read without errors).
    expect(await page.getByTestId('provenance').textContent()).toMatch(/Assumption:/);
    await page.screenshot({ path: artifactPath('editor-bad-weight.png'), fullPage: true });
    await weight.fill('abc');
    await expect.poll(() => page.getByTestId('diagnostics').textContent()).toMatch(/number/i);
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(() => page.getByTestId('diagnostics').textContent()).toBe('');
  });

  it('adds an issue with two options in the editor, and removes it', async () => {
    await tab('Library').click();
    await page.getByRole('button', { name: /Open Russia.Ukraine ceasefire/i }).first().click();
    await tab('Editor').click();
    const addIssueForm = page.getByRole('form', { name: 'Add an issue' });
    await addIssueForm.getByLabel('New issue').fill('sanctions');
    await addIssueForm.getByLabel('First option').fill('kept');
    await addIssueForm.getByRole('button', { name: 'Add issue' }).click();
    const addOptionForm = page.getByRole('form', { name: 'Add an option to sanctions' });
    await addOptionForm.getByLabel('New option of sanctions').fill('lifted');
    await addOptionForm.getByLabel('New option of sanctions').press('Enter');
    await expect.poll(() => page.getByLabel('Name of option 2 of sanctions').inputValue()).toBe('lifted');
    // Every party got weight 0 and value 0 for it: the scenario still reads without errors.
    expect(await page.getByTestId('weights-table').locator('thead').textContent()).toMatch(/sanctions/);
    expect(await page.getByLabel('Weight of sanctions for russia').inputValue()).toBe('0');
    expect(await page.getByLabel('Value of sanctions = lifted for ukraine').inputValue()).toBe('0');
    expect((await page.getByTestId('diagnostics').textContent()) ?? '').toBe('');
    expect(await page.getByLabel('Scenario YAML').inputValue()).toMatch(/- name: sanctions\n\s+options: \[ kept, lifted \]/);
    await page.screenshot({ path: artifactPath('editor-added-issue.png'), fullPage: true });
    await page.getByRole('button', { name: 'Remove issue sanctions' }).click();
    await expect.poll(() => page.getByTestId('issues-table').textContent()).not.toMatch(/sanctions/);
    expect(await page.getByTestId('weights-table').locator('thead').textContent()).not.toMatch(/sanctions/);
    expect(await page.getByLabel('Scenario YAML').inputValue()).not.toMatch(/sanctions:/);
    expect((await page.getByTestId('diagnostics').textContent()) ?? '').toBe('');
  });

  it('compares variants, shows sensitivity and answers the four questions', async () => {
    await tab('Library').click();
    await page.getByRole('button', { name: /Open Russia.Ukraine ceasefire/i }).first().click();
    await tab('What-if').click();
    await page.getByRole('button', { name: 'Compare and test sensitivity' }).click();
    await page.getByTestId('questions').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('questions').textContent()).toMatch(/territorial concessions/);
    expect(await page.getByTestId('variant-table').locator('tbody tr').count()).toBeGreaterThan(1);
    expect(await page.getByTestId('tornado').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('sensitivity-table').locator('tbody tr').count()).toBeGreaterThan(3);
    await page.screenshot({ path: artifactPath('what-if.png'), fullPage: true });
  });

  it('exports the HTML report', async () => {
    await tab('Library').click();
    await page.getByRole('button', { name: /Open Russia.Ukraine ceasefire/i }).first().click();
    await tab('Report').click();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: 'Export the HTML report' }).click()]);
    const path = artifactPath(download.suggestedFilename());
    await download.saveAs(path);
    const html = readFileSync(path, 'utf8');
    expect(html).toMatch(/<!doctype html>/i);
    expect(html).toMatch(/ceasefire/i);
    expect(html).toMatch(/<svg/);
    expect(pageErrors).toEqual([]);
  });
});
