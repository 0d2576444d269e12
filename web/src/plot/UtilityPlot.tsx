// The 2-D utility space of two parties: every outcome (points or density), the Pareto frontier,
// the bargaining solutions, the reservation lines and the zone of agreement. Hover or arrow keys describe an outcome.
import { useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Cloud } from '../compute/cloud.ts';
import { CHART, SOLUTION_STYLE, coinciding, densityOpacity, jointLabel, markerPath, type MarkerShape, type SolutionKey } from './palette.ts';
import { linearScale, nearest, paddedDomain, ticks } from './scale.ts';

export interface PlotParty {
  readonly id: string;
  readonly name: string;
  readonly reservation: number | undefined;
}

export interface PlotPoint {
  readonly x: number;
  readonly y: number;
  readonly label: string;
}

export interface TracePoint extends PlotPoint {
  readonly colour: string;
}

export interface UtilityPlotProps {
  readonly x: PlotParty;
  readonly y: PlotParty;
  readonly cloud: Cloud | null;
  readonly frontier: readonly PlotPoint[];
  /** True when the frontier is over more parties than the two plotted (drawn as points, not a line). */
  readonly frontierProjected?: boolean;
  readonly solutions: readonly (PlotPoint & { readonly key: SolutionKey })[];
  /** Offers of a simulation, in order (drawn as a path). */
  readonly trace?: readonly TracePoint[];
  /** The legend entry of the trace (default: the offers of a run). */
  readonly traceLegend?: string;
  /** Who made the offers of the trace, each in its own colour (the legend). */
  readonly traceSeries?: readonly { readonly name: string; readonly colour: string }[];
  /** The agreement of a run, marked as such. */
  readonly agreement?: PlotPoint | null;
  /** Describes an outcome of the cloud by its index (hover). */
  readonly describeIndex: (index: number) => string;
  readonly title: string;
}

const W = 600;
const H = 460;
const M = { left: 56, right: 16, top: 16, bottom: 48 };

function marker(shape: MarkerShape, cx: number, cy: number, r: number, colour: string, key: string) {
  return <path key={key} d={markerPath(shape, cx, cy, r)} fill={colour} stroke={CHART.axis} strokeWidth={1.2} />;
}

/** Pixels within which two solution markers would hide each other: drawn once, labelled together. */
const COINCIDE_PX = 4;

