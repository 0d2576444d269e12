// The ANAC finals as parley tournaments: each year's configuration file holds the finalists in published order and
// every domain of the year in ../shared; a small slice of the 2011 final runs and is scored as a tournament.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spearman } from '../src/engine/analysis/correlation.ts';
import { loadTournament } from '../src/tournament/load-config.ts';
import { foldersWithFiles, REPO_ROOT, SCENARIOS_DIR } from '../src/testing/shared.ts';
import { FINALS, playFinal } from './anac-finals.ts';

describe('the ANAC finals as tournaments', () => {
  for (const cfg of FINALS)
    it(`${cfg.year}: the configuration lists the finalists in published order and every domain of the year`, async () => {
      const { spec } = await loadTournament(join(REPO_ROOT, cfg.config), {}, { cwd: REPO_ROOT, });
      expect(spec.agents.map((a) => a.label)).toEqual(cfg.finalists.map((f) => f.name));
      const domains = foldersWithFiles(join(SCENARIOS_DIR, cfg.folder), /\.xml$/i);
      expect(spec.scenarios).toHaveLength(domains.length);
      expect(spec.selfPlay).toBe(cfg.year === 2012);
      expect(spec.rounds).toBe(1000);
      // Published ranks never decrease down the list.
      const published = cfg.finalists.map((f) => f.rank);
      expect([...published].sort((a, b) => a - b)).toEqual(published);
    }, 120_000);

  it('plays a slice of the 2011 final (3 finalists, 2 domains, 100 rounds) as a tournament and scores it', async () => {
    const r = await playFinal(FINALS.find((f) => f.year === 2011)!, { agents: 3, domains: 2, rounds: 100, repetitions: 1 });
    expect(r.domains).toBe(2);
    expect(r.negotiations).toBe(3 * 2 * 2); // ordered pairs × domains
    expect(r.agents.map((a) => a.name)).toEqual(['HardHeaded', 'Gahboninho', 'IAMhaggler2011']);
    expect(r.agents.map((a) => a.published)).toEqual([0.749, 0.74, null]);
    for (const a of r.agents) {
      const ranked = r.summary.ranking.find((x) => x.agent === a.name)!;
      expect(a.score).toBe(ranked.meanUtility);
      expect(a.rank).toBe(ranked.rank);
      expect(a.score).toBeGreaterThanOrEqual(0);
      expect(a.score).toBeLessThanOrEqual(1);
    }
    expect(r.spearman).toBeCloseTo(spearman(r.agents.map((a) => a.score), r.agents.map((a) => -a.publishedRank)), 12);
    // The same slice again gives the same scores (seeded).
    const again = await playFinal(FINALS.find((f) => f.year === 2011)!, { agents: 3, domains: 2, rounds: 100, repetitions: 1 });
    expect(again.agents).toEqual(r.agents);
  }, 180_000);
});
