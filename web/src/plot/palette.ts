// The Okabe–Ito palette: distinguishable with every common colour-vision deficiency.
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

/** Colours for series in order (parties, variants), black last. */
export const SERIES = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.orange, OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue, OKABE_ITO.yellow, OKABE_ITO.black];

export const seriesColour = (i: number): string => SERIES[i % SERIES.length]!;

/** Each bargaining solution's colour and marker shape (shape as well as colour, so it reads in grey too). */
export const SOLUTION_STYLE = {
  nash: { label: 'Nash', colour: OKABE_ITO.orange, shape: 'diamond' },
  kalaiSmorodinsky: { label: 'Kalai–Smorodinsky', colour: OKABE_ITO.skyBlue, shape: 'square' },
  utilitarian: { label: 'Utilitarian', colour: OKABE_ITO.bluishGreen, shape: 'triangle' },
  egalitarian: { label: 'Egalitarian', colour: OKABE_ITO.reddishPurple, shape: 'circle' },
} as const;

/** Density shading: one hue (blue), lighter for fewer outcomes, on a log scale. */
export function densityOpacity(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return 0.12 + 0.88 * (Math.log1p(count) / Math.log1p(max));
}
