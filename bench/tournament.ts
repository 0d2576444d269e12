// Benchmarks of tournaments (Node only): the NegMAS comparison tournament (300 negotiations), scaling from
// 1 to 2 worker threads, the BullMQ queue against the local pool, and (opt-in: PARLEY_BENCH_MILLION=1) a
// 1,000,000-negotiation tournament streamed to SQLite. Each against a bare loop of the same negotiations.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { Piscina } from 'piscina';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { negotiateSync } from '../src/engine/agents/negotiate.ts';
import { agentFactory } from '../src/engine/agents/registry.ts';
import { runTournament } from '../src/engine/agents/tournament.ts';
import { importScenario } from '../src/engine/formats/index.ts';
import type { Scenario } from '../src/engine/model/scenario.ts';
import type { TournamentConfig } from '../src/engine/negotiation/tournament/config.ts';
import { executeTournament, MemoryTournamentStore, type TournamentPoolFactory, type TournamentSummary } from '../src/engine/negotiation/tournament/run.ts';
import { planOf, prepareTournament, type TournamentSpec } from '../src/engine/negotiation/tournament/spec.ts';
import { loadSourceFiles } from '../src/node/load-files.ts';
import { SqliteTournamentStore } from '../src/storage/tournament-store.ts';
import { localPool, startLocalPool } from '../src/tournament/pool.ts';
import { REPO_ROOT, SCENARIOS_DIR } from '../src/testing/shared.ts';
import { startRedis, waitFor } from '../src/testing/redis.ts';

/** The NegMAS comparison: Boulware, Conceder, Linear, naive tit-for-tat and MiCRO on ANAC 2011 Camera, Grocery and ItexvsCypress. */
const AGENTS = ['boulware', 'conceder', 'linear', 'naive-tft', 'micro'];
const SCENARIOS = ['genius/anac/y2011/Camera', 'genius/anac/y2011/Grocery', 'genius/anac/y2010/ItexvsCypress'];
const ROUNDS = 1000;

function loadScenarios(paths: readonly string[] = SCENARIOS): { id: string; scenario: Scenario }[] {
  return paths.map((p) => ({ id: p, scenario: importScenario(loadSourceFiles([join(SCENARIOS_DIR, p)])) }));
}

/**
 * NegMAS's 300: the 5 × 5 (competitor, opponent) product, self-play included, × 3 scenarios × 2 rotations
 * of the utility functions × 2 repetitions, which seats every ordered pair twice per repetition. The same
 * 300 negotiations in parley: every ordered pair and self-play (25 per scenario) × 3 scenarios × 4 repetitions.
 */
