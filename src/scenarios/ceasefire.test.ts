// Tests of the shipped ceasefire scenario (scenarios/ceasefire.yaml): the file, its what-if answers
// and its report. Case-specific, so they live outside src/engine (which names no party or option).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { importScenario } from '../engine/formats/index.ts';
import { readNative } from '../engine/formats/native/index.ts';
import { applyVariant } from '../engine/what-if/variant.ts';
import { OutcomeSpace } from '../engine/model/outcome-space.ts';
import type { Scenario } from '../engine/model/scenario.ts';
import { analyze } from '../engine/analysis/analyze.ts';
import { roundUtility } from '../engine/analysis/frontier-types.ts';
import {
  answerQuestions,
  BASE,
  baseParameters,
  buildOutcomeTable,
  compareRules,
  concessionAnalysis,
  countMask,
  headlineAnswers,
  mediatorTradeoff,
  rationalMask,
  scoreTable,
} from '../engine/what-if/index.ts';
import { collectReport, htmlReport } from '../engine/report/index.ts';
import { loadSourceFiles } from '../node/load-files.ts';
import { REPO_ROOT, SCENARIOS_DIR } from '../testing/shared.ts';

const CEASEFIRE = join(REPO_ROOT, 'scenarios/ceasefire.yaml');
const ceasefire = (): Scenario => importScenario(loadSourceFiles([CEASEFIRE]));

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

describe('the ceasefire scenario file', () => {
  const text = readFileSync(CEASEFIRE, 'utf8');
  const s = readNative(CEASEFIRE, text);
  const article = readFileSync(join(REPO_ROOT, '../shared/seed/ceasefire-article.txt'), 'utf8');

  it('has the parties and issues the article describes', () => {
    expect(s.parties.map((p) => [p.id, p.role])).toEqual([
      ['russia', 'negotiator'],
      ['ukraine', 'negotiator'],
      ['united-states', 'mediator'],
    ]);
    expect(s.issues.map((i) => i.name)).toEqual(['ceasefire', 'donetsk', 'luhansk', 'kherson', 'zaporizhzhia', 'crimea', 'zaporizhzhia-npp']);
    expect(new OutcomeSpace(s.issues).size).toBe(2187n);
  });

  it('quotes the article verbatim in every source', () => {
    const quotes: string[] = [];
    JSON.stringify(s, (k, v) => {
      if (k === 'quote') quotes.push(v as string);
      return v;
    });
    expect(quotes.length).toBeGreaterThan(20);
    for (const q of quotes) expect(article, `quote not in article: ${q}`).toContain(q);
  });

  it('marks every preference number as an assumption', () => {
    for (const p of s.parties) {
      const pr = p.preferences;
      if (!pr || pr.type !== 'linear-additive') continue;
      const covered = (i: number) => !!(pr.weightProvenance?.[i]?.assumption || pr.provenance?.assumption);
      s.issues.forEach((_, i) => expect(covered(i), `${p.id} weight ${i}`).toBe(true));
      if (p.role === 'negotiator') s.issues.forEach((_, i) => expect(pr.valueProvenance?.[i]?.assumption, `${p.id} values ${i}`).toBeTruthy());
      if (p.reservation) expect(p.reservation.provenance?.assumption, `${p.id} reservation`).toBeTruthy();
      for (const l of p.redLines ?? []) expect(l.provenance?.assumption).toBeTruthy();
    }
  });

  it('has variants for the article\'s questions, and each applies cleanly', () => {
    const deal = applyVariant(s, 'us-russia-deal');
    expect(deal.agreement).toMatchObject({ type: 'quorum', k: 2, voters: ['russia', 'united-states'] });
    const more = applyVariant(s, 'expanded-demands');
    expect(more.issues.map((i) => i.name)).toContain('further-territory');
    expect(new OutcomeSpace(more.issues).size).toBe(4374n);
    const concede = applyVariant(s, 'ukraine-concedes');
    expect(concede.parties.find((p) => p.id === 'ukraine')!.redLines).toEqual([]);
    expect(() => applyVariant(s, 'nope')).toThrow(/unknown variant "nope"/);
  });

  it('rejects variant patches with unknown fields', () => {
    const bad = { ...s, variants: [{ id: 'typo', patch: { parties: { russia: { reservaton: 0.5 } } } }] };
    expect(() => applyVariant(bad, 'typo')).toThrow(/unknown field "reservaton"/);
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

describe('the ceasefire report', () => {
  const data = collectReport(ceasefire(), { seed: 1, samples: 40, rounds: 100 });
  const html = htmlReport(data);

  it("marks Russia's reservation as an assumption and quotes the article", () => {
    expect(html).toMatch(/0\.450 \[assumption A\d+\]/);
    expect(html).toContain('a 30-day ceasefire proposal was introduced');
  });

  it('draws the figures of each question', () => {
    for (const id of ['q-concessions-rational', 'q-concessions-minimum-concession', 'q-balance-curve', 'q-balance-frontier', 'q-demands-nash']) expect(html).toContain(`id="fig-${id}"`);
    const rule = data.questions.find((x) => x.id === 'authority')!.details;
    expect(rule.type === 'rule' && 'comparison' in rule ? rule.comparison.rules.map((r) => r.id) : null).toEqual(['base', 'us-russia-deal']);
  });
});

describe('the engine is generic', () => {
  it('names none of the ceasefire scenario\'s parties, regions or the war in its code', () => {
    const names = /ukrain|russia|donetsk|luhansk|kherson|zaporizhzhia|crimea|ceasefire|putin|trump/i;
    const found: string[] = [];
    let files = 0;
    const walk = (dir: string) => {
      for (const e of readdirSync(dir)) {
        const full = join(dir, e);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.ts$/.test(e) && !/\.test\.ts$/.test(e)) {
          files++;
          readFileSync(full, 'utf8')
            .split('\n')
            .forEach((line, k) => {
              if (names.test(line)) found.push(`${full.slice(REPO_ROOT.length + 1)}:${k + 1}: ${line.trim()}`);
            });
        }
      }
    };
    walk(join(REPO_ROOT, 'src/engine'));
    expect(files).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });
});
