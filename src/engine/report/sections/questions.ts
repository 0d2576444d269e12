import type { TradeoffAnalysis } from '../../what-if/mediator-tradeoff.ts';
import type { ConcessionDetails, QuestionAnswer, RuleDetails, TradeoffDetails, VariantDetails } from '../../what-if/questions.ts';
import { BASE } from '../../what-if/compare.ts';
import { figure, heading, paragraph, quote, table, type Block } from '../blocks.ts';
import { barChart, plot, type Point } from '../svg.ts';
import { CHART } from '../chart-style.ts';
import { COLORS, f3, rec, type SectionContext } from './context.ts';

/**
 * The questions the scenario declares, each with its one-sentence answer
 * first, then the explanation, the numbers and the figures. Renders any
 * question of the four types; empty when the scenario declares none.
 */
export function questionsSection(ctx: SectionContext): Block[] {
  const { data } = ctx;
  const answers = data.questions;
  if (!answers.length) return [];
  const b: Block[] = [];
  b.push(heading(2, 'Questions', 'questions'));
  b.push(paragraph('The questions the scenario declares, each asked of this model; the answers hold for the stated assumptions only. `parley ask SCENARIO` prints them alone.', 'note'));
  answers.forEach((a, k) => {
    const q = data.scenario.questions?.find((x) => x.id === a.id);
    b.push(heading(3, `${k + 1}. ${a.text}`, `q-${a.id}`));
    for (const s of q?.provenance?.sources ?? []) b.push(quote(s.quote, citation(ctx, s.document, s.locator)));
    b.push(paragraph(a.answer, 'answer'));
    if (a.details.summary !== a.answer) b.push(paragraph(a.details.summary));
    if (q?.provenance?.assumption) b.push(paragraph(`Assumed: ${q.provenance.assumption}`, 'note'));
    b.push(...detailBlocks(ctx, a));
  });
  return b;
}

function citation(ctx: SectionContext, document: string | undefined, locator: string | undefined): string {
  const doc = ctx.data.scenario.documents?.find((d) => d.id === document);
  return [doc ? doc.title : document, locator].filter(Boolean).join(', ');
}

function detailBlocks(ctx: SectionContext, a: QuestionAnswer): Block[] {
  const d = a.details;
  if ('error' in d) return [];
  switch (d.type) {
    case 'concession':
      return concessionBlocks(a.id, d);
    case 'mediator-tradeoff':
      return tradeoffBlocks(ctx, a.id, d);
    case 'variant':
      return variantBlocks(a.id, d);
    case 'rule':
      return ruleBlocks(d);
  }
}

