// Runs the negotiations of a tournament that involve remote entrants (`remote:NAME`) as live
// sessions on the tournament's live host; every other negotiation goes to the local pool
// (docs/tournaments.md, "Remote entrants"). Node only.
import { rowOf, stoppedRow, type NegotiationRow } from '../engine/negotiation/tournament/job.ts';
import type { TournamentJob } from '../engine/negotiation/tournament/pairings.ts';
import type { TournamentPool, TournamentPoolFactory } from '../engine/negotiation/tournament/run.ts';
import type { TournamentSpec } from '../engine/negotiation/tournament/spec.ts';
import type { AgentResolver } from '../engine/negotiation/negotiate.ts';
import type { LiveHub } from '../server/live/hub.ts';
import type { LiveLobby } from '../server/live/lobby.ts';
import type { LiveRoom } from '../server/live/room.ts';
import { remoteNameOf } from './remote-source.ts';

/** Default: live sessions of remote entrants at once. */
export const DEFAULT_REMOTE_CONCURRENCY = 4;
/** Default: how long a dropped remote (a seat or its lobby) may take to come back, and a handed seat to be joined (ms). */
export const DEFAULT_REMOTE_GRACE_MS = 5_000;

export interface RemotePoolOptions {
  readonly hub: LiveHub;
  readonly lobby: LiveLobby;
  /** Resolves the built-in agents of the other seats. */
  readonly resolveAgent: AgentResolver;
  /** Live sessions at once (default 4). */
  readonly concurrency?: number;
  /** Grace for a dropped seat or lobby, and for a handed seat to be joined (default 5 000 ms). */
  readonly graceMs?: number;
  /** Told about each remote fault (absent entrant, stopped session). */
  readonly log?: (line: string) => void;
}

/** Whether a job has a remote entrant in a seat. */
export function isRemoteJob(spec: TournamentSpec, job: TournamentJob): boolean {
  return job.seats.some((a) => remoteNameOf(spec.agents[a]!.spec) !== undefined);
}

/** A counting semaphore. */
function limiter(n: number): <T>(f: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  return async (f) => {
    if (active >= n) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await f();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

/**
 * Runs one negotiation with remote entrants as a live session: remote seats
 * are `remote` seats whose tokens go to their entrants' lobbies, the other
 * seats run their built-in agents in the session. A remote that is not
 * connected (after the grace period) gives a row with an `absent` fault; one
 * that drops, does not join or misses a turn leaves as a `no-answer` fault;
 * a session that overruns the negotiation limit is ended (its remote seats
 * fault). It always settles.
 */
export async function runRemoteJob(spec: TournamentSpec, job: TournamentJob, options: RemotePoolOptions): Promise<NegotiationRow> {
  const { hub, lobby } = options;
  const grace = options.graceMs ?? DEFAULT_REMOTE_GRACE_MS;
  const sc = spec.scenarios[job.scenario]!;
  const seats: Record<string, string> = {};
  const remote: { seat: number; party: string; name: string }[] = [];
  sc.seats.forEach((party, i) => {
    const a = spec.agents[job.seats[i]!]!;
    const name = remoteNameOf(a.spec);
    if (name !== undefined) {
      seats[party] = 'remote';
      remote.push({ seat: i, party, name });
    } else seats[party] = a.spec;
  });
  const absent: number[] = [];
  for (const r of remote) if (!lobby.isConnected(r.name) && !(await lobby.waitFor(r.name, grace))) absent.push(r.seat);
  if (absent.length) {
    options.log?.(`negotiation ${job.id}: ${[...new Set(absent.map((s) => remote.find((r) => r.seat === s)!.name))].map((n) => `remote:${n}`).join(', ')} not connected to the lobby: recorded as a fault (absent)`);
    return stoppedRow(spec, job, absent, 'absent');
  }
  let finished!: (room: LiveRoom) => void;
  const done = new Promise<LiveRoom>((resolve) => (finished = resolve));
  const created = hub.open(
    {
      scenarioId: sc.id,
      ...(spec.protocol ? { protocol: spec.protocol } : {}),
      rounds: spec.rounds,
      ...(spec.timeLimitMs !== undefined ? { timeLimitMs: spec.timeLimitMs } : {}),
      turnTimeLimitMs: spec.turnTimeLimitMs,
      missedTurn: 'leave',
      graceMs: grace,
      joinTimeoutMs: grace,
      seed: job.seed,
      seats,
      ...(spec.mediator ? { mediator: spec.mediator } : {}),
      leaveAs: 'fault',
    },
    sc.scenario,
    { resolveAgent: options.resolveAgent, onFinished: (room) => finished(room) },
  );
  const room = created.room;
  if (room.result) finished(room);
  for (const r of remote) lobby.offerSeat(r.name, { session: created.id, token: created.seats[r.party]!.token!, party: r.party, negotiation: job.id, scenario: sc.id });
  // The whole-negotiation limit (after the join time): the session is ended, its remote seats fault.
  const watchdog = setTimeout(() => {
    options.log?.(`negotiation ${job.id} overran its time limit of ${spec.negotiationTimeLimitMs} ms: ended; its remote seats recorded as faults`);
    room.end();
  }, spec.negotiationTimeLimitMs + grace);
  watchdog.unref?.();
  try {
    await done;
  } finally {
    clearTimeout(watchdog);
  }
  return rowOf(spec, job, room.result!);
}

/**
 * A pool factory for `executeTournament`: negotiations with a remote entrant
 * run as live sessions (at most `concurrency` at once), the rest on `local`.
 */
export function withRemoteEntrants(local: TournamentPoolFactory, options: RemotePoolOptions): TournamentPoolFactory {
  return async (spec, runId) => {
    options.lobby.tournament = runId;
    const limit = limiter(Math.max(1, options.concurrency ?? DEFAULT_REMOTE_CONCURRENCY));
    let localPool: TournamentPool | undefined;
    let starting: Promise<TournamentPool> | undefined;
    const localOf = () => (starting ??= Promise.resolve(local(spec, runId)).then((p) => (localPool = p)));
    return {
      concurrency: Math.max(1, options.concurrency ?? DEFAULT_REMOTE_CONCURRENCY),
      async run(jobs) {
        const remote = jobs.filter((j) => isRemoteJob(spec, j));
        const others = jobs.filter((j) => !isRemoteJob(spec, j));
        const [a, b] = await Promise.all([others.length ? localOf().then((p) => p.run(others)) : [], Promise.all(remote.map((j) => limit(() => runRemoteJob(spec, j, options))))]);
        return [...a, ...b];
      },
      async close() {
        if (starting) await starting;
        await localPool?.close();
      },
    };
  };
}
