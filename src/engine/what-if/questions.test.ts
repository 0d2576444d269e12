import { describe, expect, it } from 'vitest';
import { ScenarioError, type Diagnostic } from '../model/diagnostics.ts';
import { readNative, printNative } from '../formats/native/index.ts';
import { applyVariant } from './variant.ts';
import { analyze } from '../analysis/analyze.ts';
import { answerQuestions } from './questions.ts';
import { baseParameters, buildOutcomeTable, passingMask, scoreTable } from './outcome-table.ts';

// A generic three-party scenario written for this test: two negotiators and a mediator.
const TEXT = `parley: 1
name: supply contract
issues:
  - name: price
    options: [high, middle, low]
  - name: delivery
    options: [fast, slow]
  - name: warranty
    options: [long, short]
parties:
  - id: seller
    reservation: 0.3
    preferences:
      weights: {price: 0.6, delivery: 0.2, warranty: 0.2}
      values:
        price: {high: 1, middle: 0.5, low: 0}
        delivery: {fast: 0, slow: 1}
        warranty: {long: 0, short: 1}
  - id: buyer
    reservation: 0.3
    preferences:
      weights: {price: 0.5, delivery: 0.3, warranty: 0.2}
      values:
        price: {high: 0, middle: 0.6, low: 1}
        delivery: {fast: 1, slow: 0}
        warranty: {long: 1, short: 0}
  - id: broker
    role: mediator
    preferences:
      weights: {price: 0.2, delivery: 0.4, warranty: 0.4}
      values:
        price: {high: 0.5, middle: 1, low: 0.5}
        delivery: {fast: 1, slow: 0.5}
        warranty: {long: 0.5, short: 1}
variants:
  - id: seller-alone
    patch: {agreement: {rule: quorum, k: 1, voters: [seller], required: [seller]}}
  - id: cheap-seller
    patch: {parties: {seller: {reservation: 0.1}}}
questions:
  - id: keep-price
    type: concession
    text: Can the buyer keep the low price?
    party: buyer
    keep: low
    issues: [price]
  - id: broker
    type: mediator-tradeoff
    text: How does the broker weigh the buyer?
    mediator: broker
    protects: buyer
  - id: cheaper
    type: variant
    text: What if the seller needs less?
    variants: [cheap-seller]
  - id: alone
    type: rule
    text: What if the seller decides alone?
    variants: [seller-alone]
`;

function diagnostics(text: string): Diagnostic[] {
  try {
    readNative('q.yaml', text);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return [...(e as ScenarioError).diagnostics];
  }
  throw new Error('expected a ScenarioError');
}

