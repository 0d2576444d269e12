/**
 * Small, dependency-free SVG charts: pure functions returning SVG strings (no external references).
 * The report embeds them, and the workbench shows the same strings (web/src/plot/SvgChart.tsx), so
 * both speak one visual language: colours, markers and ticks come from chart-style.ts.
 */
import { CHART, chartNumber, markerPath, niceTicks, type MarkerShape } from './chart-style.ts';
import { maxOf, minOf } from '../util/arrays.ts';

/** The SVG namespace, needed only when an SVG stands alone in a file (inline SVG in HTML does without). */
const SVG_NS = ['http', '://www.w3.org/2000/svg'].join('');

/** An SVG string made standalone (for a file beside a Markdown report): adds the namespace and an XML declaration. */
export function standaloneSvg(svg: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg.replace('<svg ', `<svg xmlns="${SVG_NS}" `)}`;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export type Point = readonly [number, number];

/** One layer of a scatter plot (`plot`): labelled points with a colour and marker. */
export interface PlotLayer {
  readonly label: string;
  readonly points: readonly Point[];
  /** dot: markers; line: joined in the given order; step: horizontal-then-vertical steps. */
  readonly kind: 'dot' | 'line' | 'step';
  readonly color: string;
  /** Marker radius (dots), default 2. */
  readonly radius?: number;
  readonly dashed?: boolean;
  /** Text beside each point (dots only), e.g. a solution's name. */
  readonly labels?: readonly string[];
  /** Text shown on hover over each point (dots only): an SVG `<title>`. */
  readonly titles?: readonly string[];
  /** Marker shape of the dots (default a circle). */
  readonly shape?: MarkerShape;
  readonly opacity?: number;
}

export interface PlotSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly layers: readonly PlotLayer[];
  readonly xDomain?: readonly [number, number];
  readonly yDomain?: readonly [number, number];
  /** Dashed reference lines: x = value (vertical) or y = value (horizontal). */
  readonly vLines?: readonly { readonly x: number; readonly label: string; readonly color?: string }[];
  readonly hLines?: readonly { readonly y: number; readonly label: string; readonly color?: string }[];
  readonly width?: number;
  readonly height?: number;
}

const fmt = (x: number) => chartNumber(x, 2);

function niceDomain(values: readonly number[], fallback: readonly [number, number]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return [fallback[0], fallback[1]];
  let lo = minOf(finite);
  let hi = maxOf(finite);
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

const ticks = (lo: number, hi: number, count = 5): number[] => niceTicks(lo, hi, count);

/** An x–y plot with axes, ticks, a legend and optional reference lines. */
export function plot(spec: PlotSpec): string {
  const W = spec.width ?? 560;
  const H = spec.height ?? 400;
  const m = { l: 56, r: 16, t: 30, b: 48 };
  const legendH = 16 * spec.layers.length;
  const plotH = H - m.t - m.b;
  const xs = spec.layers.flatMap((l) => l.points.map((p) => p[0])).concat((spec.vLines ?? []).map((v) => v.x));
  const ys = spec.layers.flatMap((l) => l.points.map((p) => p[1])).concat((spec.hLines ?? []).map((v) => v.y));
  const [x0, x1] = spec.xDomain ? [spec.xDomain[0], spec.xDomain[1]] : niceDomain(xs, [0, 1]);
  const [y0, y1] = spec.yDomain ? [spec.yDomain[0], spec.yDomain[1]] : niceDomain(ys, [0, 1]);
  const sx = (x: number) => m.l + ((x - x0) / (x1 - x0 || 1)) * (W - m.l - m.r);
  const sy = (y: number) => m.t + plotH - ((y - y0) / (y1 - y0 || 1)) * plotH;
  const out: string[] = [];
  const totalH = H + legendH + 8;
  out.push(
    `<svg viewBox="0 0 ${W} ${totalH}" width="${W}" height="${totalH}" role="img" font-family='${CHART.font}' font-size="11" fill="${CHART.text}">`,
  );
  out.push(`<title>${escapeXml(spec.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${W}" height="${totalH}" fill="#ffffff"/>`);
  out.push(`<text x="${W / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(spec.title)}</text>`);
  // Axes and ticks
  out.push(`<line x1="${m.l}" y1="${m.t + plotH}" x2="${W - m.r}" y2="${m.t + plotH}" stroke="${CHART.axis}"/>`);
  out.push(`<line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${m.t + plotH}" stroke="${CHART.axis}"/>`);
  for (const t of ticks(x0, x1)) {
    const x = sx(t).toFixed(1);
    out.push(`<line x1="${x}" y1="${m.t + plotH}" x2="${x}" y2="${m.t + plotH + 4}" stroke="${CHART.axis}"/>`);
    out.push(`<text x="${x}" y="${m.t + plotH + 16}" text-anchor="middle">${fmt(t)}</text>`);
  }
  for (const t of ticks(y0, y1)) {
    const y = sy(t).toFixed(1);
    out.push(`<line x1="${m.l - 4}" y1="${y}" x2="${m.l}" y2="${y}" stroke="${CHART.axis}"/>`);
    out.push(`<line x1="${m.l}" y1="${y}" x2="${W - m.r}" y2="${y}" stroke="${CHART.grid}"/>`);
    out.push(`<text x="${m.l - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${fmt(t)}</text>`);
  }
  out.push(`<text x="${(m.l + W - m.r) / 2}" y="${m.t + plotH + 34}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`);
  out.push(`<text x="14" y="${m.t + plotH / 2}" text-anchor="middle" transform="rotate(-90 14 ${m.t + plotH / 2})">${escapeXml(spec.yLabel)}</text>`);
  const inX = (x: number) => x >= x0 && x <= x1;
  const inY = (y: number) => y >= y0 && y <= y1;
  for (const v of spec.vLines ?? []) {
    if (!inX(v.x)) continue;
    const x = sx(v.x).toFixed(1);
    out.push(`<line x1="${x}" y1="${m.t}" x2="${x}" y2="${m.t + plotH}" stroke="${v.color ?? '#888'}" stroke-dasharray="4 3"/>`);
    // Near the right edge the label goes to the left of the line, so that it is not cut.
    const left = Number(x) > W - m.r - 7 * v.label.length;
    out.push(`<text x="${x}" y="${m.t + 10}" dx="${left ? -3 : 3}"${left ? ' text-anchor="end"' : ''} fill="${v.color ?? '#555'}">${escapeXml(v.label)}</text>`);
  }
  for (const h of spec.hLines ?? []) {
    if (!inY(h.y)) continue;
    const y = sy(h.y).toFixed(1);
    out.push(`<line x1="${m.l}" y1="${y}" x2="${W - m.r}" y2="${y}" stroke="${h.color ?? '#888'}" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${W - m.r - 2}" y="${y}" dy="-3" text-anchor="end" fill="${h.color ?? '#555'}">${escapeXml(h.label)}</text>`);
  }
  for (const layer of spec.layers) {
    const op = layer.opacity !== undefined ? ` opacity="${layer.opacity}"` : '';
    if (layer.kind === 'dot') {
      const r = layer.radius ?? 2;
      const seen = new Set<string>();
      const parts: string[] = [];
      const shaped = layer.shape !== undefined && layer.shape !== 'circle';
      layer.points.forEach((p, i) => {
        const x = sx(p[0]).toFixed(1);
        const y = sy(p[1]).toFixed(1);
        const key = `${x},${y}`;
        const label = layer.labels?.[i];
        const title = layer.titles?.[i] ?? (label ? `${label}: (${fmt(p[0])}, ${fmt(p[1])})` : undefined);
        if (seen.has(key) && !label) return;
        seen.add(key);
        const t = title ? `<title>${escapeXml(title)}</title>` : '';
        if (shaped) parts.push(`<path d="${markerPath(layer.shape!, Number(x), Number(y), r)}" stroke="${CHART.axis}" stroke-width="1">${t}</path>`);
        else parts.push(t ? `<circle cx="${x}" cy="${y}" r="${r}">${t}</circle>` : `<circle cx="${x}" cy="${y}" r="${r}"/>`);
        if (label) parts.push(`<text x="${x}" y="${y}" dx="${r + 3}" dy="-${r + 1}" fill="${CHART.text}" stroke="none">${escapeXml(label)}</text>`);
      });
      out.push(`<g fill="${layer.color}" stroke="none"${op}>${parts.join('')}</g>`);
    } else if (layer.points.length) {
      const pts: Point[] = [];
      layer.points.forEach((p, i) => {
        if (layer.kind === 'step' && i > 0) pts.push([p[0], layer.points[i - 1]![1]]);
        pts.push(p);
      });
      const d = pts.map((p, i) => `${i ? 'L' : 'M'}${sx(p[0]).toFixed(1)} ${sy(p[1]).toFixed(1)}`).join(' ');
      out.push(`<path d="${d}" fill="none" stroke="${layer.color}" stroke-width="2"${layer.dashed ? ' stroke-dasharray="5 3"' : ''}${op}/>`);
    }
  }
  // Legend
  spec.layers.forEach((layer, i) => {
    const y = H + 4 + i * 16;
    if (layer.kind === 'dot' && layer.shape && layer.shape !== 'circle') out.push(`<path d="${markerPath(layer.shape, m.l + 6, y, 4)}" fill="${layer.color}" stroke="${CHART.axis}" stroke-width="1"/>`);
    else if (layer.kind === 'dot') out.push(`<circle cx="${m.l + 6}" cy="${y}" r="4" fill="${layer.color}"/>`);
    else out.push(`<line x1="${m.l}" y1="${y}" x2="${m.l + 14}" y2="${y}" stroke="${layer.color}" stroke-width="2"${layer.dashed ? ' stroke-dasharray="5 3"' : ''}/>`);
    out.push(`<text x="${m.l + 20}" y="${y}" dominant-baseline="middle">${escapeXml(layer.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}

export interface BarGroup {
  readonly label: string;
  readonly values: readonly (number | null)[];
}

/** Grouped horizontal-axis bars: one group per label, one bar per series. */
export function barChart(spec: { title: string; yLabel: string; series: readonly string[]; colors: readonly string[]; groups: readonly BarGroup[]; width?: number; height?: number }): string {
  const W = spec.width ?? 560;
  const H = spec.height ?? 320;
  const m = { l: 56, r: 16, t: 30, b: 60 };
  const plotH = H - m.t - m.b;
  const vals = spec.groups.flatMap((g) => g.values.filter((v): v is number => v !== null));
  const y0 = Math.min(0, minOf(vals));
  const y1 = Math.max(0.0001, maxOf(vals)) * 1.1;
  const sy = (y: number) => m.t + plotH - ((y - y0) / (y1 - y0)) * plotH;
  const gw = (W - m.l - m.r) / Math.max(1, spec.groups.length);
  const bw = (gw * 0.8) / Math.max(1, spec.series.length);
  const legendH = 16 * spec.series.length;
  const totalH = H + legendH;
  const out: string[] = [];
  out.push(`<svg viewBox="0 0 ${W} ${totalH}" width="${W}" height="${totalH}" role="img" font-family='${CHART.font}' font-size="11" fill="${CHART.text}">`);
  out.push(`<title>${escapeXml(spec.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${W}" height="${totalH}" fill="#ffffff"/>`);
  out.push(`<text x="${W / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(spec.title)}</text>`);
  for (const t of ticks(y0, y1)) {
    const y = sy(t).toFixed(1);
    out.push(`<line x1="${m.l}" y1="${y}" x2="${W - m.r}" y2="${y}" stroke="${CHART.grid}"/>`);
    out.push(`<text x="${m.l - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${fmt(t)}</text>`);
  }
  out.push(`<line x1="${m.l}" y1="${sy(0).toFixed(1)}" x2="${W - m.r}" y2="${sy(0).toFixed(1)}" stroke="${CHART.axis}"/>`);
  out.push(`<text x="14" y="${m.t + plotH / 2}" text-anchor="middle" transform="rotate(-90 14 ${m.t + plotH / 2})">${escapeXml(spec.yLabel)}</text>`);
  spec.groups.forEach((g, gi) => {
    const gx = m.l + gi * gw + gw * 0.1;
    g.values.forEach((v, si) => {
      if (v === null) return;
      const x = gx + si * bw;
      const top = sy(Math.max(v, 0));
      const h = Math.abs(sy(v) - sy(0));
      out.push(`<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${spec.colors[si % spec.colors.length]}"/>`);
      out.push(`<text x="${(x + bw / 2).toFixed(1)}" y="${(top - 3).toFixed(1)}" text-anchor="middle" font-size="9">${fmt(v)}</text>`);
    });
    out.push(`<text x="${(m.l + gi * gw + gw / 2).toFixed(1)}" y="${m.t + plotH + 16}" text-anchor="middle">${escapeXml(g.label)}</text>`);
  });
  spec.series.forEach((s, i) => {
    const y = H + i * 16;
    out.push(`<rect x="${m.l}" y="${y - 5}" width="10" height="10" fill="${spec.colors[i % spec.colors.length]}"/>`);
    out.push(`<text x="${m.l + 16}" y="${y}" dominant-baseline="middle">${escapeXml(s)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}

export interface TornadoBar {
  readonly label: string;
  /** The measure with the parameter at the low end of its range, and at the high end. */
  readonly low: number;
  readonly high: number;
}

/**
 * A tornado chart: one horizontal bar per parameter, from the base to the measure with the
 * parameter at its low end (one colour) and at its high end (the other), widest first as given.
 * Sized to its content: the label column fits the longest label, the height fits the rows. Each
 * bar end carries its value; hovering a bar shows both values (an SVG `<title>`).
 */
export function tornadoChart(spec: { title: string; xLabel: string; base: number; rows: readonly TornadoBar[]; width?: number; lowLabel?: string; highLabel?: string }): string {
  const W = spec.width ?? 640;
  const rowH = 22;
  const longest = Math.max(4, maxOf(spec.rows.map((r) => r.label.length)));
  const labelW = Math.min(W * 0.45, 12 + longest * 6.2);
  const m = { l: labelW + 40, r: 40, t: 30, b: 64 };
  const H = m.t + m.b + rowH * Math.max(1, spec.rows.length);
  const vals = spec.rows.flatMap((r) => [r.low, r.high]).concat([spec.base]);
  const [x0, x1] = niceDomain(vals, [0, 1]);
  const sx = (x: number) => m.l + ((x - x0) / (x1 - x0 || 1)) * (W - m.l - m.r);
  const lowLabel = spec.lowLabel ?? 'assumption moved down';
  const highLabel = spec.highLabel ?? 'assumption moved up';
  const out: string[] = [];
  out.push(`<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" font-family='${CHART.font}' font-size="11" fill="${CHART.text}">`);
  out.push(`<title>${escapeXml(spec.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${W / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(spec.title)}</text>`);
  const bottom = m.t + rowH * spec.rows.length;
  for (const t of ticks(x0, x1)) {
    const x = sx(t).toFixed(1);
    out.push(`<line x1="${x}" y1="${m.t}" x2="${x}" y2="${bottom}" stroke="${CHART.grid}"/>`);
    out.push(`<line x1="${x}" y1="${bottom}" x2="${x}" y2="${bottom + 4}" stroke="${CHART.axis}"/>`);
    out.push(`<text x="${x}" y="${bottom + 16}" text-anchor="middle">${fmt(t)}</text>`);
  }
  const bx = sx(spec.base);
  spec.rows.forEach((r, i) => {
    const y = m.t + i * rowH;
    const hover = `${r.label}: ${fmt(r.low)} (${lowLabel}), ${fmt(r.high)} (${highLabel}); base ${fmt(spec.base)}`;
    out.push(`<g><title>${escapeXml(hover)}</title>`);
    out.push(`<text x="${labelW + 4}" y="${y + rowH / 2}" text-anchor="end" dominant-baseline="middle">${escapeXml(r.label)}</text>`);
    for (const [v, colour] of [
      [r.low, CHART.low],
      [r.high, CHART.high],
    ] as const) {
      const x = sx(v);
      const a = Math.min(x, bx);
      out.push(`<rect x="${a.toFixed(1)}" y="${y + 4}" width="${Math.max(1, Math.abs(x - bx)).toFixed(1)}" height="${rowH - 8}" fill="${colour}"/>`);
    }
    // Value labels at the bar ends, outside the bars; the two ends on the same side are stacked.
    const ends = [
      { v: r.low, colour: CHART.low },
      { v: r.high, colour: CHART.high },
    ];
    for (const e of ends) {
      const x = sx(e.v);
      const right = x >= bx;
      if (Math.abs(x - bx) < 0.5 && e === ends[1] && Math.abs(sx(r.low) - bx) < 0.5) continue;
      out.push(`<text x="${(x + (right ? 3 : -3)).toFixed(1)}" y="${y + rowH / 2}" text-anchor="${right ? 'start' : 'end'}" dominant-baseline="middle" font-size="10">${fmt(e.v)}</text>`);
    }
    out.push('</g>');
  });
  out.push(`<line x1="${bx.toFixed(1)}" y1="${m.t - 4}" x2="${bx.toFixed(1)}" y2="${bottom}" stroke="${CHART.base}" stroke-dasharray="4 3"/>`);
  out.push(`<line x1="${m.l}" y1="${bottom}" x2="${W - m.r}" y2="${bottom}" stroke="${CHART.axis}"/>`);
  out.push(`<text x="${(m.l + W - m.r) / 2}" y="${bottom + 32}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`);
  const ly = bottom + 50;
  out.push(`<rect x="${m.l}" y="${ly - 5}" width="10" height="10" fill="${CHART.low}"/><text x="${m.l + 14}" y="${ly}" dominant-baseline="middle">${escapeXml(lowLabel)}</text>`);
  const lx = m.l + 24 + lowLabel.length * 6;
  out.push(`<rect x="${lx}" y="${ly - 5}" width="10" height="10" fill="${CHART.high}"/><text x="${lx + 14}" y="${ly}" dominant-baseline="middle">${escapeXml(highLabel)}</text>`);
  const lx2 = lx + 24 + highLabel.length * 6;
  out.push(`<line x1="${lx2}" y1="${ly - 6}" x2="${lx2}" y2="${ly + 6}" stroke="${CHART.base}" stroke-dasharray="4 3"/><text x="${lx2 + 6}" y="${ly}" dominant-baseline="middle">as written (${fmt(spec.base)})</text>`);
  out.push('</svg>');
  return out.join('\n');
}
