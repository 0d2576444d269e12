// Multilateral runs on the shared scenarios, read in place (folders are walked, not listed).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleAccepts } from '../model/agreement-rule.ts';
import { importScenario } from '../formats/index.ts';
import { llmDeliberationImporter } from '../formats/llm-deliberation/index.ts';
import { loadSourceFiles } from '../../node/load-files.ts';
import { foldersWithFiles, SCENARIOS_DIR } from '../../testing/shared.ts';
import { prepareScenario, type NegotiationResult } from './negotiate.ts';
import { negotiateSync } from '../agents/negotiate.ts';
import { replay } from './replay.ts';
import type { Scenario } from '../model/scenario.ts';

function checkConsistent(s: Scenario, r: NegotiationResult) {
  expect(r.faults).toEqual([]);
  const rep = replay(s, r.events);
  expect(rep.problems).toEqual([]);
  expect(rep.result!.utilities).toEqual(r.utilities);
  if (!r.agreement) return;
  expect(ruleAccepts(r.rule, s.parties, (id) => r.acceptedBy.includes(id))).toBe(true);
  // Built-in agents accept only outcomes at or above their reservation value.
  const prep = prepareScenario(s);
  for (const id of r.acceptedBy) expect(prep.parties.get(id)!.evaluator.acceptable(r.agreement)).toBe(true);
}

describe('SAOP on the three-party ANAC 2016 scenarios', () => {
  const folders = foldersWithFiles(join(SCENARIOS_DIR, 'genius/anac/y2016'), /\.xml$/i);
  it('finds the scenarios', () => expect(folders.length).toBeGreaterThanOrEqual(10));
  let conceded = 0;
  for (const folder of folders) {
    it(folder.split(/[\\/]/).pop()!, () => {
      const s = importScenario(loadSourceFiles([folder]));
      const c = negotiateSync(s, { agents: ['conceder'], protocol: 'saop' });
      const b = negotiateSync(s, { agents: ['boulware'], protocol: 'saop' });
      const mixed = negotiateSync(s, { agents: ['micro', 'boulware:model=frequency', 'random'], seed: 7 });
      expect(c.participants).toHaveLength(3);
      expect(mixed.protocol).toBe('saop');
      for (const r of [c, b, mixed]) checkConsistent(s, r);
      if (c.agreement) {
        conceded++;
        expect(c.acceptedBy).toHaveLength(3);
        if (b.agreement) expect(c.rounds).toBeLessThan(b.rounds);
      }
    });
  }
  it('conceders agree on most of them', () => expect(conceded).toBeGreaterThanOrEqual(folders.length - 2));
});

describe('single text on the LLM-Deliberation games, with their pass rule', () => {
  const folders = foldersWithFiles(join(SCENARIOS_DIR, 'llm-deliberation'), /^config\.txt$/);
  it('finds the games', () => expect(folders.length).toBeGreaterThanOrEqual(1));
  for (const folder of folders) {
    it(folder.split(/[\\/]/).pop()!, () => {
      const s = llmDeliberationImporter.read(loadSourceFiles([folder]));
      const n = s.parties.length;
      expect(s.agreement).toMatchObject({ type: 'quorum', k: n - 1 });
      let agreements = 0;
      for (const agents of [['hardliner'], ['conceder'], ['boulware']])
        for (const mediator of ['hill-climbing', 'annealing'] as const) {
          const r = negotiateSync(s, { agents, protocol: 'single-text', mediator, seed: 1 });
          expect(r.participants).toHaveLength(n);
          checkConsistent(s, r);
          if (r.agreement) {
            agreements++;
            // p1 and p2 are among those that accept, and at least n − 1 meet their thresholds.
            if (s.agreement.type === 'quorum') for (const req of s.agreement.required) expect(r.acceptedBy).toContain(req);
            const prep = prepareScenario(s);
            const content = s.parties.filter((p) => prep.parties.get(p.id)!.evaluator.acceptable(r.agreement!)).length;
            expect(content).toBeGreaterThanOrEqual(n - 1);
          }
        }
      expect(agreements).toBeGreaterThan(0);
    });
  }
});
