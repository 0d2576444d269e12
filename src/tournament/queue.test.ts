// Distributed over BullMQ: our own redis-server, three `parley worker` processes, one killed with kill -9 mid-run.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parley } from '../testing/cli.ts';
import { REPO_ROOT, SCENARIOS_DIR } from '../testing/shared.ts';
import { startRedis, waitFor, type RedisServer } from '../testing/redis.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-queue-'));
let redis: RedisServer | undefined;
let url = '';
const workers: ChildProcess[] = [];

function startWorker(): { proc: ChildProcess; log: () => string } {
  const proc = spawn(process.execPath, [join(REPO_ROOT, 'bin/parley.js'), 'worker', '--queue', url, '--workers', '1', '--stall-ms', '2000'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  workers.push(proc);
  return { proc, log: () => log };
}

beforeAll(async () => {
  redis = await startRedis();
  url = redis.url;
}, 30_000);

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM');
  await Promise.all(workers.map((w) => (w.exitCode === null && w.signalCode === null ? new Promise((r) => w.once('exit', r)) : undefined)));
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('parley tournament --queue with parley worker', () => {
  it('records every negotiation exactly once when a worker is killed with kill -9 mid-run', async () => {
    const started = [startWorker(), startWorker(), startWorker()];
    await waitFor(() => started.every((w) => /ready/.test(w.log())), 120_000, 'three workers');

    const SCENARIOS = ['genius/anac/y2011/Camera', 'genius/anac/y2010/ItexvsCypress'].map((p) => join(SCENARIOS_DIR, p)).join(',');
    const CONFIG = ['--agents', 'boulware,conceder,linear,micro', '--scenarios', SCENARIOS, '--repetitions', '5', '--self-play', '--rounds', '500', '--seed', '8'];
    const db = join(dir, 'queue.db');
    const coordinator = spawn(process.execPath, [join(REPO_ROOT, 'bin/parley.js'), 'tournament', ...CONFIG, '--queue', url, '--batch', '4', '--db', db, '--json'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    coordinator.stdout.on('data', (d: Buffer) => (out += d.toString()));
    coordinator.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const done = new Promise<number | null>((res) => coordinator.on('exit', (code) => res(code)));

    // Kill one worker once it has taken a batch (its log says it started its threads for the run) and results are coming in.
    const victim = started[1]!;
    await waitFor(() => /starting/.test(victim.log()), 120_000, 'the victim to take a batch');
    const id = await (async () => {
      await waitFor(() => /tournament (t\w+):/.test(err), 60_000, 'the run id');
      return /tournament (t\w+):/.exec(err)![1]!;
    })();
    const count = () => {
      try {
        const c = new Database(db, { readonly: true, fileMustExist: true });
        try {
          return (c.prepare('SELECT COUNT(*) AS n FROM tournament_results WHERE tournament = ?').get(id) as { n: number }).n;
        } finally {
          c.close();
        }
      } catch {
        return 0;
      }
    };
    await waitFor(() => count() > 0, 120_000, 'first results');
    process.kill(victim.proc.pid!, 'SIGKILL');
    const atKill = count();

    expect(await done, err).toBe(0);
    const total = 16 * 2 * 5;
    expect(atKill).toBeLessThan(total);
    const s = JSON.parse(out) as { negotiations: number; complete: boolean };
    expect(s.complete).toBe(true);
    expect(s.negotiations).toBe(total);
    const conn = new Database(db, { readonly: true });
    const ids = conn.prepare('SELECT id FROM tournament_results WHERE tournament = ? ORDER BY id').pluck().all(id) as number[];
    conn.close();
    expect(ids).toEqual(Array.from({ length: total }, (_, i) => i));

    // The same rows as a local run.
    const local = parley('tournament', ...CONFIG, '--workers', '2', '--db', join(dir, 'local.db'), '--json');
    expect(local.code, local.stderr).toBe(0);
    const strip = (x: Record<string, unknown>) => ({ ...x, id: '', seconds: 0 });
    expect(strip(JSON.parse(out) as Record<string, unknown>)).toEqual(strip(JSON.parse(local.stdout) as Record<string, unknown>));
  }, 400_000);
});
