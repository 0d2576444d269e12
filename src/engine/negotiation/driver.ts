import type { Agent } from './agent.ts';
import type { Clock } from './clock.ts';
import { CallFailure, errorMessage, type AgentCall, type ProtocolOutcome, type ProtocolRun } from './session.ts';

export interface DriverOptions {
  readonly agents: readonly Agent[];
  /** Per-turn limit in milliseconds (Infinity: none). */
  readonly turnTimeLimitMs: number;
  readonly clock: Clock;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return !!v && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';
}

function invoke(agents: readonly Agent[], call: AgentCall): unknown {
  const agent = agents[call.agent]!;
  if (call.method === 'respond') return agent.respond(call.arg);
  if (typeof agent.vote !== 'function') return new CallFailure('unsupported', `agent "${agent.name}" cannot vote (no vote method)`);
  return agent.vote(call.arg);
}

/**
 * Performs one agent call synchronously: its answer, or a `CallFailure` when
 * it threw or answered with a promise (`async-in-sync-run`).
 */
export function callSync(agents: readonly Agent[], call: AgentCall): unknown {
  try {
    const result = invoke(agents, call);
    if (isThenable(result)) {
      // Swallow a later rejection so it does not surface as an unhandled one.
      Promise.resolve(result).catch(() => undefined);
      return new CallFailure('async-in-sync-run', 'returned a promise; run asynchronous agents with negotiate(), not negotiateSync()');
    }
    return result;
  } catch (err) {
    return new CallFailure('threw', `${call.method}() threw: ${errorMessage(err)}`);
  }
}

/**
 * Runs a protocol with synchronous agents only: the fast path. A call that
 * returns a promise is a fault (`async-in-sync-run`); a call that returns
 * after the per-turn limit is a fault (`timeout`). A synchronous call that
 * never returns cannot be interrupted in the same thread.
 */
export function driveSync(run: ProtocolRun, opts: DriverOptions): ProtocolOutcome {
  const { agents, clock } = opts;
  const limit = opts.turnTimeLimitMs;
  const timed = Number.isFinite(limit);
  // One clock reading per call: a call's duration is measured from the end of
  // the previous one (the protocol's own step in between takes microseconds).
  let last = timed ? clock.now() : 0;
  let step = run.next();
  while (!step.done) {
    const call = step.value;
    let result = callSync(agents, call);
    if (timed) {
      const now = clock.now();
      if (now - last > limit && !(result instanceof CallFailure))
        result = new CallFailure('timeout', `took ${(now - last).toFixed(1)} ms, over the per-turn limit of ${limit} ms`);
      last = now;
    }
    step = run.next(result);
  }
  return step.value;
}

/**
 * Runs a protocol whose agents may answer with promises. Synchronous answers
 * are taken at once; a promise races a timer of the per-turn limit, and one
 * that does not settle in time is a fault (`no-answer`).
 */
export async function driveAsync(run: ProtocolRun, opts: DriverOptions): Promise<ProtocolOutcome> {
  const { agents, clock } = opts;
  const limit = opts.turnTimeLimitMs;
  const timed = Number.isFinite(limit);
  let step = run.next();
  while (!step.done) {
    const call = step.value;
    let result: unknown;
    const t0 = timed ? clock.now() : 0;
    try {
      result = invoke(agents, call);
      if (isThenable(result)) result = await raceLimit(Promise.resolve(result), limit, call.method);
      else if (timed && clock.now() - t0 > limit)
        result = new CallFailure('timeout', `took ${(clock.now() - t0).toFixed(1)} ms, over the per-turn limit of ${limit} ms`);
    } catch (err) {
      result = new CallFailure('threw', `${call.method}() threw: ${errorMessage(err)}`);
    }
    step = run.next(result);
  }
  return step.value;
}

function raceLimit(p: Promise<unknown>, limit: number, method: string): Promise<unknown> {
  return new Promise((resolve) => {
    let done = false;
    const timer = Number.isFinite(limit)
      ? setTimeout(() => {
          if (done) return;
          done = true;
          resolve(new CallFailure('no-answer', `${method}() did not answer within the per-turn limit of ${limit} ms`));
        }, limit)
      : undefined;
    p.then(
      (v) => {
        if (done) return;
        done = true;
        if (timer !== undefined) clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        if (done) return;
        done = true;
        if (timer !== undefined) clearTimeout(timer);
        // An agent host that enforces the same limit itself (a worker thread it terminates) rejects
        // with a TurnLimitError: that is the same fault as our own timer's, whichever fires first.
        resolve(isTurnLimitError(err) ? new CallFailure('no-answer', errorMessage(err)) : new CallFailure('threw', `${method}() rejected: ${errorMessage(err)}`));
      },
    );
  });
}

/** The name of the error an agent host rejects with when it cut off a call at the per-turn limit. */
export const TURN_LIMIT_ERROR = 'TurnLimitError';

function isTurnLimitError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === TURN_LIMIT_ERROR;
}
