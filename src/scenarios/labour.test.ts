// Tests of the shipped labour scenario (scenarios/labour.yaml): a second, unrelated scenario whose
// own declared questions the engine answers, in the report as in `parley ask`.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importScenario } from '../engine/formats/index.ts';
import { analyze } from '../engine/analysis/analyze.ts';
import { applyVariant } from '../engine/what-if/variant.ts';
import { collectReport, escapeXml, htmlReport } from '../engine/report/index.ts';
import { loadSourceFiles } from '../node/load-files.ts';
import { REPO_ROOT } from '../testing/shared.ts';

describe('the labour scenario', () => {
  const scenario = importScenario(loadSourceFiles([join(REPO_ROOT, 'scenarios/labour.yaml')]));

  it('has three parties and quotes its (fictional) brief verbatim', () => {
    expect(scenario.parties.map((p) => p.role)).toEqual(['negotiator', 'negotiator', 'mediator']);
    const brief = readFileSync(join(REPO_ROOT, 'examples/sources/labour-brief.txt'), 'utf8').split('\n');
    for (const q of scenario.questions!)
      for (const s of q.provenance?.sources ?? []) {
        const line = Number(/line (\d+)/.exec(s.locator ?? '')?.[1]);
        expect(brief[line - 1]).toContain(s.quote);
      }
  });

  it('answers its declared questions in the report, agreeing with the analysis', () => {
    const data = collectReport(scenario, { seed: 1, samples: 10, rounds: 50 });
    expect(data.questions.map((q) => [q.id, q.details.type])).toEqual([
      ['job-guarantee', 'concession'],
      ['mediator-lean', 'mediator-tradeoff'],
      ['pensions', 'variant'],
      ['arbitration', 'rule'],
    ]);
    const html = htmlReport(data);
    for (const q of data.questions) {
      expect('error' in q.details).toBe(false);
      expect(html).toContain(escapeXml(q.answer));
    }
    const pensions = data.questions[2]!.details;
    if (pensions.type !== 'variant' || !('comparison' in pensions)) throw new Error('expected a variant answer');
    expect(pensions.comparison.rows[1]!.rational).toBe(analyze(applyVariant(scenario, 'pensions-on-table')).rational.count);
    const arbitration = data.questions[3]!.details;
    if (arbitration.type !== 'rule' || !('comparison' in arbitration)) throw new Error('expected a rule answer');
    expect(arbitration.comparison.rules[1]!.passing).toBe(analyze(applyVariant(scenario, 'binding-arbitration')).passing.count);
    expect(html).toContain('id="fig-q-mediator-lean-curve"');
  });
});
