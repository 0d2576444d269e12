// The 2-D utility space of two parties: every outcome (points or density), the Pareto frontier,
// the bargaining solutions, the reservation lines and the zone of agreement. Hover or arrow keys describe an outcome.
import { useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Cloud } from '../compute/cloud.ts';
import { OKABE_ITO, SOLUTION_STYLE, densityOpacity } from './palette.ts';
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
  readonly solutions: readonly (PlotPoint & { readonly key: keyof typeof SOLUTION_STYLE })[];
  /** Offers of a simulation, in order (drawn as a path). */
  readonly trace?: readonly TracePoint[];
  /** The legend entry of the trace (default: the offers of a run). */
  readonly traceLegend?: string;
  /** Describes an outcome of the cloud by its index (hover). */
  readonly describeIndex: (index: number) => string;
  readonly title: string;
}

const W = 600;
const H = 460;
const M = { left: 56, right: 16, top: 16, bottom: 48 };

function marker(shape: string, cx: number, cy: number, r: number, colour: string, key: string) {
  const common = { fill: colour, stroke: OKABE_ITO.black, strokeWidth: 1.2 };
  switch (shape) {
    case 'diamond':
      return <polygon key={key} points={`${cx},${cy - r * 1.3} ${cx + r * 1.3},${cy} ${cx},${cy + r * 1.3} ${cx - r * 1.3},${cy}`} {...common} />;
    case 'square':
      return <rect key={key} x={cx - r} y={cy - r} width={2 * r} height={2 * r} {...common} />;
    case 'triangle':
      return <polygon key={key} points={`${cx},${cy - r * 1.3} ${cx + r * 1.2},${cy + r} ${cx - r * 1.2},${cy + r}`} {...common} />;
    default:
      return <circle key={key} cx={cx} cy={cy} r={r} {...common} />;
  }
}

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
        cells.push(<rect key={by * bins + bx} x={x0} y={y0} width={Math.max(1, x1 - x0)} height={Math.max(1, y1 - y0)} fill={OKABE_ITO.blue} fillOpacity={densityOpacity(c, max)} />);
      }
    return cells;
  }, [cloud, sx, sy]);

  const dots = useMemo(() => {
    if (cloud?.kind !== 'points') return null;
    const out = [];
    for (let i = 0; i < cloud.xs.length; i++) out.push(<circle key={i} cx={sx(cloud.xs[i]!)} cy={sy(cloud.ys[i]!)} r={2.2} fill={OKABE_ITO.blue} fillOpacity={0.45} />);
    return out;
  }, [cloud, sx, sy]);

  const marked = useMemo(() => [...solutions.map((s) => ({ ...s, label: `${SOLUTION_STYLE[s.key].label}: ${s.label}` })), ...trace, ...frontier], [solutions, trace, frontier]);

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
        <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} fill="#fff" stroke="#888" />
        {(resX !== undefined || resY !== undefined) && (
          <rect
            data-testid="agreement-zone"
            x={sx(resX ?? sx.domain[0])}
            y={M.top}
            width={Math.max(0, W - M.right - sx(resX ?? sx.domain[0]))}
            height={Math.max(0, sy(resY ?? sy.domain[0]) - M.top)}
            fill={OKABE_ITO.bluishGreen}
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
        {resX !== undefined && <line data-testid="reservation-x" x1={sx(resX)} x2={sx(resX)} y1={M.top} y2={H - M.bottom} stroke={OKABE_ITO.black} strokeDasharray="6 4" />}
        {resY !== undefined && <line data-testid="reservation-y" x1={M.left} x2={W - M.right} y1={sy(resY)} y2={sy(resY)} stroke={OKABE_ITO.black} strokeDasharray="6 4" />}
        {frontierSorted.length > 0 && !props.frontierProjected && (
          <polyline data-testid="frontier" data-points={frontierSorted.length} points={frontierSorted.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')} fill="none" stroke={OKABE_ITO.vermillion} strokeWidth={2} />
        )}
        {(frontierSorted.length <= 400 || props.frontierProjected) && (
          <g data-testid="frontier-points" data-points={frontierSorted.length}>
            {frontierSorted.map((p, i) => (
              <circle key={`f${i}`} cx={sx(p.x)} cy={sy(p.y)} r={props.frontierProjected ? 3.5 : 3} fill={OKABE_ITO.vermillion} />
            ))}
          </g>
        )}
        {trace.length > 0 && <polyline data-testid="trace" points={trace.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')} fill="none" stroke="#555" strokeWidth={1} strokeDasharray="2 2" />}
        {trace.map((p, i) => (
          <circle key={`t${i}`} cx={sx(p.x)} cy={sy(p.y)} r={i === trace.length - 1 ? 6 : 3.5} fill={p.colour} stroke="#000" strokeWidth={i === trace.length - 1 ? 2 : 0.5} />
        ))}
        {solutions.map((s) => marker(SOLUTION_STYLE[s.key].shape, sx(s.x), sy(s.y), 6, SOLUTION_STYLE[s.key].colour, s.key))}
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
            <span className="swatch" style={{ background: OKABE_ITO.blue, opacity: 0.6 }} /> {cloud?.kind === 'density' ? `outcomes (density${cloud.exact ? '' : ', sampled'})` : 'outcomes'}
          </li>
          {frontier.length > 0 && (
            <li>
              <span className="swatch" style={{ background: OKABE_ITO.vermillion }} /> {props.frontierProjected ? 'Pareto frontier of all negotiators (projected onto these two)' : 'Pareto frontier'}
            </li>
          )}
          {solutions.map((s) => (
            <li key={s.key}>
              <svg width="14" height="14" aria-hidden="true">
                {marker(SOLUTION_STYLE[s.key].shape, 7, 7, 5, SOLUTION_STYLE[s.key].colour, s.key)}
              </svg>{' '}
              {SOLUTION_STYLE[s.key].label}
            </li>
          ))}
          {trace.length > 0 && <li>{props.traceLegend ?? 'offers of the run (coloured by who made them; the last one larger)'}</li>}
          {(resX !== undefined || resY !== undefined) && (
            <>
              <li>
                <span className="swatch dashed" /> reservation values
              </li>
              <li>
                <span className="swatch" style={{ background: OKABE_ITO.bluishGreen, opacity: 0.25 }} /> zone where both get at least their reservation
              </li>
            </>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}
