// A finished live session opens in the Simulation screen: its trace (JSON Lines, as `parley run
// --trace`) read with the engine's one trace type and replayed gives the summary a simulation of
// the same agents and seed gives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { negotiateSync, readNative, traceToJsonLines } from 'parley';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveTestServer } from '../../../src/server/live/test-server.ts';
import { REPO_ROOT } from '../../../src/testing/shared.ts';
import { simulate, summaryFromTrace } from './simulate.ts';

const ceasefire = readNative('ceasefire.yaml', readFileSync(join(REPO_ROOT, 'scenarios', 'ceasefire.yaml'), 'utf8'));
let server: LiveTestServer;

beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(() => server.close());

describe('a finished live session as a Simulation run', () => {
  it('replays the session’s trace into the summary a simulation of the same agents and seed gives', async () => {
    const created = await server.create({ scenarioId: 'ceasefire', rounds: 50, seed: 3, seats: { russia: 'boulware', ukraine: 'conceder' } });
    await expect.poll(async () => (await server.call('GET', `/api/live/sessions/${created.id}`, created.host.token)).json.status, { timeout: 20_000 }).toBe('finished');
    const trace = await server.call('GET', `/api/live/sessions/${created.id}/trace`, created.host.token);
    const replayed = summaryFromTrace(ceasefire, trace.text);
    const simulated = simulate(ceasefire, { protocol: 'aop', agents: ['boulware', 'conceder'], rounds: 50, seed: 3, repeats: 1 });
    expect(replayed.replayProblems).toBeUndefined();
    expect(replayed.trace).toEqual(simulated.trace);
    expect(replayed.first).toEqual(simulated.first);
    expect(replayed.participants).toEqual(simulated.participants);
    expect(replayed.stats).toEqual(simulated.stats);
    expect(replayed.trace.length).toBeGreaterThan(2);
  });

  it('refuses a trace that is not one, and says what does not add up on another scenario', () => {
    expect(() => summaryFromTrace(ceasefire, 'not json')).toThrow(/trace line 1: not JSON/);
    const r = negotiateSync(ceasefire, { agents: ['boulware', 'conceder'], rounds: 20, seed: 1 });
    const text = traceToJsonLines(r.events);
    const other = { ...ceasefire, issues: ceasefire.issues.slice(0, 2) };
    expect(() => {
      const s = summaryFromTrace(other, text);
      if (s.replayProblems?.length) throw new Error(s.replayProblems[0]);
    }).toThrow();
  });
});
