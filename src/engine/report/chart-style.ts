// One visual language for every chart, in the report and in the workbench: the colours, the
// marker shapes, coinciding markers and tick values. Pure: the report's SVG strings (svg.ts) and
// the web app's React charts (web/src/plot) both draw from here.

/** The Okabe–Ito palette: distinguishable with every common colour-vision deficiency. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** What each element of a chart is drawn in, everywhere. */
export const CHART = {
  text: '#1a1a1a',
  axis: '#333333',
  grid: '#e6e6e6',
  /** Every outcome (the cloud): neutral, so that series and solutions stand out. */
  outcome: '#7b8794',
  /** Rational outcomes (every negotiator at least its reservation). */
  rational: OKABE_ITO.skyBlue,
  frontier: '#1a1a1a',
  /** The zone where every plotted party gets at least its reservation. */
  zone: OKABE_ITO.bluishGreen,
  reservation: '#1a1a1a',
  /** Tornado bars: the assumption moved down, and up. */
  low: OKABE_ITO.vermillion,
  high: OKABE_ITO.blue,
  base: '#1a1a1a',
  font: 'system-ui, -apple-system, "Segoe UI", sans-serif',
} as const;

/** Colours for series in order (parties, variants). */
export const SERIES: readonly string[] = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.black];

/** The colour of the `i`-th data series (cycles through the colour-blind-safe palette). */
export const seriesColour = (i: number): string => SERIES[((i % SERIES.length) + SERIES.length) % SERIES.length]!;

/** The shape of a plot marker (solutions are told apart by shape as well as colour). */
export type MarkerShape = 'circle' | 'diamond' | 'square' | 'triangle';

/** The bargaining solutions parley computes: Nash, Kalai–Smorodinsky, utilitarian, egalitarian. */
export type SolutionKey = 'nash' | 'kalaiSmorodinsky' | 'utilitarian' | 'egalitarian';

/** Each bargaining solution's colour and marker shape (shape as well as colour, so it reads in grey too). */
export const SOLUTION_STYLE: Readonly<Record<SolutionKey, { readonly label: string; readonly short: string; readonly colour: string; readonly shape: MarkerShape }>> = {
  nash: { label: 'Nash', short: 'Nash', colour: OKABE_ITO.orange, shape: 'diamond' },
  kalaiSmorodinsky: { label: 'Kalai–Smorodinsky', short: 'KS', colour: OKABE_ITO.skyBlue, shape: 'square' },
  utilitarian: { label: 'Utilitarian', short: 'Utilitarian', colour: OKABE_ITO.bluishGreen, shape: 'triangle' },
  egalitarian: { label: 'Egalitarian', short: 'Egalitarian', colour: OKABE_ITO.reddishPurple, shape: 'circle' },
};

export const SOLUTION_KEYS: readonly SolutionKey[] = ['nash', 'kalaiSmorodinsky', 'utilitarian', 'egalitarian'];

const n = (v: number) => Number(v.toFixed(2));

/** A marker as an SVG path `d`, centred on (cx, cy) with radius r. */
export function markerPath(shape: MarkerShape, cx: number, cy: number, r: number): string {
  switch (shape) {
    case 'diamond': {
      const k = r * 1.3;
      return `M${n(cx)} ${n(cy - k)}L${n(cx + k)} ${n(cy)}L${n(cx)} ${n(cy + k)}L${n(cx - k)} ${n(cy)}Z`;
    }
    case 'square':
      return `M${n(cx - r)} ${n(cy - r)}H${n(cx + r)}V${n(cy + r)}H${n(cx - r)}Z`;
    case 'triangle':
      return `M${n(cx)} ${n(cy - r * 1.3)}L${n(cx + r * 1.2)} ${n(cy + r)}L${n(cx - r * 1.2)} ${n(cy + r)}Z`;
    case 'circle':
      return `M${n(cx - r)} ${n(cy)}A${n(r)} ${n(r)} 0 1 0 ${n(cx + r)} ${n(cy)}A${n(r)} ${n(r)} 0 1 0 ${n(cx - r)} ${n(cy)}Z`;
  }
}

/** Markers that fall on the same spot, grouped (first member first). */
export interface Coinciding<T> {
  readonly x: number;
  readonly y: number;
  readonly members: readonly T[];
}

/**
 * Groups points closer than `tolerance` (in the points' own units) so that markers hiding each
 * other are drawn once and labelled together ("Nash = KS"). Order of first appearance is kept.
 */
export function coinciding<T extends { readonly x: number; readonly y: number }>(points: readonly T[], tolerance = 1e-6): Coinciding<T>[] {
  const groups: { x: number; y: number; members: T[] }[] = [];
  for (const p of points) {
    const g = groups.find((q) => Math.abs(q.x - p.x) <= tolerance && Math.abs(q.y - p.y) <= tolerance);
    if (g) g.members.push(p);
    else groups.push({ x: p.x, y: p.y, members: [p] });
  }
  return groups;
}

/** The joint label of a group: "Nash = KS". */
export const jointLabel = (labels: readonly string[]): string => labels.join(' = ');

/** Round tick values (1, 2, 2.5 or 5 × 10^k apart) covering [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return Number.isFinite(lo) ? [lo] : [];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Number((Math.round(v / step) * step).toPrecision(12)));
  return out;
}

/** A number for a chart label: at most `digits` decimals, no trailing zeros. */
export function chartNumber(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return '—';
  const s = x.toFixed(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
