// Resume after kill -9: the result set equals an uninterrupted run's, row for row.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { parley } from '../testing/cli.ts';
import { REPO_ROOT, SCENARIOS_DIR } from '../testing/shared.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCENARIOS = ['genius/anac/y2011/Camera', 'genius/anac/y2011/Grocery', 'genius/anac/y2010/ItexvsCypress'].map((p) => join(SCENARIOS_DIR, p)).join(',');
const CONFIG = ['--agents', 'boulware,conceder,linear,naive-tft,micro', '--scenarios', SCENARIOS, '--repetitions', '4', '--self-play', '--seed', '5'];

/** Every stored row of a run, without the run id, in id order. */
function rowsOf(db: string, id: string): unknown[] {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare('SELECT id, scenario, repetition, seed, agents, utilities, agreement, rounds, end_reason, faults, pareto, nash FROM tournament_results WHERE tournament = ? ORDER BY id').all(id);
  } finally {
    conn.close();
  }
}

function countOf(db: string, id: string): number {
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (conn.prepare('SELECT COUNT(*) AS n FROM tournament_results WHERE tournament = ?').get(id) as { n: number }).n;
    } finally {
      conn.close();
    }
  } catch {
    return 0;
  }
}

describe('parley tournament --resume', () => {
  it('after kill -9 mid-run, continues to the same result set as an uninterrupted run', async () => {
    const killedDb = join(dir, 'killed.db');
    // One thread and small batches: many commits, so the kill lands between some of them.
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/parley.js'), 'tournament', ...CONFIG, '--workers', '1', '--batch', '3', '--db', killedDb], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    let id: string | undefined;
    let atKill = 0;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      id ??= /tournament (t\w+): \d+ negotiations/.exec(stderr)?.[1];
      if (id) {
        atKill = countOf(killedDb, id);
        if (atKill > 0) break;
      }
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(id, stderr).toBeDefined();
    expect(child.exitCode).toBeNull(); // still running
    process.kill(child.pid!, 'SIGKILL');
    await exited;
    const recorded = countOf(killedDb, id!);
    expect(recorded).toBeGreaterThanOrEqual(atKill);
    expect(recorded).toBeLessThan(300); // killed mid-run

    const resumed = parley('tournament', '--resume', id!, '--db', killedDb, '--workers', '2', '--json');
    expect(resumed.code, resumed.stderr).toBe(0);
    const rs = JSON.parse(resumed.stdout) as { negotiations: number; ranThisSession: number; complete: boolean };
    expect(rs.complete).toBe(true);
    expect(rs.negotiations).toBe(300);
    expect(rs.ranThisSession).toBe(300 - recorded);

    const wholeDb = join(dir, 'whole.db');
    const whole = parley('tournament', ...CONFIG, '--workers', '2', '--db', wholeDb, '--json');
    expect(whole.code, whole.stderr).toBe(0);
    const ws = JSON.parse(whole.stdout) as { id: string };

    const a = rowsOf(killedDb, id!);
    const b = rowsOf(wholeDb, ws.id);
    expect(a).toHaveLength(300);
    expect(a).toEqual(b);
    const strip = (s: Record<string, unknown>) => ({ ...s, id: '', seconds: 0, ranThisSession: 0 });
    expect(strip(JSON.parse(resumed.stdout) as Record<string, unknown>)).toEqual(strip(JSON.parse(whole.stdout) as Record<string, unknown>));
  }, 300_000);
});
