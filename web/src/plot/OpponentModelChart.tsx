// What an agent's opponent model believed, set against the truth after the run: the estimated and the true utility
// of each of the opponent's offers, and the final model's accuracy over the whole outcome space (Pearson, Kendall).
import type { OpponentModelReport } from 'parley';
import { useMemo, useState } from 'react';
import { CHART, OKABE_ITO } from './palette.ts';
import { DataTableDetails } from './SvgChart.tsx';
import { linearScale, ticks } from './scale.ts';

export interface OpponentModelChartProps {
  readonly report: OpponentModelReport;
  /** Display name of a party id. */
  readonly nameOf: (id: string) => string;
}

const W = 600;
const H = 280;
const M = { left: 48, right: 16, top: 12, bottom: 40 };

const fmt = (x: number | null | undefined, d = 2) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));

/** Pairs (modelling party, modelled party) that have estimates, in order of appearance. */
function pairsOf(report: OpponentModelReport): { by: string; about: string; model: string }[] {
  const seen = new Map<string, { by: string; about: string; model: string }>();
  for (const p of report.points) {
    const k = `${p.by}\u0000${p.about}`;
    if (!seen.has(k)) seen.set(k, { by: p.by, about: p.about, model: p.model });
  }
  return [...seen.values()];
}

export function OpponentModelChart({ report, nameOf }: OpponentModelChartProps) {
  const pairs = useMemo(() => pairsOf(report), [report]);
  const [selected, setSelected] = useState(0);
  const pair = pairs[Math.min(selected, pairs.length - 1)];
  const points = useMemo(() => (pair ? report.points.filter((p) => p.by === pair.by && p.about === pair.about) : []), [report, pair]);
  if (!pair) return null;
  const accuracy = report.accuracy.find((a) => a.by === pair.by && a.about === pair.about);
  const n = points.length;
  const sx = linearScale([0, Math.max(1, n - 1)], [M.left, W - M.right]);
  const sy = linearScale([0, 1], [H - M.bottom, M.top]);
  const path = (key: 'estimate' | 'truth') => points.map((p, i) => `${i ? 'L' : 'M'}${sx(i).toFixed(1)},${sy(Math.min(1, Math.max(0, p[key]))).toFixed(1)}`).join('');
  const meanAbs = n ? points.reduce((s, p) => s + Math.abs(p.estimate - p.truth), 0) / n : 0;
  const title = `${nameOf(pair.by)}’s ${pair.model} model of ${nameOf(pair.about)}`;
  return (
    <figure className="opponent-model" aria-labelledby="om-title">
      <figcaption id="om-title">
        Opponent model: estimated against true utility of each offer{' '}
        {pairs.length > 1 && (
          <select aria-label="Which model" value={selected} onChange={(e) => setSelected(Number(e.target.value))}>
            {pairs.map((p, i) => (
              <option key={`${p.by}-${p.about}`} value={i}>
                {nameOf(p.by)} about {nameOf(p.about)} ({p.model})
              </option>
            ))}
          </select>
        )}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${n} offers, mean absolute error ${fmt(meanAbs)}`} style={{ maxWidth: '100%' }}>
        <title>{`${title}: estimated against true utility of each offer`}</title>
        {ticks(0, 1, 5).map((v) => (
          <g key={`y${v}`}>
            <line x1={M.left} x2={W - M.right} y1={sy(v)} y2={sy(v)} stroke="#ddd" />
            <text x={M.left - 6} y={sy(v) + 4} textAnchor="end" fontSize="11">
              {v}
            </text>
          </g>
        ))}
        {ticks(1, Math.max(1, n), 6).map((v) => (
          <text key={`x${v}`} x={sx(v - 1)} y={H - M.bottom + 16} textAnchor="middle" fontSize="11">
            {v}
          </text>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle" fontSize="12">
          offer of {nameOf(pair.about)}
        </text>
        <path d={path('truth')} fill="none" stroke={CHART.text} strokeWidth={1.6} />
        <path d={path('estimate')} fill="none" stroke={OKABE_ITO.vermillion} strokeWidth={1.6} strokeDasharray="5 3" />
        <g fontSize="12">
          <line x1={W - 190} x2={W - 166} y1={M.top + 8} y2={M.top + 8} stroke={CHART.text} strokeWidth={1.6} />
          <text x={W - 160} y={M.top + 12}>
            true utility
          </text>
          <line x1={W - 190} x2={W - 166} y1={M.top + 26} y2={M.top + 26} stroke={OKABE_ITO.vermillion} strokeWidth={1.6} strokeDasharray="5 3" />
          <text x={W - 160} y={M.top + 30}>
            model’s estimate
          </text>
        </g>
      </svg>
      <DataTableDetails table={{ caption: `${title}: each offer's true and estimated utility`, header: ['offer', 'true utility', 'estimate'], rows: points.map((p, i) => [String(i + 1), p.truth, p.estimate]) }} />
      <table data-testid="om-accuracy">
        <caption>{title}: accuracy of the final estimate over the outcome space</caption>
        <thead>
          <tr>
            <th scope="col">Pearson r</th>
            <th scope="col">Kendall τ</th>
            <th scope="col">weight ranking ρ</th>
            <th scope="col">mean |error| over offers</th>
            <th scope="col">outcomes compared</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{fmt(accuracy?.pearson)}</td>
            <td>{fmt(accuracy?.kendall)}</td>
            <td>{fmt(accuracy?.weightRanking)}</td>
            <td>{fmt(meanAbs)}</td>
            <td>{accuracy ? `${accuracy.outcomes.toLocaleString()}${accuracy.exact ? ' (all)' : ' (sample)'}` : '—'}</td>
          </tr>
        </tbody>
      </table>
    </figure>
  );
}
