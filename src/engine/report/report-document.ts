import { issueValueAt } from '../model/issue.ts';
import { collectProvenance, type ProvenanceEntry } from '../model/summary.ts';
import { ANSWER_KEYS, type AnswerKey } from '../what-if/headline.ts';
import type { TradeoffAnalysis } from '../what-if/mediator-tradeoff.ts';
import { BASE } from '../what-if/compare.ts';
import { code, figure, heading, list, paragraph, quote, table, type Block } from './blocks.ts';
import type { ReportData } from './report-data.ts';
import { barChart, plot, tornadoChart, type PlotLayer, type Point } from './svg.ts';
import { CHART, SERIES, SOLUTION_STYLE, coinciding, jointLabel, type SolutionKey } from './chart-style.ts';
import { parameterLabel } from './labels.ts';

const COLORS = SERIES;
const f3 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(3));
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const rec = (o: Readonly<Record<string, unknown>>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
const ANSWER_NAMES: Record<AnswerKey, string> = {
  agreement: 'a zone of agreement exists',
  nash: 'the Nash deal',
  common: 'options common to every rational deal',
  option: 'the watched option is in every rational deal',
};

/** Numbers every provenance entry that states an assumption (A1, A2, …), keyed by subject. */
function assumptionLabels(entries: readonly ProvenanceEntry[]): Map<string, string> {
  const out = new Map<string, string>();
  let k = 0;
  for (const e of entries) if (e.provenance.assumption) out.set(e.subject, `A${++k}`);
  return out;
}

/** The report as blocks. */
export function reportBlocks(data: ReportData): Block[] {
  const { scenario, summary, analysis } = data;
  const entries = collectProvenance(scenario);
  const labels = assumptionLabels(entries);
  const mark = (...subjects: string[]) => {
    // A scenario that states no provenance at all (e.g. imported research files): numbers are as given.
    if (entries.length === 0) return '';
    for (const s of subjects) {
      const l = labels.get(s);
      if (l) return ` [assumption ${l}]`;
    }
    return ' [assumption, no reason stated]';
  };
  const b: Block[] = [];
  b.push(heading(1, `parley report: ${scenario.name}`));
  b.push(
    paragraph(
      'This report is a model of stated assumptions, not a prediction. Every number below follows from the scenario file: the facts it quotes and the preferences, reservation values and red lines its author assumed. Numbers that are assumptions are marked beside the number as [assumption A#], with the reasoning listed under "Sources and assumptions". Change an assumption in the file and re-run the command below to see how the answers move.',
      'disclaimer',
    ),
  );
  b.push(code(data.options.command ?? 'parley report SCENARIO --out report.html'));
  if (data.options.source) b.push(paragraph(`Scenario file: ${data.options.source}.`, 'note'));
  if (scenario.description) b.push(paragraph(scenario.description));

  // ── The scenario
  b.push(heading(2, 'The scenario', 'scenario'));
  b.push(
    table(
      ['issue', 'options', 'source'],
      scenario.issues.map((i) => [
        i.name,
        i.type === 'categorical' ? i.options.map((o) => o.name).join(' | ') : summary.issues.find((x) => x.name === i.name)?.domain ?? '',
        (i.provenance?.sources ?? []).map((s) => `“${s.quote}”${s.locator ? ` (${s.locator})` : ''}`).join(' '),
      ]),
      `Issues (${summary.outcomes} possible deals)`,
    ),
  );
  b.push(
    table(
      ['party', 'role', 'reservation (utility of no deal)', 'red lines'],
      scenario.parties.map((p) => {
        const s = summary.parties.find((x) => x.id === p.id)!;
        return [p.name === p.id ? p.id : `${p.name} (${p.id})`, p.role, s.reservation === null ? '—' : `${f3(s.reservation)}${mark(`party ${p.id} › reservation`)}`, s.redLines.join('; ') || '—'];
      }),
      'Parties',
    ),
  );
  const linear = scenario.parties.filter((p) => p.preferences?.type === 'linear-additive');
  if (linear.length) {
    b.push(
      table(
        ['issue', ...linear.map((p) => `${p.id} weight`)],
        scenario.issues.map((issue, i) => [
          issue.name,
          ...linear.map((p) => {
            const pr = p.preferences!;
            if (pr.type !== 'linear-additive') return '';
            return `${f3(pr.weights[i] ?? 0)}${mark(`party ${p.id} › weight ${issue.name}`, `party ${p.id} › preferences`)}`;
          }),
        ]),
        'Weights (utility = Σ weight × value; weights as written)',
      ),
    );
    const rows: string[][] = [];
    for (const p of linear) {
      const pr = p.preferences!;
      if (pr.type !== 'linear-additive') continue;
      scenario.issues.forEach((issue, i) => {
        const f = pr.values[i];
        if (!f) return;
        let text: string;
        if (f.type === 'table') text = f.values.map((v, k) => `${String(issueValueAt(issue, k))}: ${f3(v)}`).join(', ');
        else if (f.type === 'linear') text = `linear: slope ${f.slope}, offset ${f.offset}, origin ${f.origin}`;
        else if (f.type === 'triangular') text = `triangular: ${f.low} / ${f.peak} / ${f.high}`;
        else text = `constant ${f.value}`;
        rows.push([p.id, issue.name, `${text}${mark(`party ${p.id} › values ${issue.name}`, `party ${p.id} › preferences`)}`]);
      });
    }
    b.push(table(['party', 'issue', 'values'], rows.length > 400 ? rows.slice(0, 400) : rows, 'Values of each option'));
  }
  for (const p of scenario.parties.filter((x) => x.preferences?.type === 'constraints'))
    b.push(paragraph(`${p.id} has constraint (hyperrectangle) preferences with ${p.preferences?.type === 'constraints' ? p.preferences.constraints.length : 0} constraints; see the scenario file.`));
  b.push(paragraph(`Agreement rule: ${summary.agreement.description}${scenario.agreement.provenance?.assumption ? mark('agreement rule') : ''}.`));
  if (summary.variants.length) b.push(list(summary.variants.map((v) => `variant ${v.id}: ${v.description ?? ''}`)));

  b.push(heading(3, 'Sources and assumptions', 'sources'));
  if (!entries.length) b.push(paragraph('The scenario files state no sources or assumptions: every number above is taken as given in them.', 'note'));
  for (const e of entries) {
    const label = labels.get(e.subject);
    b.push(paragraph(`${e.subject}${label ? ` — assumption ${label}` : ''}`));
    for (const s of e.provenance.sources ?? []) b.push(quote(s.quote, [s.document, s.locator].filter(Boolean).join(', ')));
    if (e.provenance.assumption) b.push(paragraph(`ASSUMPTION ${label}: ${e.provenance.assumption}`, 'note'));
  }

  // ── Analysis
  b.push(heading(2, 'Where agreement is possible', 'analysis'));
  b.push(
    paragraph(
      `${analysis.outcomes} possible deals; ${analysis.rational.count ?? (analysis.rational.exists ? 'some' : 'no')} are rational (every negotiator accepts: no red line crossed, utility at least its reservation); ${analysis.passing.count ?? (analysis.passing.exists ? 'some' : 'no')} pass the agreement rule. The Pareto frontier has ${analysis.frontier.points} distinct points (${analysis.frontier.outcomes} deals). ${analysis.exact ? 'Every number is exact (all deals enumerated).' : `Approximate: ${analysis.method}.`}`,
      'answer',
    ),
  );
  for (const n of analysis.notes) b.push(paragraph(`Note: ${n}`, 'note'));
  const ids = analysis.parties.map((p) => p.id);
  const sol = analysis.solutions;
  b.push(
    table(
      ['solution', ...ids, 'deal'],
      (
        [
          ['Nash (max Π(uᵢ − rᵢ), rational deals)', sol.nash],
          ['Kalai–Smorodinsky', sol.kalaiSmorodinsky],
          ['utilitarian (max Σuᵢ, all deals)', sol.utilitarian],
          ['egalitarian (max min(uᵢ − rᵢ))', sol.egalitarian],
        ] as const
      ).map(([name, s]) => (s ? [name, ...ids.map((id) => f3(s.utilities[id]))] : [name, ...ids.map(() => '—')]).concat(s ? [rec(s.outcome)] : ['none'])),
      'Bargaining solutions (utilities of every party with preferences)',
    ),
  );
  const us = data.utilitySpace;
  if (us) {
    const sols: { key: SolutionKey; x: number; y: number }[] = [];
    for (const key of ['nash', 'kalaiSmorodinsky', 'utilitarian', 'egalitarian'] as const) {
      const s = sol[key];
      if (s && s.utilities[us.x] !== undefined && s.utilities[us.y] !== undefined) sols.push({ key, x: s.utilities[us.x]!, y: s.utilities[us.y]! });
    }
    // Solutions on the same spot are one marker, labelled together ("Nash = KS").
    const solLayers: PlotLayer[] = coinciding(sols).map((g) => {
      const label = jointLabel(g.members.map((m) => SOLUTION_STYLE[m.key].short));
      const style = SOLUTION_STYLE[g.members[0]!.key];
      return { label, points: [[g.x, g.y]], kind: 'dot', color: style.colour, shape: style.shape, radius: 5, labels: [label] };
    });
    const layers: PlotLayer[] = [
      { label: 'deals', points: us.all, kind: 'dot', color: CHART.outcome, radius: 1.6, opacity: 0.55 },
      { label: 'rational deals', points: us.rational, kind: 'dot', color: CHART.rational, radius: 2 },
      { label: 'Pareto frontier', points: us.frontier, kind: 'line', color: CHART.frontier },
      { label: 'frontier of the rational deals', points: us.rationalFrontier, kind: 'line', color: CHART.zone, dashed: true },
      ...solLayers,
    ];
    b.push(
      figure(
        'utility-space',
        plot({
          title: `Utility space: ${us.x} × ${us.y}`,
          xLabel: `utility of ${us.x}`,
          yLabel: `utility of ${us.y}`,
          layers,
          vLines: us.reservations.x !== null ? [{ x: us.reservations.x, label: `${us.x} reservation`, color: CHART.reservation }] : [],
          hLines: us.reservations.y !== null ? [{ y: us.reservations.y, label: `${us.y} reservation`, color: CHART.reservation }] : [],
        }),
        `Every deal as a point (${us.sampled ? 'a seeded sample' : 'all deals'}; identical points drawn once), the Pareto frontier, the frontier of the rational deals, the bargaining solutions and the reservation lines.${analysis.frontier.parties.length > 2 ? ' Only the first two negotiators are plotted.' : ''}`,
      ),
    );
  }

  // ── The four questions
  const q = data.questions;
  if (q) {
    b.push(heading(2, 'The four questions of the seed article', 'questions'));
    b.push(paragraph('The article ends with four open questions. Each is restated below as a question about this model; the answers hold for the stated assumptions only.', 'note'));

    const c = q.concessions.answer;
    b.push(heading(3, `1. ${q.concessions.question}`, 'q1'));
    b.push(quote(q.concessions.question, 'seed article, line 23'));
    b.push(paragraph(q.concessions.summary, 'answer'));
    b.push(
      paragraph(
        `A concession is any option other than ${c.keep} on ${c.issues.join(', ')}; its size is the utility ${c.party} loses against ${c.keep} (weight × value difference, from its assumed preferences). ${c.rational} rational deals, of which ${c.pareto} are Pareto-efficient among the rational deals.`,
      ),
    );
    b.push(
      table(
        ['option', `${c.party}'s loss`, 'rational deals with it', 'in rational deals', 'in Pareto-efficient rational deals'],
        c.options.map((o) => [`${o.issue}=${o.option}`, f3(o.loss), String(o.rational), o.rationalPresence, o.paretoPresence]),
        'Options of the territorial issues, by the concession they mean (smallest first)',
      ),
    );
    b.push(
      table(
        [`${c.party} reservation`, 'rational deals', 'smallest concession', 'Nash deal', ...c.issues.map((i) => `${i}: options in rational deals`)],
        c.sweep.map((p) => [f3(p.reservation), String(p.rational), f3(p.minimumLoss), p.nash ? p.nash.deal : 'none', ...c.issues.map((i) => (p.options[i] ?? []).join(' | ') || '—')]),
        `Sweep of ${c.party}'s reservation value (every other assumption as written)`,
      ),
    );
    b.push(
      figure(
        'q1-concessions',
        plot({
          title: `Rational deals as ${c.party}'s reservation moves`,
          xLabel: `${c.party}'s reservation value`,
          yLabel: 'number of rational deals',
          layers: [{ label: 'rational deals', points: c.sweep.map((p): Point => [p.reservation, p.rational]), kind: 'line', color: COLORS[0]! }],
          vLines: c.reservation !== null ? [{ x: c.reservation, label: 'as written', color: '#c0392b' }] : [],
          xDomain: [c.sweep[0]?.reservation ?? 0, c.sweep.at(-1)?.reservation ?? 1],
        }),
        `How many deals every negotiator accepts, for each reservation value of ${c.party}.`,
      ),
    );
    b.push(
      figure(
        'q1-minimum-concession',
        plot({
          title: `Smallest concession a rational deal requires of ${c.party}`,
          xLabel: `${c.party}'s reservation value`,
          yLabel: `utility ${c.party} concedes`,
          layers: [{ label: 'smallest concession (no point: no rational deal)', points: c.sweep.filter((p) => p.minimumLoss !== null).map((p): Point => [p.reservation, p.minimumLoss!]), kind: 'line', color: COLORS[1]! }],
          xDomain: [c.sweep[0]?.reservation ?? 0, c.sweep.at(-1)?.reservation ?? 1],
          yDomain: [0, Math.max(0.05, ...c.options.map((o) => o.loss))],
        }),
        'The least utility on the territorial issues that some rational deal asks of the conceding party.',
      ),
    );

    b.push(heading(3, `2. ${q.balance.question}`, 'q2'));
    b.push(quote(q.balance.question, 'seed article, line 24'));
    b.push(paragraph(q.balance.summary, 'answer'));
    b.push(
      paragraph(
        `Model: the mediator (${q.cast.mediator}) proposes the deal that maximises λ·U(${q.cast.conceding}) + (1 − λ)·V among the deals ${q.cast.claimant} accepts (a deal without ${q.cast.claimant}'s consent ends no war). λ = 1 puts all weight on ${q.cast.conceding}'s utility, λ = 0 on V. The λ intervals are exact (upper envelope of lines in λ).`,
      ),
    );
    const tradeoffTable = (t: TradeoffAnalysis, caption: string) =>
      table(
        ['λ from', 'λ to', ...Object.keys(t.segments[0]?.utilities ?? {}), `${t.protected} accepts`, 'passes the rule', 'deal'],
        t.segments.map((s) => [f3(s.from), f3(s.to), ...Object.values(s.utilities).map((u) => f3(u)), s.protectedAccepts ? 'yes' : 'no', s.passes ? 'yes' : 'no', s.deal]),
        caption,
      );
    b.push(tradeoffTable(q.balance.answer, "V = the negotiators' total utility (a deal's overall value)"));
    b.push(tradeoffTable(q.balance.ownPreferences, `V = the mediator's own utility (its assumed preferences)`));
    const gridCurve = (t: TradeoffAnalysis, id: string) => t.grid.map((g): Point => [g.lambda, g.utilities[id] ?? 0]);
    b.push(
      figure(
        'q2-balance',
        plot({
          title: "The mediator's pick as λ moves (V = negotiators' total)",
          xLabel: `λ (weight on ${q.cast.conceding}'s utility)`,
          yLabel: 'utility at the picked deal',
          xDomain: [0, 1],
          layers: [q.cast.conceding, q.cast.claimant, q.cast.mediator].map((id, k) => ({
            label: id,
            points: gridCurve(q.balance.answer, id),
            kind: 'step' as const,
            color: COLORS[k]!,
          })),
          hLines: [{ y: data.summary.parties.find((p) => p.id === q.cast.conceding)?.reservation ?? 0, label: `${q.cast.conceding} reservation` }],
        }),
        'Utilities at the deal the mediator picks, for λ from 0 to 1 in steps of 0.05.',
      ),
    );
    if (us) {
      const path = (t: TradeoffAnalysis): Point[] => t.segments.map((s): Point => [s.utilities[us.x] ?? 0, s.utilities[us.y] ?? 0]);
      b.push(
        figure(
          'q2-frontier',
          plot({
            title: "The mediator's picks along the frontier",
            xLabel: `utility of ${us.x}`,
            yLabel: `utility of ${us.y}`,
            layers: [
              { label: 'deals', points: us.all.concat(us.rational), kind: 'dot', color: '#c8c8c8', radius: 1.5 },
              { label: 'Pareto frontier', points: us.frontier, kind: 'line', color: '#222' },
              { label: "picks, V = negotiators' total (λ intervals)", points: path(q.balance.answer), kind: 'line', color: COLORS[0]! },
              {
                label: 'pick',
                points: path(q.balance.answer),
                kind: 'dot',
                color: COLORS[0]!,
                radius: 4,
                labels: q.balance.answer.segments.map((s) => `λ ${f3(s.from)}–${f3(s.to)}`),
              },
              { label: "picks, V = mediator's own utility", points: path(q.balance.ownPreferences), kind: 'dot', color: COLORS[4]!, radius: 4 },
            ],
            vLines: us.reservations.x !== null ? [{ x: us.reservations.x, label: `${us.x} reservation`, color: CHART.reservation }] : [],
            hLines: us.reservations.y !== null ? [{ y: us.reservations.y, label: `${us.y} reservation`, color: CHART.reservation }] : [],
          }),
          'Each pick as a point in the negotiators’ utility space, labelled with its λ interval.',
        ),
      );
    }

    const d = q.demands.answer;
    b.push(heading(3, `3. ${q.demands.question}`, 'q3'));
    b.push(quote(q.demands.question, 'seed article, line 25'));
    b.push(paragraph(q.demands.summary, 'answer'));
    b.push(
      paragraph(
        `Each variant below adds demands (issues or options) to the scenario; see the variant's own assumption in "Sources and assumptions". A variant that also re-weights the parties' preferences changes every utility, so part of the change comes from the re-weighting, not from the demand alone.`,
        'note',
      ),
    );
    b.push(
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
        'Base and demand variants side by side',
      ),
    );
    b.push(
      figure(
        'q3-demands',
        barChart({
          title: 'Utility at the Nash deal, base and demand variants',
          yLabel: 'utility',
          series: d.parties,
          colors: COLORS,
          groups: d.rows.map((r) => ({ label: r.id, values: d.parties.map((p) => r.nash?.utilities[p] ?? null) })),
        }),
        'Each party’s utility at the Nash deal of each scenario (no bar: no rational deal).',
      ),
    );

    b.push(heading(3, `4. ${q.authority.question}`, 'q4'));
    b.push(quote(q.authority.question, 'seed article, line 26'));
    b.push(paragraph(q.authority.summary, 'answer'));
    b.push(
      paragraph(
        'The model cannot say what authority anyone has; it compares what each agreement rule would make reachable. "Best passing deal" maximises the Nash product over the rule\'s voters (their utility above their reservation, 0 when none is stated) among the deals the rule accepts.',
        'note',
      ),
    );
  }

  // ── Agreement rules and simulated negotiations (every scenario)
  b.push(heading(2, q ? 'Agreement rules and simulated negotiations' : 'Simulated negotiation', 'rules'));
  const rules = data.rules.rules;
  const partyIds = ids;
  b.push(
    table(
      ['rule', 'voters', 'passing deals', 'refused by a negotiator', ...partyIds.map((p) => `${p} at best passing`), 'best passing deal'],
      rules.map((r) => [
        `${r.id}: ${r.rule}`,
        r.voters.join(', '),
        r.passing === null ? `not counted (${r.examined} examined)` : String(r.passing),
        r.passingNotRational === null ? '—' : String(r.passingNotRational),
        ...partyIds.map((p) => f3(r.bestPassing?.utilities[p])),
        r.bestPassing ? r.bestPassing.deal : 'none',
      ]),
      'Deals each rule makes reachable',
    ),
  );
  b.push(
    table(
      ['rule', 'agents', 'protocol', 'result', 'rounds', ...partyIds, 'agreement'],
      rules.map((r) =>
        r.simulation
          ? [
              r.id,
              `${r.simulation.agent} for ${r.simulation.participants.join(', ')}`,
              r.simulation.protocol,
              r.simulation.endReason,
              `${r.simulation.roundsUsed} of ${r.simulation.rounds}`,
              ...partyIds.map((p) => f3(r.simulation!.utilities[p])),
              r.simulation.agreement
                ? `${rec(r.simulation.agreement)}${Object.entries(r.simulation.acceptedByNegotiator).some(([, ok]) => !ok) ? ` (refused by ${Object.entries(r.simulation.acceptedByNegotiator).filter(([, ok]) => !ok).map(([id]) => id).join(', ')})` : ''}`
                : 'none',
            ]
          : [r.id, '—', '—', r.simulationError ? `not simulated: ${r.simulationError}` : 'not simulated', '—', ...partyIds.map(() => '—'), '—'],
      ),
      `Simulated negotiations among each rule's voters (seed ${rules[0]?.simulation?.seed ?? data.options.seed ?? 1}; the same seed gives the same run)`,
    ),
  );
  b.push(
    figure(
      'rules',
      barChart({
        title: 'Utility under each agreement rule',
        yLabel: 'utility',
        series: partyIds,
        colors: COLORS,
        groups: rules.flatMap((r) => [
          { label: `${r.id}: best passing`, values: partyIds.map((p) => r.bestPassing?.utilities[p] ?? null) },
          { label: `${r.id}: simulated`, values: partyIds.map((p) => r.simulation?.utilities[p] ?? null) },
        ]),
      }),
      "Each party's utility at the best passing deal and at the end of the simulated negotiation, per rule.",
    ),
  );

  // ── Sensitivity
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
  const partyName = (id: string) => scenario.parties.find((x) => x.id === id)?.name ?? id;
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

  b.push(heading(2, 'How to change an assumption and re-run', 'rerun'));
  b.push(
    list([
      'Open the scenario file and change a number (a weight, a value, a reservation) or a red line; keep its assumption text in step with the new number.',
      'Or add a variant under `variants:` with a patch (see docs/scenario-format.md) and compare it: `parley compare SCENARIO --variants base,your-variant`.',
      `Re-run: ${data.options.command ?? 'parley report SCENARIO --out report.html'}. The same seed gives the same report.`,
      'Check how fragile an answer is: `parley sensitivity SCENARIO --range 0.3`.',
    ]),
  );
  return b;
}
