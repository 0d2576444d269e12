// Load benchmark of live sessions (numbers are printed, never asserted): `parley serve` in a child
// process on loopback, N concurrent sessions of 2–3 remote TypeScript clients over WebSocket, R rounds
// each (the clients only offer, so every session runs to its round deadline). Measures the latency
// from a client sending an offer to each other seat receiving it (p50, p99), lost and duplicated
// messages (by sequence numbers and by offer), and the server's memory (RSS). Bounded in count and
// time: it stops by itself (PARLEY_BENCH_LIVE_SESSIONS, PARLEY_BENCH_LIVE_ROUNDS to change the size).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { REPO_ROOT } from '../src/testing/shared.ts';

export interface LiveBenchNumbers {
  readonly sessions: number;
  readonly rounds: number;
  readonly seats: number;
  readonly offers: number;
  readonly deliveries: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly seqGaps: number;
  readonly finished: number;
  readonly wallS: number;
  readonly rssBeforeMiB: number;
  readonly rssPeakMiB: number;
  readonly rssAfterMiB: number;
}

const HARD_LIMIT_MS = 300_000;

function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function startChildServer(db: string): Promise<{ url: string; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/parley.js'), 'serve', '--port', '0', '--no-build', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the server did not start in 60 s')), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /parley workbench: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
  return { url, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);

export async function benchLive(sessions = Number(process.env.PARLEY_BENCH_LIVE_SESSIONS ?? 200), rounds = Number(process.env.PARLEY_BENCH_LIVE_ROUNDS ?? 100)): Promise<LiveBenchNumbers> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-live-'));
  const server = await startChildServer(join(dir, 'bench.db'));
  const rssBefore = rssMiB(server.pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssMiB(server.pid) || 0);
  }, 100);
  const sentAt = new Map<string, number>(); // session:turn → when the offer was sent
  const received = new Map<string, number>(); // session:turn → deliveries
  const latencies: number[] = [];
  let duplicated = 0;
  let seqGaps = 0;
  const finishedSessions = new Set<string>();
  let seats = 0;
  const start = performance.now();
  const sockets: WebSocket[] = [];
  const seatsPerSession = new Map<string, number>();
  try {
    // Create every session first (2 seats on even ones, 3 on odd ones), then connect every seat.
    const created: { id: string; tokens: string[] }[] = [];
    for (let i = 0; i < sessions; i++) {
      const three = i % 2 === 1;
      const seatsOf = three ? ['russia', 'ukraine', 'united-states'] : ['russia', 'ukraine'];
      const res = await fetch(new URL('/api/live/sessions', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          scenarioId: 'ceasefire',
          protocol: 'saop',
          rounds,
          turnTimeLimitMs: 60_000,
          seed: i,
          ...(three ? { participants: seatsOf } : {}),
          seats: Object.fromEntries(seatsOf.map((p) => [p, 'remote'])),
        }),
      });
      if (res.status !== 201) throw new Error(`creating session ${i}: ${res.status} ${await res.text()}`);
      const j = (await res.json()) as { id: string; seats: Record<string, { token: string }> };
      created.push({ id: j.id, tokens: seatsOf.map((p) => j.seats[p]!.token) });
      seatsPerSession.set(j.id, seatsOf.length);
      seats += seatsOf.length;
    }
    const wsUrl = server.url.replace(/^http/, 'ws') + 'api/live/ws';
    await Promise.race([
      Promise.all(
        created.flatMap((s) =>
          s.tokens.map(
            (token, k) =>
              new Promise<void>((resolve, reject) => {
                const ws = new WebSocket(wsUrl);
                sockets.push(ws);
                let last = 0;
                let issues = 0;
                let n = 0;
                ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', v: 1, token })));
                ws.on('message', (data) => {
                  const now = performance.now();
                  const m = JSON.parse(String(data)) as { type: string; seq?: number; turn?: number; welcome?: unknown; issues?: unknown[]; event?: { type: string; turn: number; party: string } };
                  if (m.seq !== undefined) {
                    if (m.seq <= last) duplicated++;
                    else if (m.seq !== last + 1) seqGaps++;
                    last = Math.max(last, m.seq);
                  }
                  if (m.type === 'welcome') issues = m.issues!.length;
                  else if (m.type === 'event' && m.event!.type === 'offer') {
                    const key = `${s.id}:${m.event!.turn}`;
                    const t0 = sentAt.get(key);
                    // Own offers come back too; count only the other seats' deliveries.
                    if (t0 !== undefined && m.event!.party !== ['russia', 'ukraine', 'united-states'][k]) {
                      latencies.push(now - t0);
                      received.set(key, (received.get(key) ?? 0) + 1);
                    }
                  } else if (m.type === 'turn') {
                    // Offer a varying outcome (never accept): the session runs all its rounds.
                    n++;
                    const outcome = Array.from({ length: issues }, (_, j) => (n + j + k) % 2);
                    sentAt.set(`${s.id}:${m.turn}`, performance.now());
                    ws.send(JSON.stringify({ type: 'offer', outcome, turn: m.turn }));
                  } else if (m.type === 'result') {
                    finishedSessions.add(s.id);
                    ws.close();
                    resolve();
                  }
                });
                ws.on('error', reject);
              }),
          ),
        ),
      ),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`the benchmark did not finish within ${HARD_LIMIT_MS / 1000} s`)), HARD_LIMIT_MS).unref()),
    ]);
  } finally {
    clearInterval(sampler);
    for (const ws of sockets) ws.terminate();
  }
  const wallS = (performance.now() - start) / 1000;
  const finished = finishedSessions.size;
  await new Promise((r) => setTimeout(r, 500));
  const rssAfter = rssMiB(server.pid);
  server.stop();
  rmSync(dir, { recursive: true, force: true });
  // Every offer must reach every other seat of its session exactly once.
  let lost = 0;
  for (const key of sentAt.keys()) {
    const got = received.get(key) ?? 0;
    const want = (seatsPerSession.get(key.split(':')[0]!) ?? 2) - 1;
    if (got < want) lost += want - got;
    if (got > want) duplicated += got - want;
  }
  latencies.sort((a, b) => a - b);
  const numbers: LiveBenchNumbers = {
    sessions,
    rounds,
    seats,
    offers: sentAt.size,
    deliveries: latencies.length,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? NaN,
    lost,
    duplicated,
    seqGaps,
    finished,
    wallS,
    rssBeforeMiB: rssBefore,
    rssPeakMiB: rssPeak,
    rssAfterMiB: rssAfter,
  };
  const f = (x: number) => x.toFixed(1);
  console.log(`\nLive sessions: ${sessions} concurrent sessions (${seats} remote seats over WebSocket), ${rounds} rounds each, loopback`);
  console.log(`  offers ${numbers.offers}, deliveries ${numbers.deliveries}, sessions finished ${finished}/${sessions}, wall ${f(wallS)} s`);
  console.log(`  offer → delivery latency: p50 ${f(numbers.p50Ms)} ms, p99 ${f(numbers.p99Ms)} ms, max ${f(numbers.maxMs)} ms`);
  console.log(`  lost ${lost}, duplicated ${duplicated}, sequence gaps ${seqGaps}`);
  console.log(`  server RSS: ${f(rssBefore)} MiB before, ${f(rssPeak)} MiB peak, ${f(rssAfter)} MiB after`);
  return numbers;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchLive();
