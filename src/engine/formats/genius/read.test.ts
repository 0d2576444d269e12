import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSourceFiles } from '../../../node/load-files.ts';
import { foldersWithFiles, SCENARIOS_DIR } from '../../../testing/shared.ts';
import { issueSize } from '../../model/issue.ts';
import { OutcomeSpace } from '../../model/outcome-space.ts';
import type { Party } from '../../model/party.ts';
import type { Scenario } from '../../model/scenario.ts';
import { compileUtility } from '../../model/utility-function.ts';
import { createRng } from '../../util/rng.ts';
import { geniusImporter, readGenius } from './index.ts';

const GENIUS = join(SCENARIOS_DIR, 'genius');
const load = (...parts: string[]): Scenario => readGenius(loadSourceFiles([join(GENIUS, ...parts)]));
const party = (s: Scenario, id: string): Party => {
  const p = s.parties.find((x) => x.id === id);
  if (!p) throw new Error(`no party ${id} in ${s.parties.map((x) => x.id).join(', ')}`);
  return p;
};
const utilityOf = (s: Scenario, id: string, outcome: number[]): number => compileUtility(new OutcomeSpace(s.issues), party(s, id).preferences!).utility(outcome);

/** The largest utility linear-additive preferences can reach with weights as written: Σ positive weights (values are ≤ 1). */
function upperBound(p: Party): number {
  const prefs = p.preferences!;
  if (prefs.type === 'constraints') return 1;
  return Math.max(1, prefs.weights.reduce((s, w) => s + Math.max(w, 0), 0));
}

describe('every GENIUS folder of the shared scenarios', () => {
  const folders = foldersWithFiles(GENIUS, /\.xml$/i);
  it('finds the folders', () => {
    expect(folders.length).toBeGreaterThan(100);
  });
  it.each(folders.map((f) => [relative(GENIUS, f), f]))('%s loads with sane utilities', (_name, folder) => {
    const files = loadSourceFiles([folder]);
    expect(geniusImporter.detect(files)).toBeGreaterThan(0);
    const s = readGenius(files);
    expect(s.parties.length).toBeGreaterThanOrEqual(1);
    expect(s.origin?.format).toBe('genius');
    expect(s.agreement.type).toBe('unanimity');
    const space = new OutcomeSpace(s.issues);
    expect(space.size).toBe(s.issues.reduce((acc, i) => acc * BigInt(issueSize(i)), 1n));
    const rng = createRng(20240611);
    const outcomes = Array.from({ length: 5 }, () => space.sample(rng));
    for (const p of s.parties) {
      expect(p.role).toBe('negotiator');
      const f = compileUtility(space, p.preferences!);
      for (const o of outcomes) {
        const u = f.utility(o);
        expect(Number.isFinite(u)).toBe(true);
        expect(u).toBeGreaterThanOrEqual(0);
        expect(u).toBeLessThanOrEqual(upperBound(p) + 1e-12);
      }
    }
  });
});

