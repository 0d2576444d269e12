import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, sameRoute, type Route } from './route.ts';

const SCREENS = ['library', 'editor', 'analysis', 'what-if'];

describe('routes in the location hash', () => {
  it('reads screen, scenario and variant', () => {
    expect(parseRoute('#/what-if?scenario=ceasefire&variant=us-deal', SCREENS, 'analysis')).toEqual({ screen: 'what-if', scenario: 'ceasefire', variant: 'us-deal' });
    expect(parseRoute('#/editor', SCREENS, 'analysis')).toEqual({ screen: 'editor' });
  });

  it('falls back to the default screen for an unknown or empty one, and drops a variant without a scenario', () => {
    expect(parseRoute('', SCREENS, 'analysis')).toEqual({ screen: 'analysis' });
    expect(parseRoute('#/nowhere?scenario=x', SCREENS, 'analysis')).toEqual({ screen: 'analysis', scenario: 'x' });
    expect(parseRoute('#/editor?variant=v', SCREENS, 'analysis')).toEqual({ screen: 'editor' });
  });

  it('round-trips ids that need escaping', () => {
    const routes: Route[] = [
      { screen: 'editor', scenario: 'a b&c=d/é', variant: '#1?x' },
      { screen: 'library' },
      { screen: 'what-if', scenario: '0f6c2a5e-1111-4222-8333-944445555666' },
    ];
    for (const r of routes) {
      const back = parseRoute(formatRoute(r), SCREENS, 'analysis');
      expect(back).toEqual(r);
      expect(sameRoute(back, r)).toBe(true);
    }
    expect(sameRoute({ screen: 'editor' }, { screen: 'editor', scenario: 'x' })).toBe(false);
  });
  it('keeps a live session to replay on the Simulation screen only', () => {
    const screens = [...SCREENS, 'simulation'];
    const r = parseRoute('#/simulation?scenario=ceasefire&variant=v&live=L1', screens, 'analysis');
    expect(r).toEqual({ screen: 'simulation', scenario: 'ceasefire', variant: 'v', live: 'L1' });
    expect(parseRoute(formatRoute(r), screens, 'analysis')).toEqual(r);
    expect(parseRoute('#/analysis?scenario=ceasefire&live=L1', screens, 'analysis')).toEqual({ screen: 'analysis', scenario: 'ceasefire' });
    expect(formatRoute({ ...r, screen: 'analysis' })).toBe('#/analysis?scenario=ceasefire&variant=v');
    expect(sameRoute(r, { ...r, live: 'L2' })).toBe(false);
  });
});
