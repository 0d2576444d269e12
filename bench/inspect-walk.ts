// Benchmark: read, detect, import and summarise (as `parley inspect` does) every shared scenario.
import { relative } from 'node:path';
import { importScenario } from '../src/engine/formats/index.ts';
import { loadSourceFiles } from '../src/node/load-files.ts';
import { summarizeScenario } from '../src/engine/model/summary.ts';
import { SCENARIOS_DIR, foldersWithFiles } from '../src/testing/shared.ts';

export function benchInspectWalk(): void {
  const folders = foldersWithFiles(SCENARIOS_DIR, /\.(xml|json|ya?ml)$|^config\.txt$/).filter((d) => !d.endsWith('scores_files'));
  const byFormat = new Map<string, number>();
  let parties = 0;
  let slowest = { ms: 0, dir: '' };
  const t0 = performance.now();
  for (const dir of folders) {
    const t = performance.now();
    const s = importScenario(loadSourceFiles([dir]));
    summarizeScenario(s);
    const ms = performance.now() - t;
    if (ms > slowest.ms) slowest = { ms, dir: relative(SCENARIOS_DIR, dir) };
    const f = s.origin?.format ?? '?';
    byFormat.set(f, (byFormat.get(f) ?? 0) + 1);
    parties += s.parties.length;
  }
  const total = performance.now() - t0;
  console.log('\n== inspect walk: every scenario under ../shared/scenarios (read + detect + import + summary)');
  console.log(`scenarios: ${folders.length} (${[...byFormat].map(([f, n]) => `${f} ${n}`).join(', ')}), parties: ${parties}`);
  console.log(`total: ${total.toFixed(0)} ms, mean ${(total / folders.length).toFixed(1)} ms per scenario, slowest ${slowest.dir} ${slowest.ms.toFixed(0)} ms`);
}
