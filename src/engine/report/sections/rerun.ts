import { heading, list, type Block } from '../blocks.ts';
import type { SectionContext } from './context.ts';

/** How to change an assumption and re-run. */
export function rerunSection(ctx: SectionContext): Block[] {
  const { data } = ctx;
  const b: Block[] = [];
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
