// Benchmark of `analyze` (Node only): whole analysis, parsing included, against a bare odometer loop.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../src/engine/analysis/index.ts';
import { importScenario } from '../src/engine/formats/index.ts';
import { loadSourceFiles } from '../src/node/load-files.ts';
import { OutcomeSpace } from '../src/engine/model/outcome-space.ts';
import { weightedTables } from '../src/engine/model/utility-function.ts';
import type { Scenario } from '../src/engine/model/scenario.ts';
import { REPO_ROOT, SCENARIOS_DIR } from '../src/testing/shared.ts';

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

/** This process's CPU time (user + system) in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Per-call CPU time of f in ms: 5 rounds of k calls, k doubled until a round
 * lasts at least `roundMs` of CPU time (so that microsecond calls are timed
 * too); the best round, after `warmupMs` of warm-up calls (steady state: a
 * small case runs several times slower for its first few hundred calls, while
 * V8 optimises). CPU time rather than wall time: on a shared 2-core machine
 * another process's work stretches the wall time of both sides by different
 * amounts, not the CPU time they use (only single-threaded code is timed here).
 * Two processes on hyperthreads of one core still slow each other: compare
 * the ratios, and measure on an idle machine for the record.
 */
function perCall(f: () => void, roundMs = 20, warmupMs = 250): number {
  // warm-up: the optimising compiler settles only after some hundred calls of a small case
  const warm = cpuMs();
  while (cpuMs() - warm < warmupMs) f();
  // calibrate: k calls per round, doubled until a round lasts roundMs
  let k = 1;
  for (;;) {
    const t = cpuMs();
    for (let i = 0; i < k; i++) f();
    if (cpuMs() - t >= roundMs) break;
    k *= 2;
  }
  let min = Infinity;
  for (let r = 0; r < 5; r++) {
    const t = cpuMs();
    for (let i = 0; i < k; i++) f();
    min = Math.min(min, (cpuMs() - t) / k);
  }
  return min;
}

/** The three-party ANAC 2016 folders, walked. */
function anac2016(): string[] {
  const dir = join(SCENARIOS_DIR, 'genius/anac/y2016');
  return readdirSync(dir)
    .sort()
    .map((f) => `genius/anac/y2016/${f}`);
}

function fmt(ms: number): string {
  return ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

/**
 * n-party analysis (`analyze` on a parsed scenario, opposition included) against
 * the bare loop (which also builds each party's tables) in the same run; the
 * target ratio per case is printed beside it.
 */
export function benchNParty(): void {
  console.log('analysis, n parties: analyze() on the parsed scenario vs the bare loop, CPU time per call (best of 5 rounds of ≥ 20 ms CPU), one core');
  const cases: { label: string; scenario: Scenario; target: number }[] = [];
  for (const c of anac2016()) cases.push({ label: c, scenario: importScenario(loadSourceFiles([join(SCENARIOS_DIR, c)])), target: 10 });
  cases.push({ label: 'genius/other/Domain16', scenario: importScenario(loadSourceFiles([join(SCENARIOS_DIR, 'genius/other/Domain16')])), target: 30 });
  // Red lines: the ceasefire (its own), and parsCat with one red line added to its first party (the general streaming pass).
  cases.push({ label: 'scenarios/ceasefire.yaml (red lines)', scenario: importScenario(loadSourceFiles([join(REPO_ROOT, 'scenarios/ceasefire.yaml')])), target: NaN });
  const pc = importScenario(loadSourceFiles([join(SCENARIOS_DIR, 'genius/anac/y2016/parsCat')]));
  cases.push({
    label: 'genius/anac/y2016/parsCat + a red line',
    scenario: {
      ...pc,
      parties: pc.parties.map((p, i) => (i === 0 ? { ...p, redLines: [{ description: 'issue 1 at its first option with issue 2 at its second', conditions: [{ issue: 0, anyOf: [0] }, { issue: 1, anyOf: [1] }] }] } : p)),
    },
    target: NaN,
  });
  for (const { label, scenario, target } of cases) {
    const space = new OutcomeSpace(scenario.issues);
    const size = Number(space.size);
    let checksum = 0;
    const bare = perCall(() => {
      checksum += bareLoop(scenario);
    });
    let frontier = 0;
    let outcomes = 0;
    const whole = perCall(() => {
      const r = analyze(scenario);
      frontier = r.frontier.points.length;
      outcomes = r.frontier.outcomes;
    });
    const ratio = whole / bare;
    const verdict = Number.isNaN(target) ? '' : ratio <= target ? ` (target ≤ ${target}× ✓)` : ` (target ≤ ${target}× ✗)`;
    console.log(
      `  ${label}: ${size.toLocaleString('en')} outcomes, ${scenario.parties.length} parties, frontier ${frontier.toLocaleString('en')} points / ${outcomes.toLocaleString('en')} outcomes — ` +
        `bare loop ${fmt(bare)}; analyze ${fmt(whole)}; ratio ${ratio.toFixed(2)}×${verdict}` +
        (checksum === 0 ? ' ' : ''),
    );
  }
}

export function benchAnalysis(): void {
  benchTwoParty();
  benchNParty();
}

function benchTwoParty(): void {
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
