import { describe, expect, it } from 'vitest';
import { parley } from '../../testing/cli.ts';

interface AskJson {
  questions: { id: string; text: string; answer: string; details: { type: string; summary: string } }[];
}

describe('parley ask', () => {
  it('answers every declared question of the ceasefire scenario, as text and JSON', () => {
    const t = parley('ask', 'scenarios/ceasefire.yaml');
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('concessions: Will Ukraine agree to territorial concessions?');
    const j = JSON.parse(parley('ask', 'scenarios/ceasefire.yaml', '--json').stdout) as AskJson;
    expect(j.questions.map((q) => q.id)).toEqual(['concessions', 'balance', 'demands', 'authority']);
    expect(j.questions.map((q) => q.details.type)).toEqual(['concession', 'mediator-tradeoff', 'variant', 'rule']);
    for (const q of j.questions) {
      expect(Object.keys(q)).toEqual(['id', 'text', 'answer', 'details']);
      expect(q.answer).toMatch(/\d/);
      expect(t.stdout).toContain(q.text);
    }
  });

  it('answers one question by id; an unknown id is a usage error naming the questions', () => {
    const j = JSON.parse(parley('ask', 'scenarios/ceasefire.yaml', 'authority', '--json').stdout) as AskJson;
    expect(j.questions.map((q) => q.id)).toEqual(['authority']);
    const bad = parley('ask', 'scenarios/ceasefire.yaml', 'nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown question "nope"; the scenario\'s questions are: concessions, balance, demands, authority');
  });
});
