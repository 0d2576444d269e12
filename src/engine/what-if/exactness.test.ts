import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { negotiateSync } from '../agents/negotiate.ts';
import { importScenario } from '../formats/index.ts';
import { loadSourceFiles } from '../../node/load-files.ts';
import { SCENARIOS_DIR } from '../../testing/shared.ts';
import { scenarioArb } from '../../testing/random-scenario.ts';
import { OutcomeSpace } from '../model/outcome-space.ts';
import { issueValueAt } from '../model/issue.ts';
import { compileParty } from '../model/party-evaluator.ts';
import { ruleQuorum, ruleRequired, ruleVoters } from '../model/agreement-rule.ts';
import type { Scenario } from '../model/scenario.ts';
import type { Party } from '../model/party.ts';
import { analyze } from '../analysis/analyze.ts';
import {
  BASE,
  baseParameters,
  buildOutcomeTable,
  compareRules,
  headlineAnswers,
  perturb,
  prunedHeadlineAnswers,
  scenarioWithParameters,
  scoreTable,
  sensitivity,
  sensitivityParameters,
  streamedHeadlineAnswers,
} from './index.ts';

const r10 = (u: number) => Math.round(u * 1e10) / 1e10;

/** Brute force over every outcome, written from the definitions in docs/analysis.md and docs/what-if.md (no streaming, no pruning). */
function oracle(s: Scenario) {
  const space = new OutcomeSpace(s.issues);
  const evs = s.parties.map((p) => compileParty(space, p));
  const voters = ruleVoters(s.agreement, s.parties).map((id) => s.parties.findIndex((p) => p.id === id));
  const required = ruleRequired(s.agreement, s.parties).map((id) => s.parties.findIndex((p) => p.id === id));
  const quorum = ruleQuorum(s.agreement, s.parties);
  const negotiators = s.parties.flatMap((p, i) => (p.role === 'negotiator' ? [i] : []));
  const defining = negotiators.filter((i) => evs[i]!.ufun);
  const dis = (i: number) => {
    const r = evs[i]!.reservationValue;
    return r === undefined || !Number.isFinite(r) ? 0 : r;
  };
  let rational = 0;
  let passing = 0;
  let passingNotRational = 0;
  let nash: { index: number; value: number } | null = null;
  let best: { index: number; counted: number; product: number } | null = null;
  const values: Set<number>[] = s.issues.map(() => new Set());
  for (let index = 0; index < Number(space.size); index++) {
    const o = space.outcomeAt(index);
    const acc = evs.map((e) => {
      if (e.crossesRedLine(o)) return false;
      const r = e.reservationValue;
      return !e.ufun || r === undefined || e.ufun.utility(o) >= r;
    });
    const u = evs.map((e) => (e.ufun ? r10(e.ufun.utility(o)) : 0));
    const isRational = negotiators.every((i) => acc[i]);
    const passes = voters.filter((i) => acc[i]).length >= quorum && required.every((i) => acc[i]);
    if (isRational) {
      rational++;
      o.forEach((v, i) => values[i]!.add(v));
      const value = defining.reduce((p, i) => p * Math.max(0, u[i]! - dis(i)), 1);
      if (!nash || value > nash.value) nash = { index, value };
    }
    if (passes) {
      passing++;
      if (!isRational) passingNotRational++;
      const counted = voters.filter((i) => acc[i] && evs[i]!.ufun);
      const product = counted.reduce((p, i) => p * Math.max(0, u[i]! - dis(i)), 1);
      if (!best || counted.length > best.counted || (counted.length === best.counted && product > best.product)) best = { index, counted: counted.length, product };
    }
  }
  const common = rational === 0 ? null : values.flatMap((set, i) => (set.size === 1 ? [`${s.issues[i]!.name}=${String(issueValueAt(s.issues[i]!, [...set][0]!))}`] : [])).sort();
  return { rational, passing, passingNotRational, nash: nash?.index ?? null, best: best?.index ?? null, common, space };
}

/** A random scenario with a random quorum rule (some parties required) and random red lines. */
const ruledScenarioArb = (parties: number) =>
  scenarioArb(parties).chain((s) =>
    fc
      .record({
        k: fc.integer({ min: 1, max: parties }),
        required: fc.subarray(s.parties.map((p) => p.id)),
        lines: fc.array(fc.tuple(fc.nat(parties - 1), fc.nat(s.issues.length - 1), fc.nat(3)), { maxLength: 2 }),
      })
      .map(({ k, required, lines }): Scenario => ({
        ...s,
        parties: s.parties.map((p, i): Party => {
          const mine = lines.filter(([q]) => q === i);
          if (mine.length === 0) return p;
          return { ...p, redLines: mine.map(([, issue, v]) => ({ description: `no ${v} on ${issue}`, conditions: [{ issue, from: v, to: v }] })) };
        }),
        agreement: { type: 'quorum', k, required },
      })),
  );

