// Benchmark of the report's computations (`collectReport`: analysis, questions, sensitivity with
// Monte Carlo, rule comparison and simulations), against the bare odometer loop of bench/analysis.ts.
import { join } from 'node:path';
import { importScenario } from '../src/engine/formats/index.ts';
import { loadSourceFiles } from '../src/node/load-files.ts';
import { collectReport } from '../src/engine/report/report-data.ts';
import { REPO_ROOT, SCENARIOS_DIR } from '../src/testing/shared.ts';
import { bareLoop } from './analysis.ts';

const CASES: readonly { label: string; path: string; target: string }[] = [
  { label: 'ceasefire (scenarios/ceasefire.yaml)', path: join(REPO_ROOT, 'scenarios/ceasefire.yaml'), target: '< 2 s' },
  { label: 'genius/other/AMPOvsCity', path: join(SCENARIOS_DIR, 'genius/other/AMPOvsCity'), target: '< 30 s, exact' },
];

export function benchReport(): void {
  console.log('\n== report computations (collectReport, 300 Monte Carlo samples), one run each, against the bare loop');
  for (const c of CASES) {
    const s = importScenario(loadSourceFiles([c.path]));
    const t0 = performance.now();
    bareLoop(s);
    const bare = performance.now() - t0;
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    const r = collectReport(s, { seed: 1 });
    const ms = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    const exact = r.analysis.exact && r.sensitivity.exact && r.rules.rules.every((x) => x.exact);
    console.log(
      `${c.label}: ${(ms / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU, bare loop ${bare.toFixed(1)} ms (${(ms / Math.max(bare, 1e-3)).toFixed(0)}×); ` +
        `${exact ? 'exact' : 'NOT exact'} (sensitivity: ${r.sensitivity.method}); target ${c.target}`,
    );
  }
}
