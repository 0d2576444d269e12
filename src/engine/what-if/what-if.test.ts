import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { importScenario } from '../formats/index.ts';
import { applyPatch, applyVariant } from '../formats/native/index.ts';
import { ScenarioError } from '../model/diagnostics.ts';
import { analyze } from '../analysis/analyze.ts';
import { loadSourceFiles } from '../../node/load-files.ts';
import { REPO_ROOT, SCENARIOS_DIR } from '../../testing/shared.ts';
import { scenarioArb } from '../../testing/random-scenario.ts';
import type { Scenario } from '../model/scenario.ts';
import { roundUtility } from '../analysis/frontier-types.ts';
import {
  BASE,
  baseParameters,
  buildOutcomeTable,
  compareRules,
  compareVariants,
  countMask,
  answerQuestions,
  headlineAnswers,
  mediatorTradeoff,
  passingMask,
  rationalMask,
  scoreTable,
  concessionAnalysis,
} from './index.ts';

const ceasefire = (): Scenario => importScenario(loadSourceFiles([join(REPO_ROOT, 'scenarios/ceasefire.yaml')]));

/** The table's counts and Nash deal agree with `analyze`. */
function expectSameAsAnalyze(s: Scenario) {
  const a = analyze(s);
  const table = buildOutcomeTable(s);
  const state = scoreTable(table, baseParameters(table));
  expect(countMask(rationalMask(state))).toBe(a.rational.count);
  expect(countMask(passingMask(state))).toBe(a.passing.count);
  const h = headlineAnswers(state);
  expect(h.agreement).toBe(a.rational.exists);
  expect(h.nash === null ? null : table.space.outcomeAt(h.nash)).toEqual(a.solutions.nash ? [...a.solutions.nash.outcome] : null);
}

describe('outcome table', () => {
  it('agrees with analyze on the ceasefire scenario and each variant', () => {
    const s = ceasefire();
    expectSameAsAnalyze(s);
    for (const v of s.variants ?? []) expectSameAsAnalyze(applyVariant(s, v.id));
  });

  it('agrees with analyze on random scenarios', () => {
    fc.assert(fc.property(scenarioArb(2), (s) => expectSameAsAnalyze(s)), { numRuns: 60, seed: 11 });
  });

  it('re-scores perturbed weights exactly as a recompiled scenario', () => {
    const s = ceasefire();
    const table = buildOutcomeTable(s);
    const base = baseParameters(table);
    const k = table.parties.findIndex((p) => p.id === 'ukraine');
    const w = Float64Array.from(base.weights[k]!);
    w[0] = 0.4;
    const state = scoreTable(table, { weights: base.weights.map((x, i) => (i === k ? w : x)), reservations: base.reservations });
    const patched = applyPatch(s, { parties: { ukraine: { preferences: { weights: { ceasefire: 0.4 } } } } });
    const ref = scoreTable(buildOutcomeTable(patched), baseParameters(buildOutcomeTable(patched)));
    for (let j = 0; j < table.rows; j += 97) expect(roundUtility(state.utilities[k]![j]!)).toBe(roundUtility(ref.utilities[k]![j]!));
  });
});

describe('variants for the what-if layer', () => {
  it('overrides apply and unknown keys are errors', () => {
    const s = ceasefire();
    const v = applyPatch(s, { parties: { ukraine: { reservation: 0.5 } } });
    expect(v.parties.find((p) => p.id === 'ukraine')!.reservation).toMatchObject({ value: 0.5 });
    expect(() => applyPatch(s, { parties: { ukraine: { reservaton: 0.5 } } })).toThrow(ScenarioError);
    expect(() => applyVariant(s, 'no-such-variant')).toThrow(/unknown variant/);
    expect(() => compareVariants(s, [BASE, 'no-such-variant'])).toThrow(ScenarioError);
  });

});