function negmasConfig(discounting: boolean): TournamentConfig {
  return { agents: AGENTS, scenarios: loadScenarios(), repetitions: 4, selfPlay: true, rounds: ROUNDS, seed: 1, discounting };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
const load = () => loadavg()[0]!.toFixed(1);

/** The floor: the tournament's negotiations in a bare loop of negotiateSync (no pool, no store, no scoring). */
function bareLoop(spec: TournamentSpec): { seconds: number; agreements: number } {
  const plan = planOf(spec);
  const t0 = performance.now();
  let agreements = 0;
  for (let id = 0; id < plan.total; id++) {
    const job = plan.jobAt(id);
    const sc = spec.scenarios[job.scenario]!;
    const r = negotiateSync(sc.scenario, { agents: job.seats.map((a) => spec.agents[a]!.spec), rounds: spec.rounds, seed: job.seed });
    if (r.agreement) agreements++;
  }
  return { seconds: (performance.now() - t0) / 1000, agreements };
}

/** Runs a prepared tournament into a fresh SQLite file with a pool; returns the summary and the wall time including pool start-up. */
async function runStored(
  spec: TournamentSpec,
  pool: TournamentPoolFactory,
  dir: string,
  name: string,
  onProgress?: Parameters<typeof executeTournament>[1]['onProgress'],
  onReady?: () => void,
): Promise<{ summary: TournamentSummary; wall: number; dbBytes: number }> {
  const path = join(dir, `${name}.db`);
  const store = SqliteTournamentStore.open(path);
  try {
    const id = store.create(spec, planOf(spec).total);
    const t0 = performance.now();
    const ready: TournamentPoolFactory = async (s, runId) => {
      const p = await pool(s, runId);
      onReady?.();
      return p;
    };
    const summary = await executeTournament(id, { store, pool: ready, ...(onProgress ? { onProgress, progressIntervalMs: 1000 } : {}) });
    const wall = (performance.now() - t0) / 1000;
    store.close(); // checkpoints the WAL into the file
    return { summary, wall, dbBytes: statSync(path).size };
  } finally {
    store.close();
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  }
}

async function benchNegmas(dir: string): Promise<void> {
  console.log(`\n== tournament: the NegMAS comparison (5 agents × 3 scenarios, both role orders + self-play, ${ROUNDS} rounds; 300 negotiations) ==`);
  console.log('NegMAS cartesian_tournament on this machine kind: 63–76 s serially, 49 s on 2 cores; 2,806 s with discounting. Target: < 0.5 s.');
  for (const discounting of [false, true]) {
    const config = negmasConfig(discounting);
    const spec = prepareTournament(config, agentFactory);
    const total = planOf(spec).total;
    bareLoop(spec); // warm-up
    const bare = median([0, 1, 2].map(() => bareLoop(spec).seconds));
    const inProcess: number[] = [];
    const inProcessCpu: number[] = [];
    let summary: TournamentSummary | undefined;
    for (let k = 0; k < 3; k++) {
      const c0 = process.cpuUsage();
      summary = await runTournament(config, { store: new MemoryTournamentStore() });
      const c = process.cpuUsage(c0);
      inProcess.push(summary.seconds);
      inProcessCpu.push((c.user + c.system) / 1e6);
    }
    const pooled: number[] = [];
    const walls: number[] = [];
    for (let k = 0; k < 3; k++) {
      const r = await runStored(spec, localPool({ workers: 2 }), dir, `negmas-${k}`);
      pooled.push(r.summary.seconds);
      walls.push(r.wall);
    }
    const best = Math.min(median(inProcess), median(pooled));
    console.log(
      `discounting ${discounting ? 'on ' : 'off'}: ${total} negotiations, ${summary!.agreements} agreements. ` +
        `bare loop ${ms(bare)}; runTournament in-process (memory store) ${ms(median(inProcess))} (CPU ${ms(median(inProcessCpu))}, preparation included); ` +
        `2 worker threads + SQLite ${ms(median(pooled))} (${ms(median(walls))} with thread start-up) — ` +
        `${(49 / best).toFixed(0)}× faster than NegMAS on 2 cores${discounting ? `, ${(2806 / best).toFixed(0)}× its discounted time` : ''} (medians of 3; load ${load()})`,
    );
  }
}

/** A larger tournament for scaling: the same agents and scenarios, 40 repetitions (3,000 negotiations). */
function largeSpec(repetitions = 40): TournamentSpec {
  return prepareTournament({ ...negmasConfig(true), repetitions, seed: 2 }, agentFactory);
}

/** CPU seconds of this process's main thread so far (Linux: /proc; null elsewhere). */
function mainThreadCpu(): number | null {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds of another process so far, all its threads (Linux: /proc; NaN elsewhere). */
function processCpu(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

/** CPU seconds of this process, all its threads. */
const ownCpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

/**
 * The machine's parallel ceiling for this work: the bare loop of the same tournament in 1 thread, then split over
 * 2 threads running at once (each warmed on 300 negotiations first). What 2 threads can give at best here,
 * whatever a tournament's pool does: cores shared with other jobs, SMT siblings, memory bandwidth and turbo show up in it.
 */
async function bareCeiling(repetitions: number): Promise<{ one: number; two: number }> {
  const filename = new URL('./bare-thread.ts', import.meta.url).href;
  const run = async (parts: number) => {
    const barrier = new SharedArrayBuffer(4);
    // TypeScript in the threads: tsx's loader, as the tournament pool does.
    const threads = new Piscina({ filename, minThreads: parts, maxThreads: parts, concurrentTasksPerWorker: 1, execArgv: process.execArgv.some((a) => a.includes('tsx')) ? [...process.execArgv] : [...process.execArgv, '--import', 'tsx'] });
    try {
      const ts = await Promise.all(Array.from({ length: parts }, (_, part) => threads.run({ agents: AGENTS, scenarios: SCENARIOS, repetitions, rounds: ROUNDS, seed: 2, part, parts, barrier }) as Promise<number>));
      return Math.max(...ts);
    } finally {
      await threads.destroy();
    }
  };
  return { one: await run(1), two: await run(2) };
}

async function benchScaling(dir: string): Promise<void> {
  // PARLEY_BENCH_SCALING_REPETITIONS=200 gives 15,000 negotiations (a larger tournament, more start-up amortised).
  const spec = largeSpec(Number(process.env.PARLEY_BENCH_SCALING_REPETITIONS ?? 40));
  const total = planOf(spec).total;
  console.log(`\n== tournament: 1 → 2 worker threads (${total.toLocaleString('en')} negotiations, SQLite) ==`);
  const bare = bareLoop(spec).seconds;
  const one: number[] = [];
  const two: number[] = [];
  const cpu: Record<'one' | 'two', number[]> = { one: [], two: [] };
  const mainCpu: Record<'one' | 'two', number[]> = { one: [], two: [] };
  const timed = async (workers: number, name: string) => {
    const c0 = process.cpuUsage();
    let m0: number | null = null;
    const r = await runStored(spec, localPool({ workers }), dir, name, undefined, () => (m0 = mainThreadCpu()));
    const m1 = mainThreadCpu();
    const c = process.cpuUsage(c0);
    return { seconds: r.summary.seconds, cpu: (c.user + c.system) / 1e6, main: m0 !== null && m1 !== null ? m1 - m0 : NaN };
  };
  for (let k = 0; k < 2; k++) {
    const a = await timed(1, `one-${k}`);
    one.push(a.seconds);
    cpu.one.push(a.cpu);
    mainCpu.one.push(a.main);
    const b = await timed(2, `two-${k}`);
    two.push(b.seconds);
    cpu.two.push(b.cpu);
    mainCpu.two.push(b.main);
  }
  const a = Math.min(...one);
  const b = Math.min(...two);
  console.log(
    `bare loop (1 thread) ${bare.toFixed(2)} s (${(total / bare).toFixed(0)}/s); 1 worker ${a.toFixed(2)} s (${(total / a).toFixed(0)}/s); ` +
      `2 workers ${b.toFixed(2)} s (${(total / b).toFixed(0)}/s): speed-up ${(a / b).toFixed(2)}× (best of 2; load ${load()}). ` +
      `CPU time of the whole process, thread start-up included: 1 worker ${Math.min(...cpu.one).toFixed(2)} s, 2 workers ${Math.min(...cpu.two).toFixed(2)} s; ` +
      `of the main thread, pool ready → summary: ${Math.min(...mainCpu.one).toFixed(2)} s, ${Math.min(...mainCpu.two).toFixed(2)} s`,
  );
  if (process.env.PARLEY_BENCH_CEILING !== '0') {
    const c = await bareCeiling(spec.repetitions);
    console.log(
      `parallel ceiling, the bare loop of the same ${total.toLocaleString('en')} negotiations in worker threads: 1 thread ${c.one.toFixed(2)} s, 2 threads ${c.two.toFixed(2)} s: ` +
        `${(c.one / c.two).toFixed(2)}× (load ${load()}); the pool's speed-up above is ${((a / b / (c.one / c.two)) * 100).toFixed(0)} % of it`,
    );
  }
}

/**
 * The queue against the local pool, like with like: the same tournament, 2 threads either way (the local pool's 2
 * threads; 2 `parley worker` processes of 1 thread), SQLite, three runs each, interleaved. Both sides keep their
 * threads across the three runs: the first run of each is the cold one (the workers start their threads for the
 * tournament inside it; the local pool's threads were started and warmed before its clock), the best of runs 2–3
 * is the warm, steady-state comparison. Fixed start-up is reported on its own: the worker processes until ready,
 * the local pool's start.
 * PARLEY_BENCH_QUEUE_REPETITIONS=40,200 runs 3,000 and 15,000 negotiations (default 40).
 */
async function benchQueue(dir: string): Promise<void> {
  const sizes = (process.env.PARLEY_BENCH_QUEUE_REPETITIONS ?? '40').split(',').map(Number);
  console.log(`\n== tournament: BullMQ queue (2 \`parley worker\` processes, 1 thread each) vs the local pool (2 threads) ==`);
  const exists = spawn('redis-server', ['--version'], { stdio: 'ignore' });
  const ok = await new Promise<boolean>((res) => {
    exists.once('error', () => res(false));
    exists.once('exit', (code) => res(code === 0));
  });
  if (!ok) return void console.log('skipped: no redis-server on the PATH');
  const redis = await startRedis();
  const url = redis.url;
  const workers: ChildProcess[] = [];
  try {
    const logs: string[] = [];
    const w0 = performance.now();
    for (let i = 0; i < 2; i++) {
      // From the sources, as this bench runs them (bin/parley.js runs the compiled dist/, which may be stale here).
      const w = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), 'worker', '--queue', url, '--workers', '1'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      logs.push('');
      w.stderr!.on('data', (d: Buffer) => (logs[i] += d.toString()));
      workers.push(w);
    }
    await waitFor(() => logs.every((l) => /ready/.test(l)), 120_000, 'two workers');
    const workerStart = (performance.now() - w0) / 1000;
    const { queuePool } = await import('../src/tournament/queue.ts');
    for (const repetitions of sizes) {
      const spec = largeSpec(repetitions);
      const total = planOf(spec).total;
      const p0 = performance.now();
      const lp = await startLocalPool(spec, { workers: 2 });
      const localStart = (performance.now() - p0) / 1000;
      const kept: TournamentPoolFactory = () => ({
        get concurrency() {
          return lp.concurrency;
        },
        run: (jobs) => lp.run(jobs),
        close: async () => {},
      });
      const local: number[] = [];
      const queued: number[] = [];
      // CPU of everything that works on the run: this process (the coordinator, and the local pool's threads), and
      // for the queue also both worker processes and redis-server. Under load it shows the queue's cost that an idle
      // machine's wall time would show once both cores are busy.
      const allCpu = () => ownCpu() + workers.reduce((s, w) => s + processCpu(w.pid), 0) + processCpu(redis.pid);
      const localCpu: number[] = [];
      const queueCpu: number[] = [];
      try {
        for (let k = 0; k < 3; k++) {
          let c0 = allCpu();
          local.push((await runStored(spec, kept, dir, `local-${repetitions}-${k}`)).summary.seconds);
          localCpu.push(allCpu() - c0);
          c0 = allCpu();
          const path = join(dir, `queue-${repetitions}-${k}.db`);
          const store = SqliteTournamentStore.open(path);
          const q = queuePool({ url, store });
          try {
            const id = store.create(spec, total);
            queued.push((await executeTournament(id, { store, pool: q.factory })).seconds);
          } finally {
            await q.close();
            queueCpu.push(allCpu() - c0);
            store.close();
            for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
          }
        }
      } finally {
        await lp.close();
      }
      // Best of the two warm runs on each side (on a shared machine the slower run is the one that waited more).
      const l = Math.min(...local.slice(1));
      const qb = Math.min(...queued.slice(1));
      const lc = Math.min(...localCpu.slice(1));
      const qc = Math.min(...queueCpu.slice(1));
      console.log(
        `${total.toLocaleString('en')} negotiations, threads warm (best of runs 2–3): local pool ${l.toFixed(2)} s (${(total / l).toFixed(0)}/s), ` +
          `queue ${qb.toFixed(2)} s (${(total / qb).toFixed(0)}/s): overhead ${(((qb - l) / l) * 100).toFixed(1)} %. ` +
          `First runs (cold): local ${local[0]!.toFixed(2)} s (its threads started and warmed before, ${localStart.toFixed(2)} s), ` +
          `queue ${queued[0]!.toFixed(2)} s (the workers start their threads inside it: ${(((queued[0]! - l) / l) * 100).toFixed(0)} % over the warm local run). ` +
          `All runs: local ${local.map((x) => x.toFixed(2)).join(' / ')} s, queue ${queued.map((x) => x.toFixed(2)).join(' / ')} s. ` +
          `CPU (all processes, best warm run): local ${lc.toFixed(2)} s, queue ${qc.toFixed(2)} s: ${(((qc - lc) / lc) * 100).toFixed(1)} % more (load ${load()})`,
      );
    }
    console.log(`worker processes started (spawn → ready, both): ${workerStart.toFixed(2)} s`);
  } finally {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => (w.exitCode === null && w.signalCode === null ? new Promise((r) => w.once('exit', r)) : undefined)));
    await redis.stop();
  }
}

