import { figure, heading, paragraph, table, type Block } from '../blocks.ts';
import { plot, type PlotLayer } from '../svg.ts';
import { CHART, SOLUTION_STYLE, coinciding, jointLabel, type SolutionKey } from '../chart-style.ts';
import { f3, rec, type SectionContext } from './context.ts';

/** Where agreement is possible: counts, bargaining solutions, the utility space. */
export function analysisSection(ctx: SectionContext): Block[] {
  const { data, ids } = ctx;
  const { analysis } = data;
  const b: Block[] = [];

  b.push(heading(2, 'Where agreement is possible', 'analysis'));
  b.push(
    paragraph(
      `${analysis.outcomes} possible deals; ${analysis.rational.count ?? (analysis.rational.exists ? 'some' : 'no')} are rational (every negotiator accepts: no red line crossed, utility at least its reservation); ${analysis.passing.count ?? (analysis.passing.exists ? 'some' : 'no')} pass the agreement rule. The Pareto frontier has ${analysis.frontier.points} distinct points (${analysis.frontier.outcomes} deals). ${analysis.exact ? 'Every number is exact (all deals enumerated).' : `Approximate: ${analysis.method}.`}`,
      'answer',
    ),
  );
  for (const n of analysis.notes) b.push(paragraph(`Note: ${n}`, 'note'));
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

  return b;
}
