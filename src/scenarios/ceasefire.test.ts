// Tests of the shipped ceasefire scenario (scenarios/ceasefire.yaml): its declared questions keep
// the answers they had before questions became data. Case-specific, so it lives outside src/engine.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importScenario } from '../engine/formats/index.ts';
import { answerQuestions } from '../engine/what-if/questions.ts';
import { loadSourceFiles } from '../node/load-files.ts';
import { REPO_ROOT } from '../testing/shared.ts';

interface Before {
  readonly questions: Record<'concessions' | 'balance' | 'demands' | 'authority', { readonly answer: unknown; readonly ownPreferences?: unknown; readonly summary: string }>;
}

describe('the ceasefire scenario', () => {
  const scenario = importScenario(loadSourceFiles([join(REPO_ROOT, 'scenarios/ceasefire.yaml')]));
  // `parley report scenarios/ceasefire.yaml --json` on main before the change (seed 1, boulware, 200 rounds).
  const before = JSON.parse(readFileSync(join(REPO_ROOT, 'src/scenarios/ceasefire-questions-before.json'), 'utf8')) as Before;
  const answers = answerQuestions(scenario, { seed: 1, agent: 'boulware', rounds: 200 });
  const byId = Object.fromEntries(answers.map((a) => [a.id, JSON.parse(JSON.stringify(a.details)) as Record<string, unknown>]));

  it('declares the four questions of the seed article, quoting it', () => {
    expect(answers.map((a) => a.id)).toEqual(['concessions', 'balance', 'demands', 'authority']);
    const article = readFileSync(join(REPO_ROOT, '../shared/seed/ceasefire-article.txt'), 'utf8');
    for (const q of scenario.questions!) {
      expect(article).toContain(q.text);
      for (const s of q.provenance?.sources ?? []) expect(article).toContain(s.quote);
    }
  });

  it('answers them exactly as before questions became data', () => {
    const b = before.questions;
    expect(byId.concessions!.analysis).toEqual(b.concessions.answer);
    expect(byId.concessions!.summary).toBe(b.concessions.summary);
    expect(byId.balance!.total).toEqual(b.balance.answer);
    expect(byId.balance!.mediator).toEqual(b.balance.ownPreferences);
    expect(byId.balance!.summary).toBe(b.balance.summary);
    expect(byId.demands!.comparison).toEqual(b.demands.answer);
    expect(byId.demands!.summary).toBe(b.demands.summary);
    expect(byId.authority!.comparison).toEqual(b.authority.answer);
    expect(byId.authority!.summary).toBe(b.authority.summary);
  });
});
