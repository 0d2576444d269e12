// `parley tournament` with a remote entrant end to end: the tournament starts its live host and
// lobby, `parley join --lobby alpha` (another process) plays every seat of remote:alpha.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { parley as parleySync } from '../../testing/cli.ts';
import { REPO_ROOT, SCENARIOS_DIR } from '../../testing/shared.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-remote-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CAMERA = join(SCENARIOS_DIR, 'genius/anac/y2011/Camera');

interface Running {
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Resolves with the first stderr match of `re`. */
  waitFor(re: RegExp): Promise<RegExpMatchArray>;
}

/** Runs `parley …` without blocking this process. */
function parley(...args: string[]): Running & { readonly pid: number } {
  return start(process.execPath, [join(REPO_ROOT, 'bin/parley.js'), ...args]);
}

/** The negotiation ids a run has recorded ([] while the database or the run is not there yet). */
function recordedIds(db: string, id: string): number[] {
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (conn.prepare('SELECT id FROM tournament_results WHERE tournament = ? ORDER BY id').all(id) as { id: number }[]).map((r) => r.id);
    } finally {
      conn.close();
    }
  } catch {
    return [];
  }
}

/** Runs a command without blocking this process. */
function start(cmd: string, args: string[]): Running & { readonly pid: number } {
  const p = spawn(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const watchers: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  p.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const w of [...watchers]) {
      const m = w.re.exec(stderr);
      if (m) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const timer = setTimeout(() => p.kill(), 120_000);
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
  return {
    pid: p.pid!,
    done,
    waitFor: (re) =>
      new Promise((resolve, reject) => {
        const m = re.exec(stderr);
        if (m) return resolve(m);
        watchers.push({ re, resolve });
        void done.then((r) => reject(new Error(`exited (${r.code}) before ${re}: ${r.stderr}`)));
      }),
  };
}

/** The same tournament with `boulware` run locally in remote:alpha's seats gives every agent the same score. */
function expectScoresAsLocalBoulware(s: Summary, args: string[]): void {
  const local = parleySync('tournament', '--agents', 'boulware,conceder,linear', ...args);
  expect(local.code, local.stderr).toBe(0);
  const l = JSON.parse(local.stdout) as Summary;
  const byAgent = (x: Summary, a: string) => x.ranking.find((r) => r.agent === a)!;
  expect(byAgent(s, 'remote:alpha').score).toBe(byAgent(l, 'boulware').score);
  expect(byAgent(s, 'conceder').score).toBe(byAgent(l, 'conceder').score);
  expect(byAgent(s, 'linear').score).toBe(byAgent(l, 'linear').score);
}

type Summary = { negotiations: number; total: number; complete: boolean; faults: number; ranking: { agent: string; score: number; agreementRate: number }[] };

describe('parley tournament with remote:NAME', () => {
  it('runs every negotiation once with `parley join --lobby` playing remote:alpha, scoring as boulware run locally', async () => {
    const common = ['--scenarios', CAMERA, '--rounds', '60', '--repetitions', '2', '--seed', '4', '--workers', '1', '--json'];
    const t = parley('tournament', '--agents', 'remote:alpha,conceder,linear', ...common, '--db', join(dir, 'remote.db'));
    const [, url, token] = await t.waitFor(/parley join (\S+) --lobby alpha --token (\S+) --agent AGENT/);
    const j = parley('join', url!, '--lobby', 'alpha', '--token', token!, '--agent', 'boulware', '--json');
    const [tr, jr] = await Promise.all([t.done, j.done]);
    expect(tr.code, tr.stderr).toBe(0);
    expect(jr.code, jr.stderr).toBe(0);
    const s = JSON.parse(tr.stdout) as Summary;
    expect(s).toMatchObject({ negotiations: 12, total: 12, complete: true, faults: 0 });
    const joined = JSON.parse(jr.stdout) as { entrant: string; reason: string; seats: number; results: { negotiation: number }[] };
    expect(joined).toMatchObject({ entrant: 'remote:alpha', reason: 'done', seats: 8 });
    expect(new Set(joined.results.map((r) => r.negotiation)).size).toBe(8);

    expectScoresAsLocalBoulware(s, [...common, '--db', join(dir, 'local.db')]);
  }, 120_000);

  it('resumes after kill -9 with a remote entrant: the new lobby takes the entrant back, every negotiation is recorded once, scores as boulware run locally', async () => {
    const db = join(dir, 'resume.db');
    const common = ['--scenarios', CAMERA, '--rounds', '150', '--repetitions', '3', '--seed', '9', '--json'];
    const t = parley('tournament', '--agents', 'remote:alpha,conceder,linear', ...common, '--workers', '1', '--batch', '1', '--db', db);
    const [, url, token] = await t.waitFor(/parley join (\S+) --lobby alpha --token (\S+) --agent AGENT/);
    const j = parley('join', url!, '--lobby', 'alpha', '--token', token!, '--agent', 'boulware', '--json');
    const [, id] = await t.waitFor(/tournament (t\w+): 18 negotiations/);
    // kill -9 once something is recorded, mid-run
    let atKill: number[] = [];
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && atKill.length === 0; ) {
      await new Promise((r) => setTimeout(r, 20));
      atKill = recordedIds(db, id!);
    }
    process.kill(t.pid, 'SIGKILL');
    process.kill(j.pid, 'SIGKILL');
    await Promise.all([t.done, j.done]);
    const before = recordedIds(db, id!);
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(18);

    const r = parley('tournament', '--resume', id!, '--db', db, '--workers', '1', '--json');
    const [, url2, token2] = await r.waitFor(/parley join (\S+) --lobby alpha --token (\S+) --agent AGENT/);
    const j2 = parley('join', url2!, '--lobby', 'alpha', '--token', token2!, '--agent', 'boulware', '--json');
    const [rr, jr] = await Promise.all([r.done, j2.done]);
    expect(rr.code, rr.stderr).toBe(0);
    expect(jr.code, jr.stderr).toBe(0);
    const s = JSON.parse(rr.stdout) as Summary & { ranThisSession: number };
    expect(s).toMatchObject({ negotiations: 18, total: 18, complete: true, faults: 0, ranThisSession: 18 - before.length });
    expect(recordedIds(db, id!)).toEqual(Array.from({ length: 18 }, (_, k) => k));

    expectScoresAsLocalBoulware(s, [...common, '--workers', '1', '--db', join(dir, 'resume-local.db')]);
  }, 180_000);

  it('the Python example lobby client (long-polling) plays remote:py', async () => {
    const t = parley('tournament', '--agents', 'remote:py,conceder,linear', '--scenarios', CAMERA, '--rounds', '40', '--workers', '1', '--json', '--db', join(dir, 'py.db'));
    const [, url, token] = await t.waitFor(/parley join (\S+) --lobby py --token (\S+) --agent AGENT/);
    const py = start('python3', [join(REPO_ROOT, 'examples/python/parley_lobby.py'), '--url', url!, '--name', 'py', '--token', token!]);
    const [tr, pr] = await Promise.all([t.done, py.done]);
    expect(tr.code, tr.stderr).toBe(0);
    expect(pr.code, pr.stderr).toBe(0);
    expect(JSON.parse(tr.stdout)).toMatchObject({ negotiations: 6, complete: true, faults: 0 });
    const lines = pr.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toEqual({ seats: 4, reason: 'done' });
    expect(new Set(lines.slice(0, -1).map((l) => l.negotiation)).size).toBe(4);
  }, 120_000);

  it('fails clearly, writing nothing, when the remote entrant does not connect within --remote-wait', async () => {
    const db = join(dir, 'absent.db');
    const r = await parley('tournament', '--agents', 'remote:alpha,conceder', '--scenarios', CAMERA, '--rounds', '20', '--remote-wait', '300', '--db', db).done;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/remote:alpha did not connect to the lobby within 300 ms \(--remote-wait\); nothing was run or recorded/);
    expect(JSON.parse(parleySync('tournament', '--list', '--db', db, '--json').stdout)).toEqual([]);
    const bad = parleySync('tournament', '--agents', 'remote:,conceder', '--scenarios', CAMERA);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--agents \(item 1\): "remote:": a remote entrant name is/);
  }, 60_000);
});
