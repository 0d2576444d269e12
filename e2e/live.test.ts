// End to end: two people in two browser contexts and one built-in agent complete a three-party SAOP
// live session on the ceasefire scenario; the host's view shows the agreement.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server/serve.ts';
import { ensureWebBuild } from '../src/server/web-build.ts';
import { artifactPath, CHROMIUM, CHROMIUM_ARGS } from './browser.ts';

let server: RunningServer;
let browser: Browser;
let dataDir: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureWebBuild();
  dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-live-'));
  server = await startServer({ port: 0, db: join(dataDir, 'parley.db'), build: false });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function personPage(link: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.setDefaultTimeout(30_000);
  await page.goto(link);
  return page;
}

/** One step of a person who accepts whatever is on the table and otherwise offers their own best. */
async function play(page: Page): Promise<'done' | 'moved' | 'waiting'> {
  if ((await page.getByTestId('live-result').count()) > 0) return 'done';
  if ((await page.getByTestId('live-turn').count()) === 0) return 'waiting';
  // The other person plays at the same time: their move can end this turn (or the session) between
  // our look and our click, so a control that is gone means "look again", not a failure.
  try {
    const accept = page.getByTestId('live-accept');
    if (await accept.isEnabled({ timeout: 2_000 })) await accept.click({ timeout: 2_000 });
    else await page.getByTestId('live-offer').click({ timeout: 2_000 });
    return 'moved';
  } catch {
    return 'waiting';
  }
}

describe('live session in Chromium', () => {
  it('two people and a built-in agent reach an agreement; the host sees it', async () => {
    // The host creates the session in the workbench's Live tab: the United States joins as a third party.
    const workbench = await personPage(new URL('#/live?scenario=ceasefire', server.url).toString());
    await workbench.getByTestId('live-create').waitFor();
    await workbench.getByLabel('united-states').check();
    await workbench.getByLabel('Who plays united-states').selectOption('conceder');
    await workbench.getByRole('button', { name: 'Create the session' }).click();
    await workbench.getByTestId('live-links').waitFor();
    const links = workbench.getByTestId('live-links').locator('a');
    const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs).toHaveLength(3);
    const s = { host: { view: hrefs[0]! }, seats: { russia: { join: hrefs[1]! }, ukraine: { join: hrefs[2]! } } };
    expect(await workbench.getByTestId('live-links').textContent()).toMatch(/russia: join link.*ukraine: join link.*united-states: built-in agent/);
    const host = await personPage(s.host.view);
    const russia = await personPage(s.seats.russia!.join);
    const ukraine = await personPage(s.seats.ukraine!.join);
    // Each person sees their own profile, and only theirs.
    await expect.poll(() => russia.getByTestId('live-seat-name').textContent()).toBe('Russia');
    await expect.poll(() => ukraine.getByTestId('live-seat-name').textContent()).toBe('Ukraine');
    expect(await russia.getByTestId('live-profile').count()).toBe(1);
    await expect.poll(() => russia.getByTestId('live-status').textContent(), { timeout: 20_000 }).toBe('running');
    await russia.getByTestId('live-turn').waitFor();
    expect(await russia.getByTestId('live-time-left').textContent()).toMatch(/\d+ s/);
    await russia.screenshot({ path: artifactPath('live-seat.png'), fullPage: true });

    let done = 0;
    for (let i = 0; i < 200 && done < 2; i++) {
      const states = await Promise.all([play(russia), play(ukraine)]);
      done = states.filter((x) => x === 'done').length;
      if (!states.includes('moved')) await new Promise((r) => setTimeout(r, 200));
    }
    expect(done).toBe(2);
    expect(await russia.getByTestId('live-result').textContent()).toMatch(/Agreement: /);
    // The moves table shows each offer with the person's own utility.
    expect(await ukraine.getByTestId('live-moves-table').locator('tbody tr').count()).toBeGreaterThan(1);
    await expect.poll(() => host.getByTestId('live-host-agreement').textContent(), { timeout: 20_000 }).toMatch(/Agreement: /);
    expect(await host.getByTestId('live-host-plot').count()).toBe(1);
    await host.screenshot({ path: artifactPath('live-host.png'), fullPage: true });
    // The finished session opens in the Simulation screen: its trace replayed, as a simulated run is shown.
    const agreement = (await host.getByTestId('live-host-agreement').textContent()) ?? '';
    await host.getByTestId('live-open-simulation').click();
    await expect.poll(() => host.locator('[role="tab"][aria-selected="true"]').textContent(), { timeout: 20_000 }).toBe('Simulation');
    await expect.poll(() => host.getByTestId('opened-live').textContent(), { timeout: 20_000 }).toMatch(/finished live session .*Russia: human.*Ukraine: human.*replayed from its trace/);
    expect(await host.getByTestId('sim-outcome').textContent()).toMatch(/agreement in round \d+/);
    expect(agreement).toMatch(/Agreement: /);
    await host.screenshot({ path: artifactPath('live-in-simulation.png'), fullPage: true });
    // The workbench that created it lists it among the scenario's finished live sessions, and opens it there too.
    await workbench.goto(new URL('#/simulation?scenario=ceasefire', server.url).toString());
    await workbench.getByTestId('live-sessions').locator('summary').click();
    await workbench.getByTestId('live-sessions').getByRole('button', { name: 'Open in Simulation' }).click();
    await expect.poll(() => workbench.getByTestId('opened-live').textContent(), { timeout: 20_000 }).toMatch(/replayed from its trace/);
    expect(await workbench.getByTestId('opened-live').textContent()).not.toMatch(/does not replay cleanly/);
    expect(pageErrors).toEqual([]);
  });
});
