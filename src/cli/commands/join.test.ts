// `parley session create` and `parley join`, and the Python example client, against a live server.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../testing/shared.ts';
import { startLiveServer, type LiveTestServer } from '../../server/live/test-server.ts';

/** Runs a command without blocking this process (the server runs here). */
function run(cmd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => p.kill(), 120_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
const parley = (...args: string[]) => run(process.execPath, [join(REPO_ROOT, 'bin/parley.js'), ...args]);

let server: LiveTestServer;
beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(async () => server.close());

describe('parley session create, parley join and the Python client', () => {
  it('a parley agent (join) and the Python client play a full session', async () => {
    const created = await parley('session', 'create', 'ceasefire', '--seats', 'russia=remote,ukraine=remote', '--rounds', '40', '--server', server.url, '--json');
    expect(created.code, created.stderr).toBe(0);
    const s = JSON.parse(created.stdout) as { id: string; url: string; host: { token: string }; seats: Record<string, { token: string; join: string }> };
    expect(Object.keys(s.seats).sort()).toEqual(['russia', 'ukraine']);
    expect(s.seats.russia!.join).toContain('#token=');
    const log = join(mkdtempSync(join(tmpdir(), 'parley-live-')), 'messages.jsonl');
    const [j, py] = await Promise.all([
      parley('join', s.url, '--token', s.seats.russia!.token, '--agent', 'conceder', '--json'),
      run('python3', [join(REPO_ROOT, 'examples/python/parley_client.py'), '--url', s.url, '--token', s.seats.ukraine!.token, '--log', log]),
    ]);
    expect(j.code, j.stderr).toBe(0);
    expect(py.code, py.stderr).toBe(0);
    const joined = JSON.parse(j.stdout) as { agreement: number[] | null; utility: number; endReason: string };
    const pyOut = JSON.parse(py.stdout.trim().split('\n').at(-1)!) as { agreement: number[] | null; utility: number; endReason: string };
    expect(pyOut.endReason).toBe(joined.endReason);
    expect(pyOut.agreement).toEqual(joined.agreement);
    expect(typeof pyOut.utility).toBe('number');
    // The log holds every message, numbered without gaps, ending with the result.
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; type: string });
    expect(lines.map((m) => m.seq)).toEqual(lines.map((_, i) => i + 1));
    expect(lines[0]!.type).toBe('welcome');
    expect(lines.at(-1)!.type).toBe('result');
    const host = await server.call('GET', `/api/live/sessions/${s.id}`, s.host.token);
    expect(host.json.status).toBe('finished');
  });

  it('refuses bad --seats and an unreachable server with clear messages', async () => {
    const bad = await parley('session', 'create', 'ceasefire', '--seats', 'russia', '--server', server.url, '--json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--seats: "russia" is not party=/);
    const unknown = await parley('session', 'create', 'ceasefire', '--seats', 'nobody=remote', '--server', server.url, '--json');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/"nobody" is not a participant/);
    const away = await parley('session', 'create', 'ceasefire', '--seats', 'russia=remote', '--server', 'http://127.0.0.1:1', '--json');
    expect(away.code).toBe(1);
    expect(away.stderr).toMatch(/cannot reach a parley server/);
  });
});
