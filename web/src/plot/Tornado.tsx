// The tornado chart of the what-if screen, drawn by the engine's shared SVG module (as in the report):
// sized to its content, values at the bar ends, both values on hover, and a data table.
import { tornadoChart } from 'parley';
import { SvgChart } from './SvgChart.tsx';

export interface TornadoProps {
  /** The party's display name. */
  readonly party: string;
  /** The measure as written. */
  readonly base: number | undefined;
  /** Per assumption (already in words): the measure at the low and the high end of its range. */
  readonly rows: readonly { readonly label: string; readonly low: number | undefined; readonly high: number | undefined }[];
  /** The relative range, e.g. 0.2 for ±20 %. */
  readonly range?: number;
}

export function Tornado({ party, base, rows, range }: TornadoProps) {
  if (base === undefined || rows.length === 0) return null;
  const bars = rows.map((r) => ({ label: r.label, low: r.low ?? base, high: r.high ?? base }));
  const pct = range !== undefined ? `${(range * 100).toFixed(0)} %` : '';
  const svg = tornadoChart({
    title: `${party}'s utility at the Nash deal as each assumption moves`,
    xLabel: `utility of ${party} at the Nash deal`,
    base,
    rows: bars,
    lowLabel: pct ? `assumption −${pct}` : 'assumption down',
    highLabel: pct ? `assumption +${pct}` : 'assumption up',
  });
  return (
    <SvgChart
      svg={svg}
      testId="tornado"
      table={{
        caption: `${party}'s utility at the Nash deal: as written ${base.toFixed(3)}`,
        header: ['assumption', 'moved down', 'moved up'],
        rows: bars.map((b) => [b.label, b.low, b.high]),
      }}
    />
  );
}