describe('GENIUS semantics, computed by hand from the XML', () => {
  it('ANAC 2011 Laptop: evaluation / issue maximum, weights as written (they sum to 1.0001)', () => {
    const s = load('anac', 'y2011', 'Laptop');
    expect(s.name).toBe('laptop');
    expect(s.parties.map((p) => p.id)).toEqual(['laptop_buyer_utility', 'laptop_seller_utility']);
    expect(s.issues.map((i) => i.name)).toEqual(['Laptop', 'Harddisk', 'External Monitor']);
    const wb = [0.4452125771655631, 0.37808251708013424, 0.1767567099260568];
    // Buyer best: HP (30/30), 60 Gb (30/30), 19'' LCD (30/30).
    expect(utilityOf(s, 'laptop_buyer_utility', [2, 0, 0])).toBeCloseTo(wb[0]! + wb[1]! + wb[2]!, 15);
    expect(utilityOf(s, 'laptop_buyer_utility', [2, 0, 0])).toBeGreaterThan(1);
    // Buyer worst: Dell (12/30), 120 Gb (9/30), 20'' LCD (10/30).
    expect(utilityOf(s, 'laptop_buyer_utility', [0, 2, 1])).toBeCloseTo(wb[0]! * (12 / 30) + wb[1]! * (9 / 30) + wb[2]! * (10 / 30), 15);
    // Seller: Macintosh 30/30, 80 Gb 30/30, 19'' 3/3 is its best; Dell 12/30, 120 Gb 9/30, 23'' 1/3 its worst.
    const ws = [0.37808251708013424, 0.1767567099260568, 0.4452125771655631];
    expect(utilityOf(s, 'laptop_seller_utility', [1, 1, 0])).toBeCloseTo(ws[0]! + ws[1]! + ws[2]!, 15);
    expect(utilityOf(s, 'laptop_seller_utility', [0, 2, 2])).toBeCloseTo(ws[0]! * (12 / 30) + ws[1]! * (9 / 30) + ws[2]! * (1 / 3), 15);
    expect(party(s, 'laptop_buyer_utility').discount).toEqual({ factor: 0.42441038, per: 'time' });
    expect(party(s, 'laptop_buyer_utility').reservation).toEqual({ value: 0 });
  });

  it('IntegerDomain: clip(slope·(x − lowerbound) + offset, 0, 1)', () => {
    const s = load('other', 'IntegerDomain');
    expect(s.issues).toEqual([
      { type: 'integer', name: 'price', min: -5, max: 5 },
      { type: 'integer', name: 'otherprice', min: -5, max: 5 },
    ]);
    // prof1: price 0.75 · clip(0.08·(x+5) + 0.3), otherprice 0.25 · clip(0.1·(x+5)).
    expect(utilityOf(s, 'IntegerDomain-prof1', [10, 0])).toBeCloseTo(0.75 * 1 + 0.25 * 0, 15); // 0.08·10+0.3 = 1.1 clipped to 1
    expect(utilityOf(s, 'IntegerDomain-prof1', [5, 5])).toBeCloseTo(0.75 * 0.7 + 0.25 * 0.5, 15);
    expect(utilityOf(s, 'IntegerDomain-prof1', [0, 10])).toBeCloseTo(0.75 * 0.3 + 0.25 * 1, 15);
    // prof2: price 0.25 · clip(0.1·(x+5)), otherprice 0.75 · clip(0.1·(x+5)).
    expect(utilityOf(s, 'IntegerDomain-prof2', [5, 5])).toBeCloseTo(0.25 * 0.5 + 0.75 * 0.5, 15);
    // discount_factor 0.0 means no discount; reservation 0.0.
    expect(party(s, 'IntegerDomain-prof1').discount).toBeUndefined();
    expect(party(s, 'IntegerDomain-prof1').reservation).toEqual({ value: 0 });
  });

  it('web_service: legacy parameter0/parameter1 integer evaluator is clip(p1·x + p0) on the raw value', () => {
    const s = load('other', 'web_service');
    expect(s.issues[0]).toEqual({ type: 'integer', name: 'Agent_B_revenue', min: 0, max: 2000 });
    // agent A: parameter0 = 1, parameter1 = −0.0005, weight 1.
    expect(utilityOf(s, 'web_service_agent_A', [0])).toBeCloseTo(1, 15);
    expect(utilityOf(s, 'web_service_agent_A', [1000])).toBeCloseTo(0.5, 15);
    expect(utilityOf(s, 'web_service_agent_A', [2000])).toBeCloseTo(0, 15);
  });

  it('ANAC 2014 nonlinear: Σ matching rectangle utilities / maxutility', () => {
    const s = load('anac', 'y2014', '10issues');
    const p = party(s, 'profile-1');
    expect(p.preferences?.type).toBe('constraints');
    // All ten issues at value 0: the rectangles that contain it pay 27 (c1-i2 0..6), 56, 1 (c1-i8 0..7 & c1-i2 0..6),
    // 9 (c1-i2 0..8) and 93 (c1-i9 0..7, c1-i3 0..5, c1-i1 0..5); maxutility 662.
    expect(utilityOf(s, 'profile-1', new Array(10).fill(0))).toBeCloseTo((27 + 56 + 1 + 9 + 93) / 662, 15);
    expect(p.reservation).toEqual({ value: 0 });
    expect(p.discount).toBeUndefined();
  });

  it('nonlinear profiles agree with an independent reading of every rectangle (INCLUDES and EXCLUDES)', () => {
    const folders = foldersWithFiles(GENIUS, /^profile-\d+\.xml$/).filter((f) => /y2014|S-1/.test(f));
    expect(folders.length).toBeGreaterThanOrEqual(18);
    const rng = createRng(7);
    for (const folder of folders) {
      const s = readGenius(loadSourceFiles([folder]));
      const space = new OutcomeSpace(s.issues);
      for (const p of s.parties) {
        const text = readFileSync(join(folder, `${p.id}.xml`), 'utf8');
        const max = Number(/maxutility="([^"]+)"/.exec(text)![1]);
        const rects = [...text.matchAll(/<hyperRectangle utility="([^"]+)">([\s\S]*?)<\/hyperRectangle>/g)].map((m) => ({
          utility: Number(m[1]),
          bounds: [...m[2]!.matchAll(/<(INCLUDES|EXCLUDES) index="(\d+)" min="(-?\d+)" max="(-?\d+)"/g)].map((b) => ({
            kind: b[1]!,
            index: Number(b[2]),
            min: Number(b[3]),
            max: Number(b[4]),
          })),
        }));
        const f = compileUtility(space, p.preferences!);
        for (let k = 0; k < 20; k++) {
          const o = space.sample(rng);
          // Issue index attributes are 1..n in these files and every issue's lowerbound is 0.
          const value = (index: number) => o[index - 1]!;
          let sum = 0;
          for (const r of rects) {
            const excl = r.bounds.some((b) => b.kind === 'EXCLUDES');
            const outside = r.bounds.some((b) => value(b.index) < b.min || value(b.index) > b.max);
            if (excl ? outside : !outside) sum += r.utility;
          }
          expect(f.utility(o)).toBeCloseTo(Math.min(1, sum / max), 12);
        }
      }
    }
  });

  it('weights summing to 1.0001 are kept (journal_learning six_issues a_n_d_d)', () => {
    const s = load('other', 'journal_learning', 'six_issues');
    const p = party(s, 'a_n_d_d');
    expect(p.preferences?.type).toBe('linear-additive');
    const prefs = p.preferences as unknown as { weights: number[]; values: { type: string; values: number[] }[] };
    expect(prefs.weights).toEqual([0.6337, 0.2331, 0.0858, 0.0316, 0.0116, 0.0043]);
    // Every issue at its best value: U = Σ weights = 1.0001.
    const best = prefs.values.map((f) => f.values.indexOf(Math.max(...f.values)));
    expect(utilityOf(s, 'a_n_d_d', best)).toBeCloseTo(0.6337 + 0.2331 + 0.0858 + 0.0316 + 0.0116 + 0.0043, 15);
    expect(utilityOf(s, 'a_n_d_d', best)).toBeCloseTo(1.0001, 12);
  });

  it('ANAC 2012 B and C variants: discount and reservation', () => {
    const b = load('anac', 'y2012', 'LaptopB');
    expect(party(b, 'Laptop-B-prof1').discount).toEqual({ factor: 0.75, per: 'time' });
    expect(party(b, 'Laptop-B-prof1').reservation).toEqual({ value: 0.25 });
    const c = load('anac', 'y2012', 'LaptopC');
    expect(party(c, 'Laptop-C-prof2').discount).toBeUndefined(); // 1.00 means none
    expect(party(c, 'Laptop-C-prof2').reservation).toEqual({ value: 0 });
  });

  it('y2012 Fitness: a weight on the objective itself (index 1) is ignored, as GENIUS sums issue weights only', () => {
    const s = load('anac', 'y2012', 'FitnessA');
    const prefs = party(s, 'Fitness-A-prof1').preferences as unknown as { weights: number[] };
    expect(prefs.weights).toEqual([0.15354168265071755, 0.04506011216336407, 0.2981224975326285, 0.29905439297725833, 0.20422131467603144]);
  });

  it('skips files that are neither domain nor profile, with the reason', () => {
    const s = load('other', 'journal_learning', 'four_issues');
    const skipped = s.origin?.skipped ?? [];
    expect(skipped.find((x) => x.file.endsWith('4-issues-RW.xml'))?.reason).toMatch(/<Tournament>/);
    expect(skipped.find((x) => x.file.endsWith('model_quality.xsl'))?.reason).toMatch(/\.xsl/);
    const y2014 = load('anac', 'y2014', '10issues');
    expect(y2014.origin?.skipped?.[0]?.reason).toMatch(/CSV/);
    expect(y2014.origin?.files.some((f) => f.endsWith('pareto.xml'))).toBe(false);
  });

  it('a folder = its domain and every profile; explicit files select a subset', () => {
    const all = load('other', 'Domain16');
    expect(all.parties.length).toBe(6);
    const dir = join(GENIUS, 'other', 'Domain16');
    const some = readGenius(loadSourceFiles([join(dir, 'Domain16.xml'), join(dir, 'Domain16_util2.xml')]));
    expect(some.parties.map((p) => p.id)).toEqual(['Domain16_util2']);
  });
});

