// The chart style is shared with the engine's report (src/engine/report/chart-style.ts): one visual language.
export { CHART, OKABE_ITO, SERIES, SOLUTION_STYLE, seriesColour, markerPath, coinciding, jointLabel, type MarkerShape, type SolutionKey } from 'parley';

/** Density shading: one hue, lighter for fewer outcomes, on a log scale. */
export function densityOpacity(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return 0.12 + 0.88 * (Math.log1p(count) / Math.log1p(max));
}
