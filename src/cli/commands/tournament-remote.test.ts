// `parley tournament` with a remote entrant end to end: the tournament starts its live host and
// lobby, `parley join --lobby alpha` (another process) plays every seat of remote:alpha.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
function parley(...args: string[]): Running {
  const p = spawn(process.execPath, [join(REPO_ROOT, 'bin/parley.js'), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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

    const local = parleySync('tournament', '--agents', 'boulware,conceder,linear', ...common, '--db', join(dir, 'local.db'));
    expect(local.code, local.stderr).toBe(0);
    const l = JSON.parse(local.stdout) as Summary;
    const byAgent = (x: Summary, a: string) => x.ranking.find((r) => r.agent === a)!;
    expect(byAgent(s, 'remote:alpha').score).toBe(byAgent(l, 'boulware').score);
    expect(byAgent(s, 'conceder').score).toBe(byAgent(l, 'conceder').score);
    expect(byAgent(s, 'linear').score).toBe(byAgent(l, 'linear').score);
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
