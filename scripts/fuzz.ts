// The long fuzz run of docs/limits.md: `npx tsx scripts/fuzz.ts [CASES] [SEED]` imports CASES mutants
// (default 100,000) of the fuzz corpus (src/testing/fuzz.ts, the same generator as the test suite)
// and counts, instead of stopping at the first: crashes (an exception other than a ScenarioError, or
// a diagnostic without a place), hangs (a case over 10 s), and non-finite successes. Prints a summary
// and the first few defects of each kind; exit 1 when there is any.
import fc from 'fast-check';
import { caseFiles, caseSeed, fuzzCaseArb, judge, loadFuzzCorpus } from '../src/testing/fuzz.ts';

const cases = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 20261202);
const HANG_MS = 10_000;
const BATCH = 1000;

const t0 = performance.now();
const seeds = loadFuzzCorpus();
const count = { accepted: 0, refused: 0, crashes: 0, hangs: 0, nonFinite: 0 };
const shown = new Map<string, number>();
let slowest = { ms: 0, label: '' };
let peakRss = 0;
const times: number[] = [];
// Batches of BATCH cases, each from its own seed, so memory for the samples stays small.
for (let done = 0; done < cases; done += BATCH) {
  const batch = fc.sample(fuzzCaseArb, { numRuns: Math.min(BATCH, cases - done), seed: seed + done });
  for (const c of batch) {
    const files = caseFiles(seeds, c);
    const s = performance.now();
    const v = judge(files);
    const ms = performance.now() - s;
    times.push(ms);
    if (ms > slowest.ms) slowest = { ms, label: `${caseSeed(seeds, c).label} ${JSON.stringify(c.mutations)}` };
    if (ms > HANG_MS) count.hangs++;
    if (v.kind === 'defect') {
      const kind = v.problem.startsWith('non-finite') ? 'nonFinite' : 'crashes';
      count[kind]++;
      const key = `${kind}: ${v.problem.split('\n')[0]!.slice(0, 200)}`;
      if (!shown.has(key) && shown.size < 20) console.log(`${key}\n  case ${caseSeed(seeds, c).label} ${JSON.stringify(c)}\n  ${v.problem}`);
      shown.set(key, (shown.get(key) ?? 0) + 1);
    } else count[v.kind]++;
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if ((done / BATCH) % 10 === 9) console.error(`${done + BATCH} cases, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
console.log(
  JSON.stringify(
    {
      cases,
      seed,
      corpus: seeds.length,
      ...count,
      msPerCase: { median: q(0.5), p99: q(0.99), max: slowest.ms.toFixed(0) },
      slowest: slowest.label,
      peakRssMb: Math.round(peakRss / 1048576),
      seconds: Math.round((performance.now() - t0) / 1000),
    },
    null,
    2,
  ),
);
process.exit(count.crashes + count.hangs + count.nonFinite > 0 ? 1 : 0);
