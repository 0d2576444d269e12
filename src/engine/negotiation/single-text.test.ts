import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng.ts';
import { linearScenario, optionsIssue, randomScenario } from './fixtures.ts';
import { negotiateSync } from '../agents/negotiate.ts';
import { replay } from './replay.ts';
import { prepareScenario } from './negotiate.ts';

describe('single negotiation text', () => {
  const s = randomScenario(createRng(11), 4, 4, 5);

  it('hill-climbing only moves the text to outcomes every voter accepts, and the final text passes the rule', () => {
    const r = negotiateSync(s, { agents: ['hardliner'], protocol: 'single-text', rounds: 300, seed: 1 });
    const prep = prepareScenario(s);
    // Hardliners vote for improvements only, so each adopted text is a weak Pareto improvement.
    let prev: readonly number[] | undefined;
    for (const e of r.events) {
      if (e.type !== 'text') continue;
      if (prev && e.by === 'rule') for (const [, p] of prep.parties) expect(p.evaluator.ufun!.utility(e.outcome)).toBeGreaterThanOrEqual(p.evaluator.ufun!.utility(prev));
      prev = e.outcome;
    }
    expect(r.events.filter((e) => e.type === 'text' && e.by === 'rule').length).toBeGreaterThan(0);
    expect(replay(s, r.events).ok).toBe(true);
    if (r.agreement) for (const id of r.acceptedBy) expect(prep.parties.get(id)!.evaluator.acceptable(r.agreement)).toBe(true);
  });

  it('reaches a Pareto-improving agreement from a poor initial text', () => {
    const issues = [optionsIssue('a', 3), optionsIssue('b', 3)];
    const t = linearScenario('trade', issues, [
      { id: 'x', weights: [0.8, 0.2], values: [[0, 0.5, 1], [1, 0.5, 0]], reservation: 0.5 },
      { id: 'y', weights: [0.2, 0.8], values: [[1, 0.5, 0], [0, 0.5, 1]], reservation: 0.5 },
    ]);
    const r = negotiateSync(t, { agents: ['hardliner'], protocol: 'single-text', rounds: 200, seed: 3, initialText: [0, 0] });
    expect(r.agreement).toEqual([2, 2]);
    expect(r.utilities).toEqual({ x: 0.8, y: 0.8 });
  });

  it('uses a scenario mediator with preferences, and the neutral one otherwise', () => {
    const withMediator = randomScenario(createRng(5), 3, 3, 4);
    const med = { ...withMediator.parties[2]!, role: 'mediator' as const };
    const sc2 = { ...withMediator, parties: [withMediator.parties[0]!, withMediator.parties[1]!, med] };
    const r = negotiateSync(sc2, { agents: ['conceder'], protocol: 'single-text', rounds: 50 });
    expect(r.participants.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(r.events[0]).toMatchObject({ type: 'start', mediator: 'p3' });
    expect(r.events.find((e) => e.type === 'propose')).toMatchObject({ party: 'p3' });
    expect(r.utilities.p3).toBeTypeOf('number');
    const n = negotiateSync(s, { agents: ['conceder'], protocol: 'single-text', rounds: 5 });
    expect(n.events[0]).toMatchObject({ mediator: 'mediator' });
  });

  it('the annealing mediator sometimes adopts rejected texts, deterministically per seed', () => {
    const a = negotiateSync(s, { agents: ['hardliner'], protocol: 'single-text', mediator: 'annealing', temperature: 3, rounds: 200, seed: 8 });
    const b = negotiateSync(s, { agents: ['hardliner'], protocol: 'single-text', mediator: 'annealing', temperature: 3, rounds: 200, seed: 8 });
    expect(a.events).toEqual(b.events);
    expect(a.events.some((e) => e.type === 'text' && e.by === 'annealing')).toBe(true);
    expect(replay(s, a.events).problems).toEqual([]);
  });

  it('a required party vetoes', () => {
    const rule = { type: 'quorum' as const, k: 1, required: ['p2'] };
    const r = negotiateSync({ ...s, agreement: rule }, { agents: ['hardliner'], protocol: 'single-text', rounds: 100, seed: 4 });
    for (const e of r.events) {
      if (e.type !== 'text' || e.by !== 'rule') continue;
      const votes = r.events.filter((v) => v.type === 'vote' && v.round === e.round && !v.final);
      expect(votes.find((v) => v.type === 'vote' && v.party === 'p2')).toMatchObject({ accept: true });
    }
  });
});