function concessionBlocks(id: string, d: ConcessionDetails): Block[] {
  const c = d.analysis;
  const b: Block[] = [];
  b.push(
    paragraph(
      `A concession is any option other than ${c.keep} on ${c.issues.join(', ')}; its size is the utility ${c.party} loses against ${c.keep} (weight × value difference, from its assumed preferences). ${c.rational} rational deals, of which ${c.pareto} are Pareto-efficient among the rational deals; ${d.passingKeepingAll} passing deals keep ${c.keep} on every one of these issues.`,
    ),
  );
  b.push(
    table(
      ['option', `${c.party}'s loss`, 'rational deals with it', 'in rational deals', 'in Pareto-efficient rational deals'],
      c.options.map((o) => [`${o.issue}=${o.option}`, f3(o.loss), String(o.rational), o.rationalPresence, o.paretoPresence]),
      'Options of the conceded issues, by the concession they mean (smallest first)',
    ),
  );
  b.push(
    table(
      [`${c.party} reservation`, 'rational deals', 'smallest concession', 'Nash deal', ...c.issues.map((i) => `${i}: options in rational deals`)],
      c.sweep.map((p) => [f3(p.reservation), String(p.rational), f3(p.minimumLoss), p.nash ? p.nash.deal : 'none', ...c.issues.map((i) => (p.options[i] ?? []).join(' | ') || '—')]),
      `Sweep of ${c.party}'s reservation value (every other assumption as written)`,
    ),
  );
  const xDomain: [number, number] = [c.sweep[0]?.reservation ?? 0, c.sweep.at(-1)?.reservation ?? 1];
  b.push(
    figure(
      `q-${id}-rational`,
      plot({
        title: `Rational deals as ${c.party}'s reservation moves`,
        xLabel: `${c.party}'s reservation value`,
        yLabel: 'number of rational deals',
        layers: [{ label: 'rational deals', points: c.sweep.map((p): Point => [p.reservation, p.rational]), kind: 'line', color: COLORS[0]! }],
        vLines: c.reservation !== null ? [{ x: c.reservation, label: 'as written', color: CHART.reservation }] : [],
        xDomain,
      }),
      `How many deals every negotiator accepts, for each reservation value of ${c.party}.`,
    ),
  );
  b.push(
    figure(
      `q-${id}-minimum-concession`,
      plot({
        title: `Smallest concession a rational deal requires of ${c.party}`,
        xLabel: `${c.party}'s reservation value`,
        yLabel: `utility ${c.party} concedes`,
        layers: [{ label: 'smallest concession (no point: no rational deal)', points: c.sweep.filter((p) => p.minimumLoss !== null).map((p): Point => [p.reservation, p.minimumLoss!]), kind: 'line', color: COLORS[1]! }],
        xDomain,
        yDomain: [0, Math.max(0.05, ...c.options.map((o) => o.loss))],
      }),
      `The least utility on the conceded issues that some rational deal asks of ${c.party}.`,
    ),
  );
  return b;
}

function tradeoffBlocks(ctx: SectionContext, id: string, d: TradeoffDetails): Block[] {
  const t0 = d.total;
  const p = t0.protected;
  const m = t0.mediator;
  const others = Object.keys(t0.segments[0]?.utilities ?? {}).filter((x) => x !== p && x !== m);
  const b: Block[] = [];
  b.push(
    paragraph(
      `Model: the mediator (${m}) proposes the deal that maximises λ·U(${p}) + (1 − λ)·V among the deals every other negotiator accepts. λ = 1 puts all weight on ${p}'s utility, λ = 0 on V. The λ intervals are exact (upper envelope of lines in λ).`,
    ),
  );
  const tradeoffTable = (t: TradeoffAnalysis, caption: string) =>
    table(
      ['λ from', 'λ to', ...Object.keys(t.segments[0]?.utilities ?? {}), `${t.protected} accepts`, 'passes the rule', 'deal'],
      t.segments.map((s) => [f3(s.from), f3(s.to), ...Object.values(s.utilities).map((u) => f3(u)), s.protectedAccepts ? 'yes' : 'no', s.passes ? 'yes' : 'no', s.deal]),
      caption,
    );
  b.push(tradeoffTable(t0, "V = the negotiators' total utility (a deal's overall value)"));
  if (d.mediator) b.push(tradeoffTable(d.mediator, `V = the mediator's own utility (its assumed preferences)`));
  const gridCurve = (t: TradeoffAnalysis, party: string) => t.grid.map((g): Point => [g.lambda, g.utilities[party] ?? 0]);
  const curveParties = [p, ...others, ...(t0.segments[0]?.utilities[m] !== undefined ? [m] : [])];
  b.push(
    figure(
      `q-${id}-curve`,
      plot({
        title: "The mediator's pick as λ moves (V = negotiators' total)",
        xLabel: `λ (weight on ${p}'s utility)`,
        yLabel: 'utility at the picked deal',
        xDomain: [0, 1],
        layers: curveParties.map((party, k) => ({ label: party, points: gridCurve(t0, party), kind: 'step' as const, color: COLORS[k % COLORS.length]! })),
        hLines: [{ y: ctx.data.summary.parties.find((x) => x.id === p)?.reservation ?? 0, label: `${p} reservation` }],
      }),
      'Utilities at the deal the mediator picks, for λ from 0 to 1 in steps of 0.05.',
    ),
  );
  const us = ctx.data.utilitySpace;
  if (us) {
    const path = (t: TradeoffAnalysis): Point[] => t.segments.map((s): Point => [s.utilities[us.x] ?? 0, s.utilities[us.y] ?? 0]);
    b.push(
      figure(
        `q-${id}-frontier`,
        plot({
          title: "The mediator's picks along the frontier",
          xLabel: `utility of ${us.x}`,
          yLabel: `utility of ${us.y}`,
          layers: [
            { label: 'deals', points: us.all.concat(us.rational), kind: 'dot', color: '#c8c8c8', radius: 1.5 },
            { label: 'Pareto frontier', points: us.frontier, kind: 'line', color: '#222' },
            { label: "picks, V = negotiators' total (λ intervals)", points: path(t0), kind: 'line', color: COLORS[0]! },
            { label: 'pick', points: path(t0), kind: 'dot', color: COLORS[0]!, radius: 4, labels: t0.segments.map((s) => `λ ${f3(s.from)}–${f3(s.to)}`) },
            ...(d.mediator ? [{ label: "picks, V = mediator's own utility", points: path(d.mediator), kind: 'dot' as const, color: COLORS[4]!, radius: 4 }] : []),
          ],
          vLines: us.reservations.x !== null ? [{ x: us.reservations.x, label: `${us.x} reservation`, color: CHART.reservation }] : [],
          hLines: us.reservations.y !== null ? [{ y: us.reservations.y, label: `${us.y} reservation`, color: CHART.reservation }] : [],
        }),
        'Each pick as a point in the negotiators’ utility space, labelled with its λ interval.',
      ),
    );
  }
  return b;
}

