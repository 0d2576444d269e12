import { code, heading, paragraph, type Block } from '../blocks.ts';
import type { SectionContext } from './context.ts';

/** Title, the disclaimer, how to re-run, the scenario's description. */
export function introSection(ctx: SectionContext): Block[] {
  const { data } = ctx;
  const { scenario } = data;
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

  return b;
}
