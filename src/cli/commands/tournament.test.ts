// `parley tournament` end to end in child processes: the --json shape, determinism whatever the workers, bad configurations.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parley } from '../../testing/cli.ts';
import { SCENARIOS_DIR } from '../../testing/shared.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-tournament-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CAMERA = join(SCENARIOS_DIR, 'genius/anac/y2011/Camera');
const ITEX = join(SCENARIOS_DIR, 'genius/anac/y2010/ItexvsCypress');

describe('parley tournament', () => {
  it('prints the summary as JSON with the documented fields, ranking best first', () => {
    const db = join(dir, 'json.db');
    const r = parley('tournament', '--agents', 'boulware,conceder,micro,time-dependent:e=0.5', '--scenarios', `${CAMERA},${ITEX}`, '--repetitions', '2', '--rounds', '200', '--seed', '3', '--workers', '2', '--db', db, '--json');
    expect(r.stderr).toMatch(/tournament t\w+: 48 negotiations/);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, unknown> & { ranking: { agent: string; score: number; low: number; high: number; agreementRate: number; meanUtility: number }[] };
    expect(s.id).toMatch(/^t\w+$/);
    expect(s.negotiations).toBe(4 * 3 * 2 * 2); // ordered pairs × scenarios × repetitions
    expect(typeof s.agreements).toBe('number');
    expect(s.faults).toBe(0);
    expect(typeof s.seconds).toBe('number');
    expect(s.ranking.map((x) => x.agent).sort()).toEqual(['boulware', 'conceder', 'micro', 'time-dependent:e=0.5']);
    for (const x of s.ranking) {
      expect(Object.keys(x)).toEqual(expect.arrayContaining(['agent', 'score', 'low', 'high', 'agreementRate', 'meanUtility']));
      expect(x.low).toBeLessThanOrEqual(x.score + 1e-12);
      expect(x.high).toBeGreaterThanOrEqual(x.score - 1e-12);
      expect(x.score).toBe(x.meanUtility);
    }
    const scores = s.ranking.map((x) => x.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // The run is listed, and --resume of a finished run only re-reads it.
    const list = JSON.parse(parley('tournament', '--list', '--db', db, '--json').stdout) as { id: string; status: string; done: number }[];
    expect(list).toEqual([expect.objectContaining({ id: s.id, status: 'done', done: 48 })]);
    const again = parley('tournament', '--resume', String(s.id), '--db', db, '--json');
    expect(again.code).toBe(0);
    const s2 = JSON.parse(again.stdout) as typeof s;
    expect(s2.ranThisSession).toBe(0);
    expect(s2.ranking).toEqual(s.ranking);
  });

  it('gives the same result table and scores whatever the number of workers and the batch size', () => {
    const run = (workers: string, batch: string) => {
      const db = join(dir, `det-${workers}-${batch}.db`);
      const csv = join(dir, `det-${workers}-${batch}.csv`);
      const r = parley('tournament', '--agents', 'boulware,conceder,naive-tft,random', '--scenarios', `${CAMERA},${ITEX}`, '--repetitions', '2', '--self-play', '--rounds', '300', '--seed', '11', '--workers', workers, '--batch', batch, '--db', db, '--export', csv, '--json');
      expect(r.code).toBe(0);
      const s = JSON.parse(r.stdout) as { id: string; seconds: number; ranThisSession: number };
      return { csv: readFileSync(csv, 'utf8'), summary: { ...s, id: '', seconds: 0 } };
    };
    const one = run('1', '64');
    const two = run('2', '3');
    expect(one.csv.split('\n').length).toBe(1 + 2 * (4 * 3 + 4) * 2 * 2 + 1);
    expect(two.csv).toBe(one.csv);
    expect(two.summary).toEqual(one.summary);
  });

  it('reads a configuration file; flags override its keys; --help shows a complete example', () => {
    const cfg = join(dir, 'cfg.yaml');
    writeFileSync(cfg, `agents:\n  - boulware\n  - {name: time-dependent, params: {e: 2}, label: eager}\nscenarios:\n  - ${ITEX}\nrepetitions: 3\nrounds: 100\n`);
    const r = parley('tournament', cfg, '--repetitions', '1', '--db', join(dir, 'cfg.db'), '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { negotiations: number; agents: string[] };
    expect(s.negotiations).toBe(2);
    expect(s.agents).toEqual(['boulware', 'eager']);
    const help = parley('tournament', '--help');
    expect(help.code).toBe(0);
    for (const key of ['agents:', 'scenarios:', 'repetitions:', 'rounds:', 'seed:', 'protocol:', 'selfPlay:', '{name: time-dependent, params: {e: 0.5}}']) expect(help.stdout).toContain(key);
  });

  describe('bad configurations: a clear error naming the place, exit 1, nothing written', () => {
    const bad = (name: string, yaml: string, ...flags: string[]) => {
      const cfg = join(dir, `${name}.yaml`);
      writeFileSync(cfg, yaml);
      const db = join(dir, `${name}-data`, 'parley.db');
      const r = parley('tournament', cfg, '--db', db, ...flags);
      expect(r.code).toBe(1);
      expect(existsSync(join(dir, `${name}-data`))).toBe(false);
      expect(r.stdout).toBe('');
      return r.stderr;
    };

    it('an unknown agent', () => {
      const err = bad('unknown', `agents: [boulware, nosuchagent]\nscenarios: [${CAMERA}]\n`);
      expect(err).toMatch(/unknown\.yaml:1:\d+: agents\[1\]: unknown agent "nosuchagent"; available: .*boulware/);
    });

    it('a missing scenario', () => {
      const err = bad('missing', `agents: [boulware, conceder]\nscenarios:\n  - ${CAMERA}\n  - ./no/such/scenario\n`);
      expect(err).toMatch(/missing\.yaml:4:5: scenarios\[1\]: no such scenario file or folder: \.\/no\/such\/scenario/);
    });

    it('malformed YAML', () => {
      const err = bad('malformed', `agents: [boulware, conceder\nscenarios: [${CAMERA}]\n`);
      expect(err).toMatch(/malformed\.yaml:\d+:\d+: /);
    });

    it('zero repetitions, in the file and as a flag', () => {
      expect(bad('zero', `agents: [boulware, conceder]\nscenarios: [${CAMERA}]\nrepetitions: 0\n`)).toMatch(/zero\.yaml:3:14: repetitions: expected a whole number of repetitions ≥ 1, got 0/);
      expect(bad('zeroflag', `agents: [boulware, conceder]\nscenarios: [${CAMERA}]\n`, '--repetitions', '0')).toMatch(/--repetitions: expected a whole number of repetitions ≥ 1, got 0/);
    });

    it('lists every problem at once, and an unknown key', () => {
      const err = bad('many', `agents: [boulware, nosuch]\nscenarios: [./nowhere]\nrepetition: 2\n`);
      expect(err).toMatch(/many\.yaml:3:1: repetition: unknown field "repetition"/);
      const err2 = bad('many2', `agents: [boulware, nosuch]\nscenarios: [./nowhere]\n`);
      expect(err2).toMatch(/2 problems/);
      expect(err2).toMatch(/agents\[1\]/);
      expect(err2).toMatch(/scenarios\[0\]/);
    });

    it('without a configuration: a usage error', () => {
      const r = parley('tournament', '--db', join(dir, 'none', 'x.db'));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/give a configuration file, or --agents and --scenarios/);
    });
  });
});
