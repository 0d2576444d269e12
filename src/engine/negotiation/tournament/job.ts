// Runs one negotiation of a tournament and reduces it to a result row (any thread, any machine).
import type { Scenario } from '../../model/scenario.ts';
import { discounted } from '../../model/reservation.ts';
import type { AgentFactory } from '../agent.ts';
import { distancesFrom } from '../distances.ts';
import type { EndReason } from '../events.ts';
import { prepareScenario, runNegotiation, runNegotiationSync, type AgentResolver, type NegotiationOptions, type NegotiationResult } from '../negotiate.ts';
import type { TournamentJob, TournamentPlan } from './pairings.ts';
import { planOf, type TournamentSpec } from './spec.ts';

/** A fault in a tournament negotiation: the seat and the kind (`timeout`, `threw`… or `negotiation-timeout`). */
export interface RowFault {
  readonly seat: number;
  readonly kind: string;
}

/**
 * The result of one tournament negotiation, as stored: compact and plain.
 * Per-seat arrays follow the scenario's negotiator seats.
 */
export interface NegotiationRow {
  readonly id: number;
  readonly scenario: number;
  readonly repetition: number;
  readonly seed: number;
  /** Agent index in each seat. */
  readonly agents: readonly number[];
  /** Each seat's utility (discounted as the scenario says when discounting is on; its reservation value without agreement). */
  readonly utilities: readonly number[];
  /** The agreement (value positions per issue), or null. */
  readonly agreement: readonly number[] | null;
  readonly rounds: number;
  readonly endReason: EndReason;
  /** Seats that faulted, with the kind of fault. */
  readonly faults: readonly RowFault[];
  /** Distance to the Pareto frontier (undiscounted utilities), null without a reference. */
  readonly pareto: number | null;
  /** Distance to the Nash point, null without one. */
  readonly nash: number | null;
}

/** What running jobs needs, built once per thread: the spec, its plan and each agent's factory. */
export interface JobContext {
  readonly spec: TournamentSpec;
  readonly plan: TournamentPlan;
  readonly scenarios: readonly Scenario[];
  readonly factories: readonly AgentFactory[];
  /** Agents that may answer asynchronously (run under the asynchronous runner). */
  readonly asyncAgents: readonly boolean[];
}

/**
 * Builds the job context of a tournament. `isAsync(spec)` says which agents
 * need the asynchronous runner (the Node edge's agent modules); built-in
 * agents run on the synchronous fast path.
 */
export function createJobContext(spec: TournamentSpec, resolveAgent: AgentResolver, isAsync: (spec: string) => boolean = () => false): JobContext {
  const scenarios = spec.scenarios.map((s) => s.scenario);
  for (const s of scenarios) prepareScenario(s);
  return {
    spec,
    plan: planOf(spec),
    scenarios,
    factories: spec.agents.map((a) => {
      const f = resolveAgent(a.spec);
      // Results name the agent by its label.
      const named: AgentFactory = (view) => f(view);
      Object.defineProperty(named, 'agentName', { value: a.label });
      return named;
    }),
    asyncAgents: spec.agents.map((a) => isAsync(a.spec)),
  };
}

function options(ctx: JobContext, job: TournamentJob, wrap?: (seat: number, f: AgentFactory) => AgentFactory): NegotiationOptions {
  const { spec } = ctx;
  return {
    agents: job.seats.map((a, seat) => (wrap ? wrap(seat, ctx.factories[a]!) : ctx.factories[a]!)),
    rounds: spec.rounds,
    seed: job.seed,
    turnTimeLimitMs: spec.turnTimeLimitMs,
    ...(spec.protocol ? { protocol: spec.protocol } : {}),
    ...(spec.timeLimitMs !== undefined ? { timeLimitMs: spec.timeLimitMs } : {}),
    ...(spec.mediator ? { mediator: spec.mediator } : {}),
  };
}

function toRow(ctx: JobContext, job: TournamentJob, r: NegotiationResult): NegotiationRow {
  return rowOf(ctx.spec, job, r);
}

/** The row of a finished negotiation of the tournament (also one run elsewhere, e.g. as a live session with remote entrants). */
export function rowOf(spec: TournamentSpec, job: TournamentJob, r: NegotiationResult): NegotiationRow {
  const sc = spec.scenarios[job.scenario]!;
  const seatOf = new Map(sc.seats.map((id, i) => [id, i]));
  const faults: RowFault[] = [];
  for (const f of r.faults) {
    const seat = seatOf.get(f.party);
    if (seat !== undefined && !faults.some((x) => x.seat === seat)) faults.push({ seat, kind: f.kind });
  }
  const d = sc.reference ? distancesFrom(sc.scenario, r.agreement, sc.reference) : null;
  return {
    id: job.id,
    scenario: job.scenario,
    repetition: job.repetition,
    seed: job.seed,
    agents: job.seats,
    utilities: sc.seats.map((id) => r.utilities[id] ?? 0),
    agreement: r.agreement,
    rounds: r.rounds,
    endReason: r.endReason,
    faults,
    pareto: d ? d.pareto : null,
    nash: d ? d.nash : null,
  };
}

/** Whether a job involves an agent that needs the asynchronous runner. */
export function jobNeedsAsync(ctx: JobContext, job: TournamentJob): boolean {
  return job.seats.some((a) => ctx.asyncAgents[a]);
}

/** Runs one negotiation with synchronous agents (the fast path). */
export function runJobSync(ctx: JobContext, job: TournamentJob, wrap?: (seat: number, f: AgentFactory) => AgentFactory): NegotiationRow {
  return toRow(ctx, job, runNegotiationSync(ctx.scenarios[job.scenario]!, options(ctx, job, wrap)));
}

/** Runs one negotiation whose agents may answer asynchronously. */
export async function runJobAsync(ctx: JobContext, job: TournamentJob, wrap?: (seat: number, f: AgentFactory) => AgentFactory): Promise<NegotiationRow> {
  return toRow(ctx, job, await runNegotiation(ctx.scenarios[job.scenario]!, options(ctx, job, wrap)));
}

/**
 * The row of a negotiation that was stopped from outside (its whole-negotiation
 * time limit ran out): no agreement, end reason `fault`, the faulting seats
 * (all seats when unknown) with kind `negotiation-timeout`, and each party its
 * reservation value, discounted at the deadline (t = 1, or the last round),
 * since the negotiation did not end on its own before it. `kind` names the
 * fault (a remote entrant that was not connected: `absent`).
 */
export function stoppedRow(spec: TournamentSpec, job: TournamentJob, faultSeats: readonly number[], kind = 'negotiation-timeout'): NegotiationRow {
  const sc = spec.scenarios[job.scenario]!;
  const parties = new Map(sc.scenario.parties.map((p) => [p.id, p]));
  const seats = faultSeats.length ? faultSeats : sc.seats.map((_, i) => i);
  const d = sc.reference ? distancesFrom(sc.scenario, null, sc.reference) : null;
  return {
    id: job.id,
    scenario: job.scenario,
    repetition: job.repetition,
    seed: job.seed,
    agents: job.seats,
    utilities: sc.seats.map((id, i) => {
      const d = parties.get(id)?.discount;
      return discounted(sc.reservations[i]!, d, d?.per === 'round' ? spec.rounds - 1 : 1);
    }),
    agreement: null,
    rounds: 0,
    endReason: 'fault',
    faults: seats.map((seat) => ({ seat, kind })),
    pareto: d ? d.pareto : null,
    nash: d ? d.nash : null,
  };
}