function variantBlocks(id: string, v: VariantDetails): Block[] {
  const d = v.comparison;
  return [
    paragraph(
      `Each variant below changes the scenario as its patch says; see the variant's own assumption in "Sources and assumptions". A variant that also re-weights the parties' preferences changes every utility, so part of the change comes from the re-weighting alone.`,
      'note',
    ),
    table(
      ['scenario', 'deals', 'rational', 'passing', ...d.parties.map((p) => `${p} at Nash`), ...d.parties.map((p) => `${p} change`), 'Nash deal'],
      d.rows.map((r) => [
        r.id,
        String(r.outcomes),
        String(r.rational ?? '?'),
        String(r.passing ?? '?'),
        ...d.parties.map((p) => f3(r.nash?.utilities[p])),
        ...d.parties.map((p) => (r.id === BASE ? '—' : f3(r.nashChange[p]))),
        r.nash ? rec(r.nash.outcome) : 'none',
      ]),
      'Base and variants side by side',
    ),
    figure(
      `q-${id}-nash`,
      barChart({
        title: 'Utility at the Nash deal, base and variants',
        yLabel: 'utility',
        series: d.parties,
        colors: COLORS,
        groups: d.rows.map((r) => ({ label: r.id, values: d.parties.map((p) => r.nash?.utilities[p] ?? null) })),
      }),
      'Each party’s utility at the Nash deal of each scenario (no bar: no rational deal).',
    ),
  ];
}

function ruleBlocks(d: RuleDetails): Block[] {
  return [
    paragraph(
      'The model cannot say what authority anyone has; it compares what each agreement rule would make reachable. "Best passing deal" maximises the Nash product over the rule\'s voters (their utility above their reservation, 0 when none is stated) among the deals the rule accepts. The simulated negotiations are under "Agreement rules and simulated negotiations".',
      'note',
    ),
    table(
      ['rule', 'voters', 'passing deals', 'refused by a negotiator', 'best passing deal'],
      d.comparison.rules.map((r) => [`${r.id}: ${r.rule}`, r.voters.join(', '), r.passing === null ? `not counted (${r.examined} examined)` : String(r.passing), r.passingNotRational === null ? '—' : String(r.passingNotRational), r.bestPassing ? r.bestPassing.deal : 'none']),
      'Deals each rule makes reachable',
    ),
  ];
}
