import { afterEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { MessagePort } from 'node:worker_threads';
import { buyerSeller } from '../engine/negotiation/fixtures.ts';
import { negotiate, negotiateSync } from '../engine/agents/negotiate.ts';
import { replay } from '../engine/negotiation/replay.ts';
import { REPO_ROOT, SCENARIOS_DIR } from '../testing/shared.ts';
import { parley } from '../testing/cli.ts';
import linearConcession from '../../examples/agents/linear-concession.ts';
import { createWorkerAgentFactory, type WorkerAgentFactory } from './worker-agent.ts';

const sc = buyerSeller(3, 4);
const EXAMPLE = join(REPO_ROOT, 'examples/agents/linear-concession.ts');
const fixture = (name: string) => join(REPO_ROOT, 'src/node/fixtures', name);
const LIMIT = 200;
const CAMERA = join(SCENARIOS_DIR, 'genius/anac/y2011/Camera');

const opened: WorkerAgentFactory[] = [];
function workerAgent(path: string, exportName = 'default', turnTimeLimitMs = LIMIT): WorkerAgentFactory {
  const f = createWorkerAgentFactory(sc, path, exportName, { turnTimeLimitMs });
  opened.push(f);
  return f;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((f) => f.close()));
  vi.restoreAllMocks();
});

