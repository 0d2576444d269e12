// Benchmark of `analyze` (Node only): whole analysis, parsing included, against a bare odometer loop.
import { join } from 'node:path';
import { analyze } from '../src/engine/analysis/index.ts';
import { importScenario } from '../src/engine/formats/index.ts';
import { loadSourceFiles } from '../src/node/load-files.ts';
import { OutcomeSpace } from '../src/engine/model/outcome-space.ts';
import { weightedTables } from '../src/engine/model/utility-function.ts';
import type { Scenario } from '../src/engine/model/scenario.ts';
import { SCENARIOS_DIR } from '../src/testing/shared.ts';

const CASES = ['genius/anac/y2011/Energy', 'genius/other/AMPOvsCity'];

/**
 * The floor: sums each party's weighted tables over every outcome,
 * incrementally like an odometer (partial sums of the leading issues kept),
 * writing each party's utility into a Float64Array row. Returns a checksum.
 */
export function bareLoop(s: Scenario): number {
  const space = new OutcomeSpace(s.issues);
  const tables = s.parties.flatMap((p) => (p.preferences?.type === 'linear-additive' ? [weightedTables(space, p.preferences)] : []));
  const n = space.issueCount;
  const last = n - 1;
  const R = space.radices[last]!;
  const rows = Number(space.size) / R;
  const cur = new Int32Array(n);
  const pre = tables.map(() => new Float64Array(n));
  const out = tables.map(() => new Float64Array(R));
  let check = 0;
  const refresh = (from: number) => {
    tables.forEach((t, q) => {
      let acc = from > 0 ? pre[q]![from - 1]! : 0;
      for (let k = from; k < last; k++) pre[q]![k] = acc += t[k]![cur[k]!]!;
    });
  };
  refresh(0);
  for (let r = 0; r < rows; r++) {
    for (let q = 0; q < tables.length; q++) {
      const base = last > 0 ? pre[q]![last - 1]! : 0;
      const t = tables[q]![last]!;
      const o = out[q]!;
      for (let d = 0; d < R; d++) o[d] = base + t[d]!;
      check += o[R - 1]!;
    }
    let k = last - 1;
    while (k >= 0) {
      if (++cur[k]! < space.radices[k]!) break;
      cur[k] = 0;
      k--;
    }
    if (k >= 0) refresh(k);
  }
  return check;
}

/** Best time of `runs` runs after `warmup` unmeasured ones (both sides get the same treatment). */
function best(runs: number, f: () => void, warmup = 3): number {
  for (let i = 0; i < warmup; i++) f();
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

export function benchAnalysis(): void {
  console.log('analysis: whole analysis (load + parse + analyze) vs a bare odometer loop; best of 10 runs after 3 warm-up runs, one core');
  for (const c of CASES) {
    const folder = join(SCENARIOS_DIR, c);
    const scenario = importScenario(loadSourceFiles([folder]));
    const size = Number(new OutcomeSpace(scenario.issues).size);
    let checksum = 0;
    const bare = best(10, () => {
      checksum += bareLoop(scenario);
    });
    const parse = best(10, () => {
      importScenario(loadSourceFiles([folder]));
    });
    const whole = best(10, () => {
      analyze(importScenario(loadSourceFiles([folder])));
    });
    const ns = (ms: number) => ((ms * 1e6) / size).toFixed(1);
    console.log(
      `  ${c}: ${size.toLocaleString('en')} outcomes — bare loop ${bare.toFixed(1)} ms (${ns(bare)} ns/outcome); ` +
        `whole analysis ${whole.toFixed(1)} ms (${ns(whole)} ns/outcome; load + parse alone ${parse.toFixed(1)} ms); ratio ${(whole / bare).toFixed(2)}×` +
        (checksum === 0 ? ' ' : ''),
    );
  }
}
