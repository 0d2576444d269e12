// End to end, the views: Play's warning and debrief, no sideways scroll at 390 px, axe-core on
// every screen, and screenshots of every screen at 1440 and 390 px (test-artifacts/screens/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer } from '../src/server/serve.ts';
import { REPO_ROOT } from '../src/server/web-build.ts';
import { SCENARIOS_DIR } from '../src/testing/shared.ts';
import { artifactPath, openWorkbench, type Workbench } from './browser.ts';

let server: RunningServer;
let page: Page;
let workbench: Workbench | undefined;
const pageErrors: string[] = [];
const AXE = readFileSync(join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

beforeAll(async () => {
  workbench = await openWorkbench('views', { pageErrors });
  ({ server, page } = workbench);
}, 180_000);

afterAll(() => workbench?.close());

const tab = (name: string) => page.getByRole('tab', { name, exact: true });

async function openCeasefire(): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 1000 });
  // The app reopens the last scenario opened; the route names the ceasefire one.
  await page.goto(`${server.url}#/library?scenario=ceasefire`);
  await expect.poll(() => page.getByTestId('current-scenario').textContent()).toMatch(/ceasefire/i);
}

/** Fills each screen with something to look at: a simulation run, a game played to its end. */
async function prepare(screen: string): Promise<void> {
  await tab(screen).click();
  if (screen === 'Analysis') await page.getByTestId('solutions-table').waitFor();
  if (screen === 'What-if' && (await page.getByTestId('tornado').count()) === 0) {
    await page.getByRole('button', { name: /Compare/ }).click();
    await page.getByTestId('tornado').first().waitFor({ timeout: 120_000 });
  }
  if (screen === 'Simulation' && (await page.getByTestId('sim-outcome').count()) === 0) {
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.getByTestId('sim-outcome').waitFor();
    // Each party's offers in its own colour with a legend; a utility-over-rounds chart per party.
    expect(await page.getByTestId('rounds-chart').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('utility-plot').locator('xpath=..').locator('.legend').textContent()).toMatch(/offers of Russia.*offers of Ukraine|offers of Ukraine.*offers of Russia/);
  }
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function axe(): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target })) }));
  });
}

