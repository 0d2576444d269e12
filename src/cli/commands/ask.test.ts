import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parley } from '../../testing/cli.ts';
import { SCENARIOS_DIR } from '../../testing/shared.ts';

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

describe('parley ask on a second, unrelated scenario', () => {
  it('answers the labour scenario\'s own questions', () => {
    const t = parley('ask', 'scenarios/labour.yaml', '--details');
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('job-guarantee: Can the union keep its demand for a three-year no-layoff guarantee?');
    const j = JSON.parse(parley('ask', 'scenarios/labour.yaml', '--json').stdout) as AskJson;
    expect(j.questions.map((q) => [q.id, q.details.type])).toEqual([
      ['job-guarantee', 'concession'],
      ['mediator-lean', 'mediator-tradeoff'],
      ['pensions', 'variant'],
      ['arbitration', 'rule'],
    ]);
    for (const q of j.questions) {
      expect(t.stdout).toContain(q.details.summary.split(' ').slice(0, 4).join(' '));
      expect(q.answer).toMatch(/\d/);
    }
  });

  it('says so when a scenario declares no questions', () => {
    const laptop = join(SCENARIOS_DIR, 'genius/anac/y2011/Laptop');
    const t = parley('ask', laptop);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('declares no questions');
    expect(JSON.parse(parley('ask', laptop, '--json').stdout)).toEqual({ questions: [] });
    expect(parley('ask', laptop, 'anything').code).toBe(2);
  });
});
