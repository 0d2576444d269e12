import type { OutcomeSpace } from '../model/outcome-space.ts';
import type { UtilityFunction } from '../model/utility-function.ts';
import { createRng } from '../util/rng.ts';

export interface SamplingOptions {
  readonly seed: number;
  /** Uniform samples (default 100,000). */
  readonly samples?: number;
  /** Weighted-sum directions for local search (default 64). */
  readonly directions?: number;
  /** Step limit per local search (default 200). */
  readonly maxSteps?: number;
}

/**
 * Candidate outcomes for a space too large to enumerate, with no exact or
 * dedicated method: uniform seeded samples, then for several weight vectors
 * (each party alone, equal weights, then random ones) a hill climb on the
 * weighted sum of utilities from the best sample, changing one issue at a
 * time, keeping every outcome it visits. Approximate: the frontier of the
 * candidates lies on or inside the true one.
 */
export function sampleCandidates(space: OutcomeSpace, ufuns: readonly UtilityFunction[], options: SamplingOptions): number[][] {
  const rng = createRng(options.seed);
  const m = ufuns.length;
  const n = space.issueCount;
  const samples = options.samples ?? 100_000;
  const out: number[][] = [];
  const utils: number[][] = [];
  const evalAll = (o: readonly number[]) => ufuns.map((f) => f.utility(o));
  for (let k = 0; k < samples; k++) {
    const o = space.sample(rng);
    out.push(o);
    utils.push(evalAll(o));
  }
  const dirs: number[][] = [];
  for (let i = 0; i < m; i++) dirs.push(Array.from({ length: m }, (_, j) => (i === j ? 1 : 1e-6)));
  dirs.push(new Array<number>(m).fill(1));
  const count = options.directions ?? 64;
  while (dirs.length < count) dirs.push(Array.from({ length: m }, () => rng.float() + 1e-6));
  const maxSteps = options.maxSteps ?? 200;
  for (const w of dirs) {
    const score = (u: readonly number[]) => u.reduce((s, x, i) => s + x * w[i]!, 0);
    let bestK = 0;
    for (let k = 1; k < utils.length; k++) if (score(utils[k]!) > score(utils[bestK]!)) bestK = k;
    let cur = out[bestK] ? [...out[bestK]!] : space.outcomeAt(0);
    let curScore = score(evalAll(cur));
    for (let step = 0; step < maxSteps; step++) {
      let best: number[] | undefined;
      let bestScore = curScore;
      for (let i = 0; i < n; i++) {
        const r = space.radices[i]!;
        // large issues: try a bounded random subset of values plus the neighbours
        const tries = r <= 64 ? Array.from({ length: r }, (_, v) => v) : [cur[i]! - 1, cur[i]! + 1, ...Array.from({ length: 32 }, () => rng.int(0, r - 1))];
        for (const v of tries) {
          if (v < 0 || v >= r || v === cur[i]) continue;
          const o = [...cur];
          o[i] = v;
          const s = score(evalAll(o));
          if (s > bestScore) {
            bestScore = s;
            best = o;
          }
        }
      }
      if (!best) break;
      cur = best;
      curScore = bestScore;
      out.push(cur);
    }
  }
  return out;
}
