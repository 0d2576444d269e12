// Benchmark of the workbench (numbers are printed, never asserted): the first useful paint after
// the server is up, and analysing ANAC 2011 Energy (390,625 outcomes) in the browser's engine worker.
// Uses Debian's Chromium (/usr/bin/chromium) headless; needs the shared scenarios.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../e2e/browser.ts';
import { loadSourceFiles } from '../src/node/load-files.ts';
import { startServer } from '../src/server/serve.ts';
import { ensureWebBuild } from '../src/server/web-build.ts';
import { SCENARIOS_DIR } from '../src/testing/shared.ts';

export interface WorkbenchNumbers {
  /** From the server being up to the app showing the ceasefire scenario's name (ms). */
  readonly firstUsefulPaintMs: number;
  /** From the server being up to the ceasefire frontier drawn (ms). */
  readonly ceasefirePlotMs: number;
  /** Energy: analysis + plot data in the worker, as the worker measures it (ms). */
  readonly energyWorkerMs: number;
  /** Energy: from opening it to its frontier drawn on the page (ms). */
  readonly energyOpenToPlotMs: number;
}

export async function benchWorkbench(runs = 3): Promise<WorkbenchNumbers[]> {
  await ensureWebBuild();
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const browser = await launchBrowser();
  const out: WorkbenchNumbers[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      const page = await browser.context.newPage();
      const server = await startServer({ port: 0, db: join(dir, `bench-${r}.db`), build: false });
      const up = performance.now();
      try {
        await page.goto(server.url);
        await page.getByTestId('current-scenario').filter({ hasText: /ceasefire/i }).waitFor();
        const paint = performance.now();
        await page.getByTestId('frontier-points').waitFor();
        const plot = performance.now();
        // Energy: import through the API (as an upload would), then open it in the app.
        const energy = join(SCENARIOS_DIR, 'genius', 'anac', 'y2011', 'Energy');
        const files = loadSourceFiles([energy]).map((f) => ({ path: f.path.slice(energy.length + 1), text: f.text }));
        const res = await fetch(new URL('api/scenarios/import', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ files }) });
        const { name } = (await res.json()) as { name: string };
        await page.reload();
        await page.getByTestId('frontier-points').waitFor();
        await page.getByRole('tab', { name: 'Library', exact: true }).click();
        const open = performance.now();
        await page.getByRole('button', { name: `Open ${name}`, exact: true }).click();
        await page.getByTestId('analysis-facts').filter({ hasText: /390,625 outcomes.* in \d+ ms/ }).waitFor({ timeout: 60_000 });
        await page.locator('[data-testid="frontier"], [data-testid="frontier-points"]').first().waitFor();
        const drawn = performance.now();
        const facts = (await page.getByTestId('analysis-facts').textContent()) ?? '';
        const workerMs = Number(/ in (\d+) ms/.exec(facts)?.[1] ?? NaN);
        out.push({ firstUsefulPaintMs: paint - up, ceasefirePlotMs: plot - up, energyWorkerMs: workerMs, energyOpenToPlotMs: drawn - open });
      } finally {
        await page.close();
        await server.close();
      }
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const f = (x: number) => `${x.toFixed(0)} ms`;
  console.log('\nworkbench (headless Chromium, Debian)');
  console.log('  run  first useful paint  ceasefire plot  Energy in worker  Energy open→plot');
  out.forEach((n, i) => console.log(`  ${i + 1}    ${f(n.firstUsefulPaintMs).padStart(17)}  ${f(n.ceasefirePlotMs).padStart(14)}  ${f(n.energyWorkerMs).padStart(16)}  ${f(n.energyOpenToPlotMs).padStart(16)}`));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchWorkbench();
