// The address of what is on screen: `#/<screen>?scenario=<id>&variant=<id>` (and `&live=<session>` on Simulation) (shareable; the back button steps through it).

export interface Route {
  /** The screen's key in the route table (App.tsx, SCREENS). */
  readonly screen: string;
  /** The open scenario's id, when one is open. */
  readonly scenario?: string;
  /** A variant of the scenario applied on every screen, when one is chosen. */
  readonly variant?: string;
  /** A finished live session replayed on the Simulation screen (`&live=<session id>`). */
  readonly live?: string;
}

/** Reads a location hash (`#/what-if?scenario=ceasefire&variant=us-deal`); unknown parts are dropped. */
export function parseRoute(hash: string, screens: readonly string[], fallbackScreen: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const q = h.indexOf('?');
  const path = decodeURIComponent(q < 0 ? h : h.slice(0, q)).replace(/\/+$/, '');
  const params = new URLSearchParams(q < 0 ? '' : h.slice(q + 1));
  const scenario = params.get('scenario') || undefined;
  const variant = params.get('variant') || undefined;
  const live = params.get('live') || undefined;
  const screen = screens.includes(path) ? path : fallbackScreen;
  return {
    screen,
    ...(scenario ? { scenario } : {}),
    ...(scenario && variant ? { variant } : {}),
    ...(scenario && live && screen === 'simulation' ? { live } : {}),
  };
}

/** The hash for a route (the inverse of parseRoute). */
export function formatRoute(r: Route): string {
  const params = new URLSearchParams();
  if (r.scenario) params.set('scenario', r.scenario);
  if (r.scenario && r.variant) params.set('variant', r.variant);
  if (r.scenario && r.live && r.screen === 'simulation') params.set('live', r.live);
  const q = params.toString();
  return `#/${encodeURIComponent(r.screen)}${q ? `?${q}` : ''}`;
}

export const sameRoute = (a: Route, b: Route): boolean => a.screen === b.screen && a.scenario === b.scenario && a.variant === b.variant && a.live === b.live;
