import { figure, heading, paragraph, table, type Block } from '../blocks.ts';
import { plot, type PlotLayer, type Point } from '../svg.ts';
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
    const solPoints: Point[] = [];
    const solLabels: string[] = [];
    for (const [name, s] of [
      ['Nash', sol.nash],
      ['KS', sol.kalaiSmorodinsky],
      ['utilitarian', sol.utilitarian],
      ['egalitarian', sol.egalitarian],
    ] as const) {
      if (!s) continue;
      solPoints.push([s.utilities[us.x]!, s.utilities[us.y]!]);
      solLabels.push(name);
    }
    const layers: PlotLayer[] = [
      { label: 'deals', points: us.all, kind: 'dot', color: '#b8b8b8', radius: 1.6 },
      { label: 'rational deals', points: us.rational, kind: 'dot', color: '#5d9cec', radius: 2 },
      { label: 'Pareto frontier', points: us.frontier, kind: 'line', color: '#222' },
      { label: 'frontier of the rational deals', points: us.rationalFrontier, kind: 'line', color: '#2e8b57', dashed: true },
      { label: 'solutions', points: solPoints, kind: 'dot', color: '#c0392b', radius: 4, labels: solLabels },
    ];
    b.push(
      figure(
        'utility-space',
        plot({
          title: `Utility space: ${us.x} × ${us.y}`,
          xLabel: `utility of ${us.x}`,
          yLabel: `utility of ${us.y}`,
          layers,
          vLines: us.reservations.x !== null ? [{ x: us.reservations.x, label: `${us.x} reservation`, color: '#c0392b' }] : [],
          hLines: us.reservations.y !== null ? [{ y: us.reservations.y, label: `${us.y} reservation`, color: '#c0392b' }] : [],
        }),
        `Every deal as a point (${us.sampled ? 'a seeded sample' : 'all deals'}; identical points drawn once), the Pareto frontier, the frontier of the rational deals, the bargaining solutions and the reservation lines.${analysis.frontier.parties.length > 2 ? ' Only the first two negotiators are plotted.' : ''}`,
      ),
    );
  }

  return b;
}
