// A user agent stuck in `while (true) {}`: its thread is replaced, its cells show faults, the other cells are intact.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parley } from '../testing/cli.ts';
import { REPO_ROOT, SCENARIOS_DIR } from '../testing/shared.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-runaway-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LOOPS = join(REPO_ROOT, 'src/node/fixtures/loops-forever-agent.ts');
const CAMERA = join(SCENARIOS_DIR, 'genius/anac/y2011/Camera');

/** Fields of one CSV line (RFC 4180 quotes). */
function splitCsv(line: string): string[] {
  return [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
}

interface Cell {
  agent: string;
  opponent: string;
  negotiations: number;
  meanUtility: number;
  agreementRate: number;
  faults: number;
}

describe('a runaway agent in a tournament', () => {
  it('finishes: the runaway’s cells show faults, the others are as without it', () => {
    const common = ['--scenarios', CAMERA, '--repetitions', '2', '--rounds', '100', '--seed', '2', '--workers', '2'];
    const csv = join(dir, 'with.csv');
    const r = parley('tournament', '--agents', `boulware,conceder,${LOOPS}`, ...common, '--negotiation-limit', '1000', '--db', join(dir, 'with.db'), '--export', csv, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/overran its time limit/);
    const s = JSON.parse(r.stdout) as { negotiations: number; faults: number; cells: Cell[]; ranking: { agent: string; faults: number }[] };
    expect(s.negotiations).toBe(6 * 2);
    // Every negotiation with the runaway (4 pairings × 2 repetitions) is a fault, charged to the runaway's seat.
    expect(s.faults).toBe(8);
    const loops = s.ranking.find((x) => x.agent === LOOPS)!;
    expect(loops.faults).toBe(8);
    expect(s.ranking.filter((x) => x.agent !== LOOPS).every((x) => x.faults === 0)).toBe(true);
    for (const c of s.cells) {
      if (c.agent === LOOPS || c.opponent === LOOPS) expect(c.faults).toBe(c.negotiations);
      else expect(c.faults).toBe(0);
    }
    const lines = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
    const faultsByAgent = new Map<string, string[]>();
    for (const l of lines) {
      const cells = splitCsv(l);
      const agent = cells[6]!;
      const fault = cells[15]!;
      if (fault) faultsByAgent.set(agent, [...(faultsByAgent.get(agent) ?? []), fault]);
    }
    expect([...faultsByAgent.keys()]).toEqual([LOOPS]);
    expect(faultsByAgent.get(LOOPS)).toEqual(new Array(8).fill('negotiation-timeout'));

    const without = parley('tournament', '--agents', 'boulware,conceder', ...common, '--db', join(dir, 'without.db'), '--json');
    expect(without.code, without.stderr).toBe(0);
    const w = JSON.parse(without.stdout) as { cells: Cell[] };
    const intact = s.cells.filter((c) => c.agent !== LOOPS && c.opponent !== LOOPS);
    expect(intact).toEqual(w.cells);
  }, 240_000);
});