describe('worker agents (user-written agents in a worker thread)', () => {
  it('a worker that reaches its heap limit is stopped: a fault, and the process goes on', async () => {
    const f = createWorkerAgentFactory(sc, fixture('hoards-memory-agent.ts'), 'default', { turnTimeLimitMs: 30_000, maxOldGenerationSizeMb: 48 });
    opened.push(f);
    const r = await negotiate(sc, { agents: [f, 'boulware'], rounds: 50, turnTimeLimitMs: 30_000 });
    expect(r.endReason).toBe('fault');
    expect(r.faults[0]).toMatchObject({ party: 'buyer' });
    expect(r.faults[0]!.message).toMatch(/out of memory|heap/i);
    expect(f.running).toBe(0);
    // The next run works.
    const g = workerAgent(EXAMPLE, 'default', 10_000);
    expect((await negotiate(sc, { agents: [g, 'boulware'], rounds: 100, seed: 7 })).faults).toEqual([]);
  });

  it('a module that loops while loading is cut off at the start-up limit and listed in startFailures', async () => {
    const f = createWorkerAgentFactory(sc, fixture('loops-at-load-agent.ts'), 'default', { turnTimeLimitMs: LIMIT, startupTimeLimitMs: 1500 });
    opened.push(f);
    const r = await negotiate(sc, { agents: [f, 'boulware'], rounds: 50, turnTimeLimitMs: LIMIT });
    expect(r.endReason).toBe('fault');
    expect(f.startFailures).toHaveLength(1);
    expect(f.startFailures[0]).toMatch(/loops-at-load-agent\.ts \(party buyer\): the agent did not load within 1500 ms/);
    expect(f.running).toBe(0);
  });

  it('a synchronous infinite loop is cut off within the turn limit: fault, the run completes, the worker is terminated', async () => {
    const f = workerAgent(fixture('loops-forever-agent.ts'));
    const t0 = performance.now();
    const r = await negotiate(sc, { agents: [f, 'boulware'], rounds: 50, turnTimeLimitMs: LIMIT });
    expect(performance.now() - t0).toBeLessThan(LIMIT + 2000);
    expect(r.faults).toHaveLength(1);
    expect(r.faults[0]).toMatchObject({ party: 'buyer', kind: 'no-answer', round: 2 });
    expect(r.endReason).toBe('fault');
    expect(r.events.at(-1)!.type).toBe('finish');
    expect(replay(sc, r.events).problems).toEqual([]);
    expect(f.running).toBe(0);
  });

  it('an error thrown in the worker is a fault', async () => {
    const f = workerAgent(fixture('throws-agent.ts'));
    const r = await negotiate(sc, { agents: [f, 'boulware'], rounds: 50, turnTimeLimitMs: LIMIT });
    expect(r.faults).toHaveLength(1);
    expect(r.faults[0]).toMatchObject({ party: 'buyer', kind: 'threw', round: 2 });
    expect(r.faults[0]!.message).toMatch(/agent bug/);
    expect(r.endReason).toBe('fault');
  });

  it('an error in observe() is a fault at the next call', async () => {
    const f = workerAgent(fixture('throws-agent.ts'), 'inObserve');
    const r = await negotiate(sc, { agents: [f, 'hardliner'], rounds: 50, turnTimeLimitMs: LIMIT });
    expect(r.faults[0]).toMatchObject({ party: 'buyer', kind: 'threw' });
    expect(r.faults[0]!.message).toMatch(/observe\(\) threw: cannot look/);
  });

  it('a module that cannot be loaded is a fault, not a crash', async () => {
    const f = workerAgent(fixture('throws-agent.ts'), 'noSuchExport');
    const r = await negotiate(sc, { agents: [f, 'boulware'], rounds: 50, turnTimeLimitMs: LIMIT });
    expect(r.faults[0]).toMatchObject({ party: 'buyer', kind: 'threw', round: 0 });
    expect(r.faults[0]!.message).toMatch(/no exported function "noSuchExport"/);
  });

  it('the example agent reaches an agreement against a built-in agent, the same for the same seed, as when run in-process', async () => {
    const f = workerAgent(EXAMPLE, 'default', 10_000);
    const a = await negotiate(sc, { agents: [f, 'boulware'], rounds: 100, seed: 7 });
    const b = await negotiate(sc, { agents: [f, 'boulware'], rounds: 100, seed: 7 });
    expect(a.faults).toEqual([]);
    expect(a.endReason).toBe('agreement');
    expect(b.events).toEqual(a.events);
    expect(a.participants[0]!.agent).toBe('linear-concession');
    const inProcess = negotiateSync(sc, { agents: [linearConcession, 'boulware'], rounds: 100, seed: 7 });
    expect(a.events).toEqual(inProcess.events);
    expect(f.running).toBe(0);
  });

  it('the worker receives its own party’s preferences and never another party’s', async () => {
    const posted: unknown[] = [];
    const original = MessagePort.prototype.postMessage;
    vi.spyOn(MessagePort.prototype, 'postMessage').mockImplementation(function (this: MessagePort, ...args: Parameters<MessagePort['postMessage']>) {
      posted.push(args[0]);
      return original.apply(this, args);
    });
    const f = workerAgent(EXAMPLE, 'default', 10_000);
    const r = await negotiate(sc, { agents: [f, 'boulware'], rounds: 100 });
    expect(r.endReason).toBe('agreement');
    const ours = posted.filter((m): m is { type: string } => !!m && typeof m === 'object' && ['init', 'call', 'observe'].includes((m as { type?: string }).type!));
    const init = ours.find((m) => m.type === 'init') as { party: { id: string; preferences: unknown } } | undefined;
    expect(init?.party.id).toBe('buyer');
    expect(init?.party.preferences).toEqual(sc.parties[0]!.preferences);
    expect(ours.filter((m) => m.type === 'call').length).toBeGreaterThan(1);
    // Anything holding preferences, a reservation or red lines, anywhere in what was posted, is the buyer's own.
    const seen: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (!v || typeof v !== 'object') return;
      for (const [k, x] of Object.entries(v)) {
        if (['preferences', 'reservation', 'redLines', 'parties'].includes(k)) seen.push(`${path}.${k}`);
        walk(x, `${path}.${k}`);
      }
    };
    ours.forEach((m, i) => walk(m, `${m.type}#${i}`));
    const startEvents = seen.filter((p) => p.endsWith('.event.parties')).length; // the public start event: ids and agents only
    expect(seen.filter((p) => !p.endsWith('.event.parties'))).toEqual(['init#0.party.preferences', 'init#0.party.reservation']);
    expect(startEvents).toBeLessThanOrEqual(1);
    expect(JSON.stringify(ours)).not.toContain(JSON.stringify(sc.parties[1]!.preferences));
  });
});

describe('parley run with an agent module', () => {
  it('runs a file agent in a worker against a built-in agent', () => {
    const r = parley('run', CAMERA, '--agents', `${EXAMPLE},boulware`, '--json', '--no-analysis');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { endReason: string; faults: unknown[]; participants: { agent: string }[] };
    expect(j.faults).toEqual([]);
    expect(j.endReason).toBe('agreement');
    expect(j.participants[0]!.agent).toBe(EXAMPLE);
  });

  it('a looping file agent is cut off and the process exits', () => {
    const t0 = performance.now();
    const r = parley('run', CAMERA, '--agents', `${fixture('loops-forever-agent.ts')},boulware`, '--turn-limit', '300', '--no-analysis');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Fault: camera_buyer_utility \(no-answer\)/);
    expect(performance.now() - t0).toBeLessThan(60_000);
  });

  it('a missing agent file or export is a usage error', () => {
    expect(parley('run', CAMERA, '--agents', './no-such-agent.ts,boulware').code).toBe(2);
  });
});
