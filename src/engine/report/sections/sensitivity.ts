import { ANSWER_KEYS, type AnswerKey } from '../../what-if/headline.ts';
import { figure, heading, paragraph, table, type Block } from '../blocks.ts';
import { tornadoChart } from '../svg.ts';
import { parameterLabel } from '../labels.ts';
import { f3, pct, type SectionContext } from './context.ts';

const ANSWER_NAMES: Record<AnswerKey, string> = {
  agreement: 'a zone of agreement exists',
  nash: 'the Nash deal',
  common: 'options common to every rational deal',
  option: 'the watched option is in every rational deal',
};

/** Sensitivity to the assumptions: one at a time (tornado) and all at once (Monte Carlo). */
export function sensitivitySection(ctx: SectionContext): Block[] {
  const { data } = ctx;
  const { analysis } = data;
  const b: Block[] = [];

  const s = data.sensitivity;
  b.push(heading(2, 'Sensitivity to the assumptions', 'sensitivity'));
  b.push(
    paragraph(
      `Each weight and reservation value moves by up to ±${(s.range * 100).toFixed(0)} % of its value as written: one at a time (the tornado table, with the exact point at which an answer changes), then all at once (${s.monteCarlo ? `${s.monteCarlo.samples} seeded random draws, seed ${s.monteCarlo.seed}` : 'skipped'}). Weights are not renormalised. Base answers: ${s.base.agreement ? 'a zone of agreement exists' : 'no zone of agreement'}; Nash deal ${s.base.nashDeal ?? 'none'}.`,
    ),
  );
  for (const n of s.notes) b.push(paragraph(`Note: ${n}`, 'note'));
  if (s.monteCarlo) {
    const mc = s.monteCarlo;
    b.push(
      table(
        ['answer', 'changed in'],
        ANSWER_KEYS.filter((k) => k !== 'option' || s.option).map((k) => [ANSWER_NAMES[k], pct(mc.changed[k])]),
        'All assumptions at once: how often each answer differs from the base',
      ),
    );
    b.push(table(['Nash deal', 'share of draws'], mc.nashDeals.map((x) => [x.deal, pct(x.share)]), 'Nash deals met in the draws'));
    b.push(
      table(
        ['party', 'mean utility at Nash', '5th percentile', '95th percentile'],
        Object.entries(mc.nashUtility).map(([id, v]) => [id, f3(v.mean), f3(v.p05), f3(v.p95)]),
      ),
    );
  }
  const flipCell = (f: { delta: number; value: number } | null) => (f ? `${f.delta >= 0 ? '+' : ''}${(f.delta * 100).toFixed(2)} % (→ ${f3(f.value)})` : '—');
  const keys = ANSWER_KEYS.filter((k) => k !== 'option' || s.option);
  b.push(
    table(
      ['assumption', 'as written', 'range', ...keys.flatMap((k) => [`${ANSWER_NAMES[k]}: flips down at`, `flips up at`]), 'swing of Nash utilities'],
      s.tornado.map((r) => [
        r.parameter.id,
        f3(r.parameter.base),
        `${f3(r.low.value)} … ${f3(r.high.value)}`,
        ...keys.flatMap((k) => [flipCell(r.flips[k].down), flipCell(r.flips[k].up)]),
        f3(r.swing),
      ]),
      'One assumption at a time (tornado table, most influential first)',
    ),
  );
  b.push(
    table(
      ['answer', 'single assumptions that change it (nearest first)'],
      keys.map((k) => [ANSWER_NAMES[k], s.flippedBy[k].slice(0, 8).map((x) => `${x.parameter} at ${x.delta >= 0 ? '+' : ''}${(x.delta * 100).toFixed(2)} % → ${x.becomes}`).join('; ') || `none within ±${(s.range * 100).toFixed(0)} %`]),
      'Which single assumption flips each answer',
    ),
  );
  const partyName = (id: string) => data.scenario.parties.find((x) => x.id === id)?.name ?? id;
  const defining = analysis.parties.filter((p) => p.defines).slice(0, 2);
  for (const p of defining) {
    const baseU = s.base.nashUtilities[p.id];
    if (baseU === undefined) continue;
    const rows = s.tornado
      .map((r) => ({ label: parameterLabel(r.parameter, partyName), low: r.low.answers.nashUtilities[p.id] ?? baseU, high: r.high.answers.nashUtilities[p.id] ?? baseU }))
      .sort((a, c) => Math.abs(c.high - c.low) - Math.abs(a.high - a.low))
      .slice(0, 15);
    b.push(
      figure(
        `tornado-${p.id}`,
        tornadoChart({ title: `Tornado: ${partyName(p.id)}'s utility at the Nash deal`, xLabel: `utility of ${partyName(p.id)} at the Nash deal`, base: baseU, rows, lowLabel: `assumption −${(s.range * 100).toFixed(0)} %`, highLabel: `assumption +${(s.range * 100).toFixed(0)} %` }),
        `Each bar spans ${p.id}'s utility at the Nash deal with one assumption at −${(s.range * 100).toFixed(0)} % and at +${(s.range * 100).toFixed(0)} % (15 widest).`,
      ),
    );
  }

  return b;
}