describe('reference solutions by brute force', () => {
  const nash = (s: Scenario) => {
    const space = new OutcomeSpace(s.issues);
    const fs = s.parties.map((p) => compileUtility(space, p.preferences!));
    const rv = s.parties.map((p) => (p.reservation && 'value' in p.reservation ? p.reservation.value : 0));
    let best = -Infinity;
    let at: number[] = [];
    for (let i = 0; i < Number(space.size); i++) {
      const o = space.outcomeAt(i);
      const u = fs.map((f) => f.utility(o));
      if (u.some((x, k) => x < rv[k]!)) continue;
      const prod = u.reduce((acc, x, k) => acc * (x - rv[k]!), 1);
      if (prod > best) {
        best = prod;
        at = u;
      }
    }
    return { size: space.size, utilities: at };
  };

  it('y2011 Laptop: Nash point at buyer 1.0001, seller 0.8151', () => {
    const r = nash(load('anac', 'y2011', 'Laptop'));
    expect(r.size).toBe(27n);
    expect(r.utilities.map((u) => u.toFixed(4))).toEqual(['1.0001', '0.8151']);
  });

  it('y2010 EnglandZimbabwe: Nash point at England 0.9109, Zimbabwe 0.7332', () => {
    const s = load('anac', 'y2010', 'EnglandZimbabwe');
    expect(s.parties.map((p) => p.id)).toEqual(['England', 'Zimbabwe']);
    const r = nash(s);
    expect(r.size).toBe(576n);
    expect(r.utilities.map((u) => u.toFixed(4))).toEqual(['0.9109', '0.7332']);
  });
});

describe('huge outcome spaces', () => {
  afterEach(() => vi.restoreAllMocks());
  it('y2014 and S-1 domains (≥ 10^10 outcomes) load without enumerating', () => {
    const spy = vi.spyOn(OutcomeSpace.prototype, 'forEachBlock');
    const outcomeAt = vi.spyOn(OutcomeSpace.prototype, 'outcomeAt');
    const folders = foldersWithFiles(GENIUS, /\.xml$/i).filter((f) => /y2014|S-1/.test(f));
    expect(folders.length).toBe(18);
    for (const f of folders) {
      const s = readGenius(loadSourceFiles([f]));
      expect(new OutcomeSpace(s.issues).size).toBeGreaterThanOrEqual(10n ** 10n);
    }
    expect(spy).not.toHaveBeenCalled();
    expect(outcomeAt).not.toHaveBeenCalled();
  });
});
