import { readNative } from 'parley';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../src/testing/shared.ts';
import { OpponentModelChart } from '../plot/OpponentModelChart.tsx';
import { simulate } from './simulate.ts';

const ceasefire = readNative('ceasefire.yaml', readFileSync(join(REPO_ROOT, 'scenarios', 'ceasefire.yaml'), 'utf8'));

describe('simulation with opponent models', () => {
  it('joins the first run’s model estimates with the truth, and charts them', () => {
    const s = simulate(ceasefire, { protocol: 'saop', agents: ['HardHeaded', 'AgentSmith'], rounds: 60, seed: 2, repeats: 2 });
    const m = s.models!;
    expect(m.points.length).toBeGreaterThan(0);
    expect(new Set(m.points.map((p) => p.by))).toEqual(new Set(['russia', 'ukraine']));
    for (const p of m.points) {
      expect(p.by).not.toBe(p.about);
      expect(p.truth).toBeGreaterThanOrEqual(0);
    }
    expect(m.accuracy.length).toBeGreaterThan(0);
    for (const a of m.accuracy) expect(a.exact).toBe(true);
    const html = renderToStaticMarkup(createElement(OpponentModelChart, { report: m, nameOf: (id: string) => id.toUpperCase() }));
    expect(html).toContain('Opponent model: estimated against true utility of each offer');
    expect(html).toContain('Pearson r');
    expect(html).toContain('RUSSIA');
  });

  it('has no model report when no agent has a model', () => {
    expect(simulate(ceasefire, { protocol: 'saop', agents: ['boulware'], rounds: 20, seed: 1, repeats: 1 }).models).toBeUndefined();
  });
});