describe("the ceasefire scenario's declared questions", () => {
  const s = ceasefire();
  const answers = answerQuestions(s, { seed: 1, rounds: 100 });
  const details = <T extends string>(type: T) => {
    const d = answers.find((a) => a.details.type === type)!.details;
    if ('error' in d) throw new Error(d.error);
    return d as Extract<typeof d, { type: T }>;
  };
  const conc = details('concession');
  const bal = details('mediator-tradeoff');
  const q = {
    concessions: { answer: conc.analysis },
    balance: { answer: bal.total, ownPreferences: bal.mediator! },
    demands: { answer: details('variant').comparison },
    authority: { answer: details('rule').comparison },
  };

  it('1: concessions agree with a direct count', () => {
    const c = q.concessions.answer;
    const table = buildOutcomeTable(s);
    const state = scoreTable(table, baseParameters(table));
    const mask = rationalMask(state);
    expect(c.rational).toBe(countMask(mask));
    // Presence of every option, counted directly.
    const n = table.space.issueCount;
    for (const o of c.options) {
      const i = table.space.issueIndex(o.issue);
      const issue = table.space.issues[i]!;
      const pos = issue.type === 'categorical' ? issue.options.findIndex((x) => x.name === o.option) : -1;
      let count = 0;
      for (let j = 0; j < table.rows; j++) if (mask[j] === 1 && table.digits[j * n + i] === pos) count++;
      expect(o.rational).toBe(count);
    }
    // Options sorted by loss; "returned" costs nothing.
    for (let k = 1; k < c.options.length; k++) expect(c.options[k]!.loss).toBeGreaterThanOrEqual(c.options[k - 1]!.loss);
    expect(c.options.filter((o) => o.option === 'returned-to-ukraine').every((o) => o.loss === 0)).toBe(true);
    // The minimum is attained by a rational deal, and the sweep is monotone: a higher reservation never adds deals.
    expect(c.minimum).not.toBeNull();
    for (let k = 1; k < c.sweep.length; k++) expect(c.sweep[k]!.rational).toBeLessThanOrEqual(c.sweep[k - 1]!.rational);
    const atBase = c.sweep.find((p) => Math.abs(p.reservation - 0.35) < 1e-9)!;
    expect(atBase.rational).toBe(c.rational);
    expect(atBase.minimumLoss).toBe(c.minimum!.loss);
  });

  it('2: the exact envelope picks what brute force picks at every λ', () => {
    for (const t of [q.balance.answer, q.balance.ownPreferences]) {
      const table = buildOutcomeTable(s);
      const state = scoreTable(table, baseParameters(table));
      const ua = state.utilities[table.parties.findIndex((p) => p.id === 'ukraine')]!;
      const um = state.utilities[table.parties.findIndex((p) => p.id === 'united-states')]!;
      const ru = table.parties.findIndex((p) => p.id === 'russia');
      const ur = state.utilities[ru]!;
      const rRes = state.reservations[ru]!;
      for (const g of t.grid) {
        let best = -Infinity;
        for (let j = 0; j < table.rows; j++) {
          if (!(ur[j]! >= rRes)) continue;
          const v = t.objective === 'mediator' ? roundUtility(um[j]!) : roundUtility(ua[j]!) + roundUtility(ur[j]!);
          const f = g.lambda * roundUtility(ua[j]!) + (1 - g.lambda) * v;
          if (f > best) best = f;
        }
        const picked = g.lambda * g.utilities.ukraine! + (1 - g.lambda) * (t.objective === 'mediator' ? g.utilities['united-states']! : g.utilities.ukraine! + g.utilities.russia!);
        expect(picked).toBeCloseTo(best, 9);
      }
      // Segments tile [0, 1].
      expect(t.segments[0]!.from).toBe(0);
      expect(t.segments.at(-1)!.to).toBe(1);
      for (let k = 1; k < t.segments.length; k++) expect(t.segments[k]!.from).toBeCloseTo(t.segments[k - 1]!.to, 12);
      // Ukraine's utility never falls as λ rises.
      for (let k = 1; k < t.segments.length; k++) expect(t.segments[k]!.utilities.ukraine!).toBeGreaterThanOrEqual(t.segments[k - 1]!.utilities.ukraine!);
    }
  });

  it('3: demand variants side by side with the base', () => {
    const d = q.demands.answer;
    expect(d.rows.map((r) => r.id)).toEqual([BASE, 'expanded-demands', 'expanded-demands-refused']);
    const base = analyze(s);
    expect(d.rows[0]!.rational).toBe(base.rational.count);
    const exp = d.rows.find((r) => r.id === 'expanded-demands')!;
    const va = analyze(applyVariant(s, 'expanded-demands'));
    expect(exp.rational).toBe(va.rational.count);
    for (const p of d.parties) expect(exp.nashChange[p]).toBeCloseTo(va.solutions.nash!.utilities[p]! - base.solutions.nash!.utilities[p]!, 9);
  });

  it('4: the rules compared, with seeded simulations', () => {
    const rules = q.authority.answer.rules;
    expect(rules.map((r) => r.id)).toEqual([BASE, 'us-russia-deal']);
    const [base, usru] = rules as [(typeof rules)[0], (typeof rules)[0]];
    expect(base.passing).toBe(base.rational);
    expect(base.passingNotRational).toBe(0);
    expect(usru.voters).toEqual(['russia', 'united-states']);
    expect(usru.passing).toBe(analyze(applyVariant(s, 'us-russia-deal')).passing.count);
    // The best passing deal under the base rule is the Nash deal.
    expect(base.bestPassing!.outcomeIndex).toBe(headlineAnswers(scoreTable(buildOutcomeTable(s), baseParameters(buildOutcomeTable(s)))).nash);
    for (const r of rules) {
      expect(r.simulation).not.toBeNull();
      expect(r.simulation!.participants).toEqual(r.voters);
    }
    const again = compareRules(s, [BASE, 'us-russia-deal'], { seed: 1, rounds: 100 });
    expect(again.rules.map((r) => r.simulation)).toEqual(rules.map((r) => r.simulation));
  });

  it('are none for a scenario that declares none', () => {
    const laptop = importScenario(loadSourceFiles([join(SCENARIOS_DIR, 'genius/anac/y2011/Laptop')]));
    expect(answerQuestions(laptop)).toEqual([]);
  });

  it('concession analysis rejects unknown parties and issues', () => {
    expect(() => concessionAnalysis(s, { party: 'nobody', keep: 'returned-to-ukraine' })).toThrow(/unknown party/);
    expect(() => concessionAnalysis(s, { party: 'ukraine', keep: 'returned-to-ukraine', issues: ['nowhere'] })).toThrow(/unknown issue/);
    expect(() => mediatorTradeoff(s, { mediator: 'nobody', protected: 'ukraine' })).toThrow(/unknown party/);
  });
});
