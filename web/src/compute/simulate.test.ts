import { negotiateSync, readNative } from 'parley';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../src/testing/shared.ts';
import { simulate, stat } from './simulate.ts';

const ceasefire = readNative('ceasefire.yaml', readFileSync(join(REPO_ROOT, 'scenarios', 'ceasefire.yaml'), 'utf8'));

describe('stat', () => {
  it('gives mean, sample standard deviation, min and max', () => {
    expect(stat([1, 2, 3, 4])).toEqual({ mean: 2.5, sd: Math.sqrt(5 / 3), min: 1, max: 4 });
    expect(stat([])).toEqual({ mean: 0, sd: 0, min: 0, max: 0 });
    expect(stat([7]).sd).toBe(0);
  });
});

describe('simulate', () => {
  it('repeats runs with consecutive seeds, traces the first, and matches the engine run for run', () => {
    const req = { protocol: 'saop' as const, agents: ['boulware'], rounds: 50, seed: 4, repeats: 3 };
    const s = simulate(ceasefire, req);
    expect(s.runs.map((r) => r.seed)).toEqual([4, 5, 6]);
    for (const r of s.runs) {
      const direct = negotiateSync(ceasefire, { agents: req.agents, protocol: req.protocol, rounds: req.rounds, seed: r.seed, turnTimeLimitMs: Infinity });
      expect(r.agreement).toEqual(direct.agreement);
      expect(r.utilities).toEqual(direct.utilities);
    }
    expect(s.stats.agreementRate).toBe(s.runs.filter((r) => r.agreement).length / 3);
    expect(s.trace.length).toBeGreaterThan(0);
    expect(s.trace.every((t) => t.kind === 'end' || (t.utilities && Object.keys(t.utilities).length >= 2))).toBe(true);
    expect(simulate(ceasefire, req)).toEqual(s);
  });
});