/** 1,000,000 negotiations: the 5 agents on 5 ANAC 2011/2010 scenarios, 10,000 repetitions, 2 threads, streamed to SQLite. */
async function benchMillion(dir: string): Promise<void> {
  const scenarios = [...SCENARIOS, 'genius/anac/y2011/Amsterdam', 'genius/anac/y2010/EnglandZimbabwe'];
  const rounds = Number(process.env.PARLEY_BENCH_MILLION_ROUNDS ?? ROUNDS);
  const spec = prepareTournament({ agents: AGENTS, scenarios: loadScenarios(scenarios), repetitions: 10_000, rounds, seed: 3 }, agentFactory);
  const total = planOf(spec).total;
  console.log(`\n== tournament: ${total.toLocaleString('en')} negotiations (5 agents × 5 scenarios, both role orders, 10,000 repetitions, ${rounds} rounds), 2 threads, streamed to SQLite ==`);
  const rss: { done: number; mb: number }[] = [];
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  sampler.unref();
  const r = await runStored(spec, localPool({ workers: 2 }), dir, 'million', (p) => {
    const mb = process.memoryUsage().rss / 2 ** 20;
    peak = Math.max(peak, process.memoryUsage().rss);
    rss.push({ done: p.done, mb });
    if (process.stderr.isTTY) process.stderr.write(`\r${p.done.toLocaleString('en')}/${total.toLocaleString('en')} · ${p.rate.toFixed(0)}/s · RSS ${mb.toFixed(0)} MB`);
  });
  clearInterval(sampler);
  if (process.stderr.isTTY) process.stderr.write('\n');
  const at = (f: number) => rss.find((x) => x.done >= f * total) ?? rss[rss.length - 1]!;
  console.log(
    `${r.summary.negotiations.toLocaleString('en')} negotiations in ${r.summary.seconds.toFixed(0)} s: ${(r.summary.negotiations / r.summary.seconds).toFixed(0)}/s; ` +
      `RSS at 10 % ${at(0.1).mb.toFixed(0)} MB, 50 % ${at(0.5).mb.toFixed(0)} MB, 100 % ${at(1).mb.toFixed(0)} MB, peak ${(peak / 2 ** 20).toFixed(0)} MB; ` +
      `database ${(r.dbBytes / 2 ** 20).toFixed(0)} MB (${(r.dbBytes / total).toFixed(0)} bytes per negotiation) (load ${load()})`,
  );
}

export async function benchTournament(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-tournament-'));
  try {
    // PARLEY_BENCH_TOURNAMENT=negmas,scaling,queue,million picks sections (default: all but million).
    const only = process.env.PARLEY_BENCH_TOURNAMENT?.split(',');
    const want = (s: string) => (only ? only.includes(s) : s !== 'million' || process.env.PARLEY_BENCH_MILLION === '1');
    if (want('negmas')) await benchNegmas(dir);
    if (want('scaling')) await benchScaling(dir);
    if (want('queue')) await benchQueue(dir);
    if (want('million')) await benchMillion(dir);
    else console.log('\n(the 1,000,000-negotiation tournament takes minutes: PARLEY_BENCH_MILLION=1 npm run bench runs it)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchTournament();
