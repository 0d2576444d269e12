import { figure, heading, table, type Block } from '../blocks.ts';
import { barChart } from '../svg.ts';
import { COLORS, f3, rec, type SectionContext } from './context.ts';

/** Agreement rules (the rule as written and each rule variant) and their simulated negotiations. */
export function rulesSection(ctx: SectionContext): Block[] {
  const { data, ids } = ctx;
  const b: Block[] = [];

  b.push(heading(2, data.rules.rules.length > 1 ? 'Agreement rules and simulated negotiations' : 'Simulated negotiation', 'rules'));
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

  return b;
}
