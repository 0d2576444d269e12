// Benchmark of the huge-space frontiers (Node only; numbers are printed, never asserted):
// the exact linear frontier of a seeded 10^12-outcome space, the local-search frontier of
// an ANAC 2014 domain, and a bare odometer loop over 10^7 outcomes of the same space, for scale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { linearFrontier2 } from '../src/engine/analysis/linear-frontier.ts';
import { constraintFrontier } from '../src/engine/analysis/constraint-frontier.ts';
import { compareWithReference, parseParetoReference } from '../src/engine/analysis/pareto-reference.ts';
import { geniusImporter } from '../src/engine/formats/genius/index.ts';
import { loadSourceFiles } from '../src/node/load-files.ts';
import { OutcomeSpace } from '../src/engine/model/outcome-space.ts';
import { compileUtility, type UtilityFunction } from '../src/engine/model/utility-function.ts';
import { createRng } from '../src/engine/util/rng.ts';
import { SCENARIOS_DIR } from '../src/testing/shared.ts';

const ISSUES = 12;
const OPTIONS = 10;
const SEED = 20240601;
const Y2014 = 'genius/anac/y2014/50issues';

/** A seeded random linear-additive space: weights and values uniform, weights normalised. `opposed`: B's values are 1 − A's. */
function randomLinear(opposed: boolean): { space: OutcomeSpace; a: UtilityFunction; b: UtilityFunction } {
  const rng = createRng(SEED);
  const space = new OutcomeSpace(
    Array.from({ length: ISSUES }, (_, i) => ({ type: 'categorical' as const, name: `i${i}`, options: Array.from({ length: OPTIONS }, (_, k) => ({ name: `o${k}` })) })),
  );
  const weights = () => {
    const w = Array.from({ length: ISSUES }, () => rng.float());
    const s = w.reduce((x, y) => x + y, 0);
    return w.map((x) => x / s);
  };
  const va = Array.from({ length: ISSUES }, () => Array.from({ length: OPTIONS }, () => rng.float()));
  const vb = opposed ? va.map((v) => v.map((x) => 1 - x)) : Array.from({ length: ISSUES }, () => Array.from({ length: OPTIONS }, () => rng.float()));
  const mk = (values: number[][]) => compileUtility(space, { type: 'linear-additive', weights: weights(), values: values.map((v) => ({ type: 'table' as const, values: v })) });
  return { space, a: mk(va), b: mk(vb) };
}

/** Bare odometer loop: both parties' utilities of `count` outcomes, partial sums of the leading issues kept. */
function bareLoop(space: OutcomeSpace, ufuns: UtilityFunction[], count: number): number {
  const n = space.issueCount;
  const tables = ufuns.map((u) => u.tables!);
  const cur = new Int32Array(n);
  const pre = tables.map(() => new Float64Array(n + 1));
  let check = 0;
  const refresh = (from: number) => {
    tables.forEach((t, q) => {
      for (let k = from; k < n - 1; k++) pre[q]![k + 1] = pre[q]![k]! + t[k]![cur[k]!]!;
    });
  };
  refresh(0);
  const R = space.radices[n - 1]!;
  for (let done = 0; done < count; done += R) {
    for (let q = 0; q < tables.length; q++) {
      const base = pre[q]![n - 1]!;
      const t = tables[q]![n - 1]!;
      for (let v = 0; v < R; v++) check += base + t[v]!;
    }
    let k = n - 2;
    while (k >= 0 && ++cur[k]! >= space.radices[k]!) cur[k--] = 0;
    refresh(Math.max(k, 0));
  }
  return check;
}

const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
};

export function benchFrontier(): void {
  console.log('\n== frontier benchmarks ==');
  for (const opposed of [false, true]) {
    const { space, a, b } = randomLinear(opposed);
    const [f, ms] = time(() => linearFrontier2(space, a, b));
    console.log(
      `linear frontier, ${ISSUES}×${OPTIONS} (${space.size} outcomes, seed ${SEED}${opposed ? ', opposed values' : ''}): ` +
        `${ms.toFixed(0)} ms, ${f.points.length} points, ${f.outcomes} outcomes on it, exact ${f.exact}`,
    );
  }
  const { space, a, b } = randomLinear(false);
  const N = 1e7;
  const [, bare] = time(() => bareLoop(space, [a, b], N));
  console.log(`bare odometer loop, 2 parties × ${N} outcomes of the same space: ${bare.toFixed(0)} ms (→ ~${((bare / N) * Number(space.size) / 3.6e6).toFixed(0)} h for all ${space.size})`);

  const dir = join(SCENARIOS_DIR, Y2014);
  const scenario = geniusImporter.read(loadSourceFiles([dir]));
  const parties = scenario.parties.filter((p) => p.preferences).sort((x, y) => x.id.localeCompare(y.id));
  const ys = new OutcomeSpace(scenario.issues);
  const ufuns = parties.map((p) => compileUtility(ys, p.preferences!));
  const [cf, cms] = time(() => constraintFrontier(ys, ufuns, { seed: 1, preferences: parties.map((p) => p.preferences) }));
  const ref = parseParetoReference({ path: 'pareto.xml', text: readFileSync(join(dir, 'pareto.xml'), 'utf8') });
  const c = compareWithReference(
    cf.points.map((p) => p.utilities),
    ref.points,
  );
  console.log(
    `constraint frontier, ${Y2014} (${ys.size} outcomes): ${cms.toFixed(0)} ms, ${cf.points.length} points; vs GENIUS pareto.xml (${c.referencePoints} points): ` +
      `covered ${(c.covered * 100).toFixed(0)}%, shortfall mean ${c.meanShortfall.toFixed(5)} max ${c.maxShortfall.toFixed(5)}, improved ${c.improved}`,
  );
}
