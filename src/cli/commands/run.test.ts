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
    expect(r.stdout).toMatch(/camera_buyer_utility\s+boulware\s+0\.\d{4}\s+0\.0000\s+0\.\d{4}/);
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
    const j = JSON.parse(r.stdout) as { summary: { runs: number; seeds: number[]; agreementRate: number; meanRounds: number }; runs: { seed: number }[] };
    expect(j.summary.runs).toBe(4);
    expect(j.runs.map((x) => x.seed)).toEqual([10, 11, 12, 13]);
    expect(j.summary.agreementRate).toBeGreaterThanOrEqual(0);
    const text = parley('run', CAMERA, '--agents', 'boulware,conceder', '--repeat', '2');
    expect(text.stdout).toMatch(/Agreement rate: 100\.0%/);
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
