import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCENARIOS_DIR } from '../../testing/shared.ts';
import { loadScenario } from '../load-scenario.ts';
import { replay } from '../../engine/negotiation/replay.ts';
import { traceFromJsonLines } from '../../engine/negotiation/trace.ts';
import { parley } from '../../testing/cli.ts';

const CAMERA = join(SCENARIOS_DIR, 'genius/anac/y2011/Camera');

describe('parley run', () => {
  it('prints the agreement, utilities, advantages, rounds and distances', () => {
    const r = parley('run', CAMERA, '--agents', 'boulware,conceder');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Agreement in round \d+: Maker=/);
    // Camera discounts (factor 0.89): utility, undiscounted utility, discounted reservation, advantage
    expect(r.stdout).toMatch(/camera_buyer_utility\s+boulware\s+0\.\d{4}\s+\d\.\d{4}\s+0\.0000\s+0\.\d{4}/);
    expect(r.stdout).toMatch(/Distance to the Pareto frontier: \d\.\d{4}\s+to the Nash point: \d\.\d{4}/);
  });

  it('prints JSON with the agreement, utilities by party, rounds and faults, and writes a trace that replays', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-run-'));
    const trace = join(dir, 'trace.jsonl');
    const r = parley('run', CAMERA, '--agents', 'micro,random', '--seed', '5', '--rounds', '200', '--json', '--trace', trace);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & { utilities: Record<string, number>; rounds: number; faults: unknown[]; agreement: unknown };
    expect(Object.keys(j.utilities)).toEqual(['camera_buyer_utility', 'camera_seller_utility']);
    expect(j.faults).toEqual([]);
    expect(j.rounds).toBeGreaterThan(0);
    expect('agreement' in j).toBe(true);
    const events = traceFromJsonLines(readFileSync(trace, 'utf8'));
    const rep = replay(loadScenario([CAMERA]), events);
    expect(rep.problems).toEqual([]);
    expect(rep.result!.utilities).toEqual(j.utilities);
    expect(rep.result!.rounds).toBe(j.rounds);
  });

  it('repeats with consecutive seeds and summarises', () => {
    const r = parley('run', CAMERA, '--agents', 'random', '--repeat', '4', '--seed', '10', '--rounds', '50', '--json', '--no-analysis');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      summary: { runs: number; seeds: number[]; agreementRate: number; meanRounds: number; meanUtilities: Record<string, number> };
      runs: { seed: number; agreement: unknown; rounds: number; utilities: Record<string, number> }[];
    };
    expect(j.summary.runs).toBe(4);
    expect(j.summary.seeds).toEqual([10, 13]);
    expect(j.runs.map((x) => x.seed)).toEqual([10, 11, 12, 13]);
    // the summary is the runs' own statistics
    expect(j.summary.agreementRate).toBe(j.runs.filter((x) => x.agreement !== null).length / 4);
    expect(j.summary.meanRounds).toBe(j.runs.reduce((a, x) => a + x.rounds, 0) / 4);
    for (const id of Object.keys(j.runs[0]!.utilities)) expect(j.summary.meanUtilities[id]).toBeCloseTo(j.runs.reduce((a, x) => a + x.utilities[id]!, 0) / 4, 12);
    // and the runs are those of single runs with the same seeds
    const single = JSON.parse(parley('run', CAMERA, '--agents', 'random', '--seed', '12', '--rounds', '50', '--json', '--no-analysis').stdout) as { agreement: unknown; rounds: number };
    expect({ agreement: j.runs[2]!.agreement, rounds: j.runs[2]!.rounds }).toEqual({ agreement: single.agreement, rounds: single.rounds });
    const text = parley('run', CAMERA, '--agents', 'boulware,conceder', '--repeat', '2');
    expect(text.stdout).toMatch(/Agreement rate: 100\.0%/);
  });

  it('reports raw and discounted utilities, and advantages over the reservation discounted the same way (GENIUS)', () => {
    // ANAC 2012 Camera A: discount 0.75 and reservation 0.5 for both profiles
    const r = parley('run', join(SCENARIOS_DIR, 'genius/anac/y2012/CameraA'), '--agents', 'boulware,conceder', '--json', '--no-analysis');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      time: number;
      agreement: unknown;
      utilities: Record<string, number>;
      rawUtilities: Record<string, number>;
      reservations: Record<string, number>;
      discountedReservations: Record<string, number>;
      advantages: Record<string, number>;
    };
    expect(j.agreement).not.toBeNull();
    const delta = Math.pow(0.75, j.time);
    for (const id of Object.keys(j.utilities)) {
      expect(j.reservations[id]).toBe(0.5);
      expect(j.discountedReservations[id]).toBeCloseTo(0.5 * delta, 12);
      expect(j.utilities[id]).toBeCloseTo(j.rawUtilities[id]! * delta, 12);
      expect(j.advantages[id]).toBeCloseTo((j.rawUtilities[id]! - 0.5) * delta, 12);
    }
    const text = parley('run', join(SCENARIOS_DIR, 'genius/anac/y2012/CameraA'), '--agents', 'boulware,conceder', '--no-analysis').stdout;
    expect(text).toMatch(/utility\s+undiscounted\s+reservation \(discounted\)\s+advantage/);
    expect(text).toContain('advantage = discounted utility − discounted reservation (GENIUS)');
  });

  it('rejects unknown agents and protocols with a usage error', () => {
    const r = parley('run', CAMERA, '--agents', 'boulware,nobody');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown agent "nobody"; available: boulware, linear, conceder/);
    expect(parley('run', CAMERA, '--agents', 'boulware', '--protocol', 'auction').code).toBe(2);
    expect(parley('run', CAMERA, '--agents', 'a,b,c').code).toBe(2);
    const three = parley('run', CAMERA, '--agents', 'boulware,conceder,linear');
    expect(three.code).toBe(2);
    expect(three.stderr).toMatch(/3 agents for 2 participants/);
  });
});