describe('best passing deal: the product counts only non-negative gains', () => {
  it('four negotiators, quorum 2, reservations 0.5: A (0.6 each) beats B (1, 1, 0, 0), as analyze’s Nash', () => {
    const gives = { a: [0.6, 0.6, 0.6, 0.6], b: [1, 1, 0, 0] };
    const s: Scenario = {
      name: 'quorum',
      issues: [{ type: 'categorical', name: 'deal', options: [{ name: 'A' }, { name: 'B' }] }],
      parties: [0, 1, 2, 3].map((k): Party => ({
        id: `n${k}`,
        name: `N${k}`,
        role: 'negotiator',
        preferences: { type: 'linear-additive', weights: [1], values: [{ type: 'table', values: [gives.a[k]!, gives.b[k]!] }] },
        reservation: { value: 0.5 },
      })),
      agreement: { type: 'quorum', k: 2, required: [] },
    };
    const r = compareRules(s, [BASE], { agent: '' }).rules[0]!;
    expect(r.passing).toBe(2);
    expect(r.bestPassing!.deal).toBe('deal=A');
    expect(analyze(s).solutions.nash!.outcome).toEqual([0]);
    expect(r.bestPassing!.outcomeIndex).toBe(0);
  });
});

describe('rule comparison equals a brute-force oracle', () => {
  it('on random spaces with random quorum rules and red lines', () => {
    fc.assert(
      fc.property(fc.oneof(ruledScenarioArb(2), ruledScenarioArb(3), ruledScenarioArb(4)), (s) => {
        const o = oracle(s);
        const r = compareRules(s, [BASE], { agent: '' }).rules[0]!;
        expect(r.exact).toBe(true);
        expect(r.examined).toBe(Number(o.space.size));
        expect(r.passing).toBe(o.passing);
        expect(r.rational).toBe(o.rational);
        expect(r.passingNotRational).toBe(o.passingNotRational);
        expect(r.bestPassing?.outcomeIndex ?? null).toBe(o.best);
      }),
      { numRuns: 150, seed: 23 },
    );
  });

  it('judges a simulated agreement by evaluating it (Laptop: every negotiator accepts the deal it agreed to)', () => {
    const dir = join(SCENARIOS_DIR, 'negmas-yaml/anac2019/Laptop');
    const s = importScenario(loadSourceFiles(readdirSync(dir).map((f) => join(dir, f))));
    const o = oracle(s);
    const r = compareRules(s, [BASE], { seed: 1 }).rules[0]!;
    expect(r.passing).toBe(o.passing);
    const run = negotiateSync(s, { agents: ['boulware'], seed: 1, rounds: 200 });
    expect(run.agreement).not.toBeNull();
    const space = new OutcomeSpace(s.issues);
    const evs = s.parties.filter((p) => p.role === 'negotiator').map((p) => compileParty(space, p));
    expect(evs.length).toBe(2);
    for (const e of evs) expect(r.simulation!.acceptedByNegotiator[e.party.id]).toBe(e.acceptable(run.agreement!));
    // The simulated agents accept only deals at least worth their reservation.
    expect(Object.values(r.simulation!.acceptedByNegotiator)).toEqual([true, true]);
  });
});

describe('what-if answers equal a brute-force oracle, also above the table limit', () => {
  const check = (s: Scenario, limit: number | undefined) => {
    const table = buildOutcomeTable(s, { limit, seed: 3 });
    const base = baseParameters(table);
    const params = [base, ...sensitivityParameters(table).slice(0, 3).map((p, i) => perturb(table, base, p, i % 2 ? 0.35 : -0.45))];
    for (const pr of params) {
      const o = oracle(scenarioWithParameters(table, pr));
      const h = table.exact ? headlineAnswers(scoreTable(table, pr)) : streamedHeadlineAnswers(table, pr);
      expect(h.agreement).toBe(o.rational > 0);
      expect(h.nash).toBe(o.nash);
      expect(h.common).toEqual(o.common);
    }
    const sens = sensitivity(s, { limit, samples: 0, seed: 3 });
    const o = oracle(s);
    expect(sens.exact).toBe(true);
    expect(sens.base.nash).toBe(o.nash);
    expect(sens.base.agreement).toBe(o.rational > 0);
  };
  it('the pruned pass (analysis fast paths) answers as the table does whenever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.oneof(scenarioArb(2, { linearOnly: true }), scenarioArb(3, { linearOnly: true })), (s) => {
        const table = buildOutcomeTable(s);
        const base = baseParameters(table);
        for (const pr of [base, ...sensitivityParameters(table).slice(0, 2).map((p) => perturb(table, base, p, -0.3))]) {
          const a = prunedHeadlineAnswers(table, pr);
          if (!a) continue;
          answered++;
          expect(a).toEqual(headlineAnswers(scoreTable(table, pr)));
        }
      }),
      { numRuns: 80, seed: 8 },
    );
    expect(answered).toBeGreaterThan(20);
  });

  it('with every outcome tabulated', () => {
    fc.assert(fc.property(scenarioArb(2), (s) => check(s, undefined)), { numRuns: 60, seed: 5 });
  });
  it('with the table limit below the space (answers streamed through the analysis)', () => {
    fc.assert(fc.property(fc.oneof(scenarioArb(2), scenarioArb(3)), (s) => check(s, 2)), { numRuns: 60, seed: 6 });
  });
});