export function UtilityPlot(props: UtilityPlotProps) {
  const { cloud, frontier, solutions, trace = [], x, y } = props;
  const [hover, setHover] = useState<{ px: number; py: number; text: string } | null>(null);
  const [focusIndex, setFocusIndex] = useState(-1);

  const { sx, sy } = useMemo(() => {
    let xlo = Infinity;
    let xhi = -Infinity;
    let ylo = Infinity;
    let yhi = -Infinity;
    const see = (a: number, b: number) => {
      if (a < xlo) xlo = a;
      if (a > xhi) xhi = a;
      if (b < ylo) ylo = b;
      if (b > yhi) yhi = b;
    };
    if (cloud?.kind === 'points') for (let i = 0; i < cloud.xs.length; i++) see(cloud.xs[i]!, cloud.ys[i]!);
    else if (cloud?.kind === 'density') {
      see(cloud.xmin, cloud.ymin);
      see(cloud.xmax, cloud.ymax);
    }
    for (const p of [...frontier, ...solutions, ...trace]) see(p.x, p.y);
    if (x.reservation !== undefined && Number.isFinite(x.reservation)) see(x.reservation, ylo === Infinity ? 0 : ylo);
    if (y.reservation !== undefined && Number.isFinite(y.reservation)) see(xlo === Infinity ? 0 : xlo, y.reservation);
    if (xlo === Infinity) [xlo, xhi, ylo, yhi] = [0, 1, 0, 1];
    return { sx: linearScale(paddedDomain(xlo, xhi), [M.left, W - M.right]), sy: linearScale(paddedDomain(ylo, yhi), [H - M.bottom, M.top]) };
  }, [cloud, frontier, solutions, trace, x.reservation, y.reservation]);

  const density = useMemo(() => {
    if (cloud?.kind !== 'density') return null;
    const { bins, counts } = cloud;
    let max = 0;
    for (const c of counts) if (c > max) max = c;
    const cw = (cloud.xmax - cloud.xmin) / bins;
    const ch = (cloud.ymax - cloud.ymin) / bins;
    const cells = [];
    for (let by = 0; by < bins; by++)
      for (let bx = 0; bx < bins; bx++) {
        const c = counts[by * bins + bx]!;
        if (!c) continue;
        const x0 = sx(cloud.xmin + bx * cw);
        const x1 = sx(cloud.xmin + (bx + 1) * cw);
        const y0 = sy(cloud.ymin + (by + 1) * ch);
        const y1 = sy(cloud.ymin + by * ch);
        cells.push(<rect key={by * bins + bx} x={x0} y={y0} width={Math.max(1, x1 - x0)} height={Math.max(1, y1 - y0)} fill={CHART.outcome} fillOpacity={densityOpacity(c, max)} />);
      }
    return cells;
  }, [cloud, sx, sy]);

  const dots = useMemo(() => {
    if (cloud?.kind !== 'points') return null;
    const out = [];
    for (let i = 0; i < cloud.xs.length; i++) out.push(<circle key={i} cx={sx(cloud.xs[i]!)} cy={sy(cloud.ys[i]!)} r={2.2} fill={CHART.outcome} fillOpacity={0.5} />);
    return out;
  }, [cloud, sx, sy]);

  // Solutions that fall on the same spot are one marker, labelled together ("Nash = KS").
  const groups = useMemo(
    () =>
      coinciding(
        solutions.map((s) => ({ ...s, px: sx(s.x), py: sy(s.y) })).map((s) => ({ ...s, x: s.px, y: s.py, ux: s.x, uy: s.y })),
        COINCIDE_PX,
      ).map((g) => ({ x: g.members[0]!.ux, y: g.members[0]!.uy, keys: g.members.map((m) => m.key), short: jointLabel(g.members.map((m) => SOLUTION_STYLE[m.key].short)), long: jointLabel(g.members.map((m) => SOLUTION_STYLE[m.key].label)), label: g.members[0]!.label })),
    [solutions, sx, sy],
  );
  // Hover and arrow keys: later entries win ties, so a solution is named before the frontier point under it.
  const marked = useMemo(
    () => [...frontier.map((p) => ({ ...p })), ...trace, ...(props.agreement ? [{ ...props.agreement, label: `agreement: ${props.agreement.label}` }] : []), ...groups.map((g) => ({ x: g.x, y: g.y, label: `${g.long}: ${g.label}` }))],
    [frontier, trace, groups, props.agreement],
  );

  const describeAt = (px: number, py: number): string | null => {
    const k = nearest(
      marked.map((p) => sx(p.x)),
      marked.map((p) => sy(p.y)),
      px,
      py,
      9,
    );
    if (k >= 0) return marked[k]!.label;
    if (cloud?.kind === 'points') {
      const j = nearest(
        Array.from(cloud.xs, (v) => sx(v)),
        Array.from(cloud.ys, (v) => sy(v)),
        px,
        py,
        6,
      );
      if (j >= 0) return props.describeIndex(cloud.index[j]!);
    }
    if (cloud?.kind === 'density') {
      const ux = sx.invert(px);
      const uy = sy.invert(py);
      const bx = Math.floor(((ux - cloud.xmin) / (cloud.xmax - cloud.xmin)) * cloud.bins);
      const by = Math.floor(((uy - cloud.ymin) / (cloud.ymax - cloud.ymin)) * cloud.bins);
      if (bx >= 0 && by >= 0 && bx < cloud.bins && by < cloud.bins) {
        const c = cloud.counts[by * cloud.bins + bx]!;
        const ex = cloud.example[by * cloud.bins + bx]!;
        if (c > 0) return `${c.toLocaleString('en')} outcome${c === 1 ? '' : 's'} here${ex >= 0 ? `, e.g. ${props.describeIndex(ex)}` : ''}`;
      }
    }
    return null;
  };

  const onMove = (e: MouseEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const px = ((e.clientX - r.left) / r.width) * W;
    const py = ((e.clientY - r.top) / r.height) * H;
    const text = describeAt(px, py);
    setHover(text ? { px, py, text } : null);
  };

  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    if (marked.length === 0) return;
    let k = focusIndex;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') k = (k + 1) % marked.length;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') k = (k - 1 + marked.length) % marked.length;
    else if (e.key === 'Escape') {
      setFocusIndex(-1);
      setHover(null);
      return;
    } else return;
    e.preventDefault();
    setFocusIndex(k);
    const p = marked[k]!;
    setHover({ px: sx(p.x), py: sy(p.y), text: p.label });
  };

  const xt = ticks(sx.domain[0], sx.domain[1], 6);
  const yt = ticks(sy.domain[0], sy.domain[1], 6);
  const resX = x.reservation !== undefined && Number.isFinite(x.reservation) ? x.reservation : undefined;
  const resY = y.reservation !== undefined && Number.isFinite(y.reservation) ? y.reservation : undefined;
  const frontierSorted = [...frontier].sort((a, b) => a.x - b.x || b.y - a.y);

  return (
    <figure className="plot">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${props.title}. Use the arrow keys to step through the Pareto frontier and the solutions.`}
        tabIndex={0}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
        onKeyDown={onKey}
        data-testid="utility-plot"
      >
        <title>{props.title}</title>
        <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} fill="#fff" stroke="#888" />
        {(resX !== undefined || resY !== undefined) && (
          <rect
            data-testid="agreement-zone"
            x={sx(resX ?? sx.domain[0])}
            y={M.top}
            width={Math.max(0, W - M.right - sx(resX ?? sx.domain[0]))}
            height={Math.max(0, sy(resY ?? sy.domain[0]) - M.top)}
            fill={CHART.zone}
            fillOpacity={0.08}
          />
        )}
        {density}
        {dots}
        {xt.map((t) => (
          <g key={`x${t}`}>
            <line x1={sx(t)} x2={sx(t)} y1={H - M.bottom} y2={H - M.bottom + 5} stroke="#333" />
            <text x={sx(t)} y={H - M.bottom + 18} textAnchor="middle" fontSize={12}>
              {t}
            </text>
          </g>
        ))}
        {yt.map((t) => (
          <g key={`y${t}`}>
            <line x1={M.left - 5} x2={M.left} y1={sy(t)} y2={sy(t)} stroke="#333" />
            <text x={M.left - 8} y={sy(t) + 4} textAnchor="end" fontSize={12}>
              {t}
            </text>
          </g>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 8} textAnchor="middle" fontSize={13}>
          utility of {x.name}
        </text>
        <text transform={`translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={13}>
          utility of {y.name}
        </text>
        {resX !== undefined && <line data-testid="reservation-x" x1={sx(resX)} x2={sx(resX)} y1={M.top} y2={H - M.bottom} stroke={CHART.reservation} strokeDasharray="6 4" />}
        {resY !== undefined && <line data-testid="reservation-y" x1={M.left} x2={W - M.right} y1={sy(resY)} y2={sy(resY)} stroke={CHART.reservation} strokeDasharray="6 4" />}
        {frontierSorted.length > 0 && !props.frontierProjected && (
          <polyline data-testid="frontier" data-points={frontierSorted.length} points={frontierSorted.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')} fill="none" stroke={CHART.frontier} strokeWidth={2} />
        )}
        {(frontierSorted.length <= 400 || props.frontierProjected) && (
          <g data-testid="frontier-points" data-points={frontierSorted.length}>
            {frontierSorted.map((p, i) => (
              <circle key={`f${i}`} cx={sx(p.x)} cy={sy(p.y)} r={props.frontierProjected ? 3.5 : 3} fill={CHART.frontier} />
            ))}
          </g>
        )}
        {trace.length > 0 && !props.traceSeries && <polyline data-testid="trace" points={trace.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')} fill="none" stroke="#777" strokeWidth={0.8} strokeDasharray="2 3" />}
        {(props.traceSeries ?? []).map((s) => {
          const own = trace.filter((p) => p.colour === s.colour);
          return own.length > 1 ? <polyline key={s.name} points={own.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')} fill="none" stroke={s.colour} strokeWidth={1.8} strokeOpacity={0.8} /> : null;
        })}
        {trace.map((p, i) => (
          <circle key={`t${i}`} cx={sx(p.x)} cy={sy(p.y)} r={i === trace.length - 1 ? 6 : 3.5} fill={p.colour} stroke="#000" strokeWidth={i === trace.length - 1 ? 2 : 0.5} />
        ))}
        {props.agreement && (
          <g data-testid="agreement-marker">
            <circle cx={sx(props.agreement.x)} cy={sy(props.agreement.y)} r={11} fill="none" stroke={CHART.text} strokeWidth={2.5} />
            <text x={sx(props.agreement.x) + 14} y={sy(props.agreement.y) - 10} fontSize={13} fontWeight={700} fill={CHART.text}>
              agreement
            </text>
          </g>
        )}
        {groups.map((g) => (
          <g key={g.keys.join('=')} data-testid="solution-marker" data-label={g.short}>
            {marker(SOLUTION_STYLE[g.keys[0]!].shape, sx(g.x), sy(g.y), 6, SOLUTION_STYLE[g.keys[0]!].colour, g.keys.join('='))}
            {g.keys.length > 1 && (
              <text x={sx(g.x) + 10} y={sy(g.y) + 16} fontSize={12} fontWeight={600} fill={CHART.text}>
                {g.short}
              </text>
            )}
          </g>
        ))}
        {focusIndex >= 0 && marked[focusIndex] && <circle cx={sx(marked[focusIndex].x)} cy={sy(marked[focusIndex].y)} r={10} fill="none" stroke="#000" strokeWidth={2} />}
      </svg>
      {hover && (
        <div className="tooltip" role="status" data-testid="plot-tooltip" style={{ left: `${(hover.px / W) * 100}%`, top: `${(hover.py / H) * 100}%` }}>
          {hover.text}
        </div>
      )}
      <figcaption>
        <ul className="legend">
          <li>
            <span className="swatch" style={{ background: CHART.outcome, opacity: 0.6 }} /> {cloud?.kind === 'density' ? `outcomes (density${cloud.exact ? '' : ', sampled'})` : 'outcomes'}
          </li>
          {frontier.length > 0 && (
            <li>
              <span className="swatch" style={{ background: CHART.frontier }} /> {props.frontierProjected ? 'Pareto frontier of all negotiators (projected onto these two)' : 'Pareto frontier'}
            </li>
          )}
          {groups.map((g) => (
            <li key={g.keys.join('=')}>
              <svg width="14" height="14" aria-hidden="true">
                {marker(SOLUTION_STYLE[g.keys[0]!].shape, 7, 7, 5, SOLUTION_STYLE[g.keys[0]!].colour, g.keys.join('='))}
              </svg>{' '}
              {g.keys.length > 1 ? `${g.long} (the same deal)` : g.long}
            </li>
          ))}
          {(props.traceSeries ?? []).map((s) => (
            <li key={s.name}>
              <span className="swatch" style={{ background: s.colour }} /> offers of {s.name}
            </li>
          ))}
          {props.agreement && <li>◯ the agreement</li>}
          {trace.length > 0 && !props.traceSeries && <li>{props.traceLegend ?? 'offers of the run (the last one larger)'}</li>}
          {(resX !== undefined || resY !== undefined) && (
            <>
              <li>
                <span className="swatch dashed" /> reservation values
              </li>
              <li>
                <span className="swatch" style={{ background: CHART.zone, opacity: 0.25 }} /> zone where both get at least their reservation
              </li>
            </>
          )}
        </ul>
        <details className="data-table">
          <summary>Data table</summary>
          <div className="scroll">
            <table>
              <caption>{props.title}: the points marked on the plot</caption>
              <thead>
                <tr>
                  <th scope="col">point</th>
                  <th scope="col">utility of {x.name}</th>
                  <th scope="col">utility of {y.name}</th>
                </tr>
              </thead>
              <tbody>
                {[...groups.map((g) => ({ x: g.x, y: g.y, label: `${g.long}: ${g.label}` })), ...(props.agreement ? [{ ...props.agreement, label: `agreement: ${props.agreement.label}` }] : []), ...trace, ...frontierSorted].slice(0, 300).map((p, i) => (
                  <tr key={i}>
                    <th scope="row">{p.label}</th>
                    <td>{p.x.toFixed(3)}</td>
                    <td>{p.y.toFixed(3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </figcaption>
    </figure>
  );
}