describe('views in Chromium', () => {
  it('first run: the guide walks through the ceasefire scenario and the four questions; the glossary explains terms on hover', async () => {
    await openCeasefire();
    const guide = page.getByTestId('guide');
    await guide.waitFor();
    const titles: string[] = [];
    for (;;) {
      titles.push((await guide.getByRole('heading').textContent()) ?? '');
      const next = guide.getByRole('button', { name: 'Continue' });
      if ((await next.count()) === 0) break;
      await next.click();
    }
    expect(titles.length).toBe(8);
    expect(titles.filter((t) => t.includes('?')).length).toBe(4);
    expect(titles.join('\n')).toMatch(/territorial concessions/);
    // "Show me" opens the screen the step talks about.
    await guide.getByRole('button', { name: 'Go back' }).click();
    await guide.getByRole('button', { name: 'Show me' }).click();
    await expect.poll(() => tab('What-if').getAttribute('aria-selected')).toBe('true');
    await page.screenshot({ path: artifactPath('screens/guide-1440.png'), fullPage: true });
    await guide.getByRole('button', { name: 'Close the guide' }).click();
    expect(await page.getByTestId('guide').count()).toBe(0);
    // Remembered: not shown again after a reload, and the Guide button opens it again.
    await page.reload();
    await page.getByTestId('guide-open').waitFor();
    expect(await page.getByTestId('guide').count()).toBe(0);
    // Glossary: hovering a term shows its meaning.
    await tab('Analysis').click();
    const term = page.getByTestId('analysis-facts').getByTestId('glossary-term').first();
    await term.hover();
    const tip = term.getByRole('tooltip');
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toMatch(/cannot be improved/);
  }, 120_000);

  it('Simulation: strategies are explained where they are picked; a saved run is listed and opens', async () => {
    await openCeasefire();
    await tab('Simulation').click();
    expect(await page.getByTestId('strategy-help').first().textContent()).toMatch(/boulware.*concedes late/);
    await page.getByLabel('Strategy of Russia').selectOption('conceder');
    expect(await page.getByTestId('strategy-help').first().textContent()).toMatch(/conceder.*concedes early/);
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.getByTestId('sim-outcome').waitFor();
    const outcome = await page.getByTestId('sim-outcome').textContent();
    await page.getByRole('button', { name: 'Save run' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: /Saved as run/ }).count()).toBe(1);
    await page.reload();
    await tab('Simulation').click();
    const list = page.getByTestId('saved-runs');
    await list.waitFor();
    await list.locator('summary').click();
    expect(await list.textContent()).toMatch(/conceder vs boulware/);
    await list.getByRole('button', { name: /Open run/ }).first().click();
    await page.getByTestId('opened-run').waitFor();
    expect(await page.getByTestId('sim-outcome').textContent()).toBe(outcome);
    expect(await page.getByTestId('rounds-chart').count()).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('Play: shows my red lines, warns before accepting a deal below my reservation, and debriefs after the game', async () => {
    await openCeasefire();
    // The other side is revealed by the server's debrief route, asked only after the game.
    const debriefs: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/play\/[^/]+\/debrief$/.test(new URL(r.url()).pathname)) debriefs.push(r.url());
    });
    await tab('Play').click();
    // Ukraine's seat against hardliners: their offer on the table is below Ukraine's reservation.
    await page.getByLabel('Your seat').selectOption({ label: 'Ukraine' });
    await page.getByLabel('Opponents play').selectOption('hardliner');
    expect(await page.getByTestId('strategy-help').first().textContent()).toMatch(/hardliner/);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByTestId('play-turn').waitFor();
    expect(await page.getByTestId('my-reservation').textContent()).toMatch(/reservation value/);
    expect(await page.getByTestId('my-red-lines').textContent()).toMatch(/red line/);
    // Nothing of the other side before the end.
    expect(await page.getByTestId('debrief').count()).toBe(0);
    if ((await page.getByRole('button', { name: 'Accept the offer on the table' }).isDisabled())) {
      await page.getByRole('button', { name: 'Make offer' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Accept the offer on the table' }).isEnabled()).toBe(true);
    }
    await page.getByRole('button', { name: 'Accept the offer on the table' }).click();
    const warning = page.getByTestId('accept-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/less to you than your reservation value|red line/);
    await page.screenshot({ path: artifactPath('screens/play-warning-1440.png'), fullPage: true });
    // Keep negotiating closes the warning without accepting.
    await page.getByRole('button', { name: 'Keep negotiating' }).click();
    expect(await warning.count()).toBe(0);
    expect(await page.getByTestId('play-finished').count()).toBe(0);
    await page.getByRole('button', { name: 'Accept the offer on the table' }).click();
    expect(debriefs).toEqual([]);
    await page.getByRole('button', { name: 'Accept anyway' }).click();
    await page.getByTestId('play-finished').waitFor();
    const debrief = page.getByTestId('debrief');
    await debrief.waitFor();
    await page.getByTestId('debrief-verdict').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('debrief-verdict').textContent()).toMatch(/Pareto frontier/);
    expect(await page.getByTestId('debrief-utilities').textContent()).toMatch(/Nash/);
    expect(await page.getByTestId('debrief-prefs-russia').textContent()).toMatch(/weight/);
    expect(debriefs.length).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: artifactPath('screens/play-debrief-1440.png'), fullPage: true });
  }, 120_000);

  it('Analysis: solutions on the same spot are one marker labelled together (GENIUS Laptop: Nash = Utilitarian, KS = Egalitarian)', async () => {
    await openCeasefire();
    await tab('Library').click();
    const dir = join(SCENARIOS_DIR, 'genius', 'anac', 'y2011', 'Laptop');
    await page.getByTestId('import-files').setInputFiles(['laptop_domain.xml', 'laptop_buyer_utility.xml', 'laptop_seller_utility.xml'].map((f) => join(dir, f)));
    await expect.poll(() => page.getByTestId('import-message').textContent()).toMatch(/Imported/);
    await tab('Analysis').click();
    await page.getByTestId('frontier').waitFor();
    const labels = await page.getByTestId('solution-marker').evaluateAll((els) => els.map((e) => e.getAttribute('data-label')));
    expect(labels.sort()).toEqual(['KS = Egalitarian', 'Nash = Utilitarian']);
    expect(await page.locator('.legend').textContent()).toMatch(/Nash = Utilitarian \(the same deal\)/);
    // The keyboard reaches each joint marker by its joint name (not "frontier").
    await page.getByTestId('utility-plot').focus();
    const seen: string[] = [];
    for (let k = 0; k < 40; k++) {
      await page.keyboard.press('ArrowLeft');
      seen.push((await page.getByTestId('plot-tooltip').textContent()) ?? '');
    }
    expect(seen.some((t) => t.startsWith('Nash = Utilitarian:'))).toBe(true);
    expect(seen.some((t) => t.startsWith('Kalai–Smorodinsky = Egalitarian:'))).toBe(true);
    await page.screenshot({ path: artifactPath('screens/analysis-laptop-coinciding-1440.png'), fullPage: true });
  }, 120_000);

  it('every screen at 1440 and 390 px: no sideways scroll at 390, no serious or critical axe violation, screenshots', async () => {
    await openCeasefire();
    // Every screen of the tab list (new screens are covered as they are added).
    const SCREENS = (await page.getByRole('tab').allTextContents()).map((t) => t.trim());
    expect(SCREENS.length).toBeGreaterThanOrEqual(7);
    const widths: Record<string, number> = {};
    const problems: string[] = [];
    for (const screen of SCREENS) {
      await page.setViewportSize({ width: 1440, height: 1000 });
      await prepare(screen);
      const slug = screen.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      await page.screenshot({ path: artifactPath(`screens/${slug}-1440.png`), fullPage: true });
      // Every chart has a <title> and a data table as its text alternative.
      const charts = await page.evaluate(() =>
        Array.from(document.querySelectorAll('main svg[role="img"]')).map((svg) => ({ title: svg.querySelector(':scope > title')?.textContent ?? '', table: !!svg.closest('figure')?.querySelector('details.data-table table, table') })),
      );
      for (const c of charts) if (!c.title || !c.table) problems.push(`${screen}: a chart without a title or a data table (${c.title})`);
      for (const v of await axe()) if (v.impact === 'serious' || v.impact === 'critical') problems.push(`${screen} @1440: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(100);
      widths[screen] = await page.evaluate(() => document.documentElement.scrollWidth);
      await page.screenshot({ path: artifactPath(`screens/${slug}-390.png`), fullPage: true });
      for (const v of await axe()) if (v.impact === 'serious' || v.impact === 'critical') problems.push(`${screen} @390: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
    console.log('scrollWidth at 390 px:', JSON.stringify(widths));
    // The focus ring: at least 3:1 against the page behind it (WCAG 2.4.11 / 1.4.11).
    await page.getByRole('tab', { name: 'Library', exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const lum = (rgb: number[]) => {
        const [r, g, b] = rgb.map((v) => {
          const x = v / 255;
          return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const cs = getComputedStyle(el);
      const fg = lum(parse(cs.outlineColor));
      const bg = lum(parse(getComputedStyle(document.documentElement).backgroundColor));
      return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth), contrast: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05) };
    });
    console.log('focus ring:', JSON.stringify(ring));
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    expect(ring.contrast).toBeGreaterThanOrEqual(3);
    expect(problems).toEqual([]);
    for (const screen of SCREENS) expect({ screen, width: widths[screen] }).toEqual({ screen, width: expect.toSatisfy((w: number) => w <= 390) });
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