describe('declared questions', () => {
  const s = readNative('q.yaml', TEXT);
  const answers = answerQuestions(s, { seed: 1, rounds: 50 });

  it('answers every declared question in order, with one sentence and its numbers', () => {
    expect(answers.map((a) => a.id)).toEqual(['keep-price', 'broker', 'cheaper', 'alone']);
    for (const a of answers) {
      expect('error' in a.details).toBe(false);
      expect(a.answer).toMatch(/^[A-Z].*\.$/);
      expect(a.answer.split(/\.\s+[A-Z]/).length).toBe(1); // one sentence
      expect(a.details.summary.length).toBeGreaterThan(0);
    }
  });

  it('concession: counts the passing deals that keep the option, by brute force', () => {
    const d = answers[0]!.details;
    if (d.type !== 'concession' || !('analysis' in d)) throw new Error('expected a concession answer');
    const table = buildOutcomeTable(s);
    const pass = passingMask(scoreTable(table, baseParameters(table)));
    let keeping = 0;
    for (let j = 0; j < table.rows; j++) if (pass[j] === 1 && table.digits[j * 3] === 2) keeping++;
    expect(d.passingKeepingAll).toBe(keeping);
    expect(answers[0]!.answer.startsWith(keeping > 0 ? 'Yes' : 'No')).toBe(true);
    expect(d.analysis.rational).toBe(analyze(s).rational.count);
  });

  it('mediator trade-off: a curve over λ from 0 to 1 for both objectives', () => {
    const d = answers[1]!.details;
    if (d.type !== 'mediator-tradeoff' || !('total' in d)) throw new Error('expected a trade-off answer');
    for (const t of [d.total, d.mediator!]) {
      expect(t.grid[0]!.lambda).toBe(0);
      expect(t.grid.at(-1)!.lambda).toBe(1);
      expect(t.segments[0]!.from).toBe(0);
      expect(t.segments.at(-1)!.to).toBe(1);
    }
  });

  it('variant and rule: agree with analysing the variant directly', () => {
    const v = answers[2]!.details;
    if (v.type !== 'variant' || !('comparison' in v)) throw new Error('expected a variant answer');
    expect(v.comparison.rows[1]!.rational).toBe(analyze(applyVariant(s, 'cheap-seller')).rational.count);
    const r = answers[3]!.details;
    if (r.type !== 'rule' || !('comparison' in r)) throw new Error('expected a rule answer');
    expect(r.comparison.rules[1]!.passing).toBe(analyze(applyVariant(s, 'seller-alone')).passing.count);
    expect(answers[3]!.answer).toContain(`${r.comparison.rules[1]!.passing} deals pass`);
  });

  it('answers one question by id, and rejects an unknown id', () => {
    expect(answerQuestions(s, { only: ['cheaper'] }).map((a) => a.id)).toEqual(['cheaper']);
    expect(() => answerQuestions(s, { only: ['nope'] })).toThrow(/unknown question "nope".*keep-price/);
  });

  it('answers the rest when one question cannot be answered (a scenario built in code)', () => {
    const broken = { ...s, questions: [{ id: 'ghost', type: 'concession' as const, text: 'Ghost?', party: 'nobody', keep: 'low' }, s.questions![2]!] };
    const [ghost, cheaper] = answerQuestions(broken, { seed: 1 });
    expect(ghost!.answer).toMatch(/could not be answered: unknown party "nobody"/);
    expect('error' in ghost!.details).toBe(true);
    expect('error' in cheaper!.details).toBe(false);
  });

  it('round-trips through the printer and survives variants', () => {
    expect(readNative('again.yaml', printNative(s, 'yaml')).questions).toEqual(s.questions);
    expect(applyVariant(s, 'seller-alone').questions).toEqual(s.questions);
  });

  it('rejects questions naming unknown parties, issues, options and variants, with their line', () => {
    const bad = TEXT.replace('party: buyer', 'party: bayer').replace('issues: [price]', 'issues: [prize]').replace('variants: [cheap-seller]', 'variants: [cheap]').replace('variants: [seller-alone]', 'variants: [cheap-seller]').replace('mediator: broker', 'mediator: seller');
    const d = diagnostics(bad);
    const msg = d.map((x) => `${x.line}: ${x.message}`).join('\n');
    expect(msg).toMatch(/unknown party "bayer"/);
    expect(msg).toMatch(/unknown issue "prize"/);
    expect(msg).toMatch(/unknown variant "cheap"/);
    expect(msg).toMatch(/variant "cheap-seller" does not change the agreement rule/);
    expect(msg).toMatch(/party "seller" is a negotiator; this question needs a mediator/);
    for (const x of d) expect(x.line).toBeGreaterThan(40);
    expect(diagnostics(TEXT.replace('keep: low', 'keep: free')).map((x) => x.message).join()).toMatch(/issue "price" has no option "free"/);
    expect(diagnostics(TEXT.replace('type: variant', 'type: wonder')).length).toBeGreaterThan(0);
    // Ids name figure files of the Markdown report: no path separators.
    expect(diagnostics(TEXT.replace('id: cheaper', 'id: ../cheaper')).map((x) => x.message).join()).toMatch(/a question id is letters, digits/);
  });
});
