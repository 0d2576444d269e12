import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutcomeSpace } from '../model/outcome-space.ts';
import { BayesianModel, evaluationShapes } from './bayesian-model.ts';
import { ConcessionTracker, GaussianProcess, evalPolynomial, fitPolynomial } from './gaussian-process.ts';

describe('fitPolynomial', () => {
  it('recovers a cubic exactly from exact samples', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 }), (c) => {
        const x = Array.from({ length: 12 }, (_, i) => i / 11);
        const y = x.map((v) => evalPolynomial(c, v));
        const fit = fitPolynomial(x, y, 3);
        for (const v of [0, 0.37, 1]) expect(evalPolynomial(fit, v)).toBeCloseTo(evalPolynomial(c, v), 6);
      }),
      { numRuns: 50 },
    );
  });
});

describe('GaussianProcess', () => {
  it('passes near its data, extrapolates the trend, and is less sure away from the data', () => {
    const x = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3];
    const y = x.map((v) => 0.2 + v);
    const gp = new GaussianProcess().fit(x, y);
    for (let i = 0; i < x.length; i++) expect(gp.predict(x[i]!).mean).toBeCloseTo(y[i]!, 1);
    expect(gp.predict(0.9).mean).toBeCloseTo(1.1, 1);
    expect(gp.predict(0.9).sd).toBeGreaterThan(gp.predict(0.2).sd);
    expect(new GaussianProcess().predict(0.5).sd).toBeGreaterThan(0);
  });
});

describe('ConcessionTracker', () => {
  it('keeps the best utility per time slot', () => {
    const c = new ConcessionTracker(10);
    c.add(0.01, 0.2);
    c.add(0.05, 0.4);
    c.add(0.07, 0.3);
    c.add(0.55, 0.6);
    expect(c.series()).toEqual({ x: [0.05, 0.55], y: [0.4, 0.6] });
    expect(c.series(0.5)).toEqual({ x: [0.05], y: [0.4] });
  });
});

describe('BayesianModel', () => {
  it('has downhill, uphill and triangular shapes in [0, 1], and learns which issue a conceding party keeps', () => {
    const shapes = evaluationShapes(4);
    expect(shapes.map((s) => Array.from(s))).toEqual([
      [1, 2 / 3, 1 / 3, 0],
      [0, 1 / 3, 2 / 3, 1],
      [0, 1, 0.5, 0],
      [0, 0.5, 1, 0],
    ]);
    const space = new OutcomeSpace([
      { name: 'a', type: 'categorical', options: [0, 1, 2, 3].map((k) => ({ name: `a${k}` })) },
      { name: 'b', type: 'categorical', options: [0, 1, 2, 3].map((k) => ({ name: `b${k}` })) },
    ]);
    const m = new BayesianModel(space);
    expect(m.utility('p', [0, 0])).toBe(0.5);
    // The party always asks for a = 3 and slides b down from 3: a matters, b does not.
    for (let k = 0; k < 12; k++) m.update('p', [3, 3 - (k % 4)]);
    const lin = m.linear('p')!;
    expect(lin.weights[0]!).toBeGreaterThan(lin.weights[1]!);
    expect(m.utility('p', [3, 0])).toBeGreaterThan(m.utility('p', [0, 3]));
    expect(lin.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
  });
});
