import { ruleVoters, type AgreementRule } from '../model/agreement-rule.ts';
import { OutcomeSpace, type OutcomeRecord } from '../model/outcome-space.ts';
import { compileParty } from '../model/party-evaluator.ts';
import { discounted } from '../model/reservation.ts';
import type { Scenario } from '../model/scenario.ts';
import { createRng, type Rng } from '../util/rng.ts';
import type { Agent, AgentFactory, Bid, ProtocolName } from './agent.ts';
import { createAgentView, prepareParty, type PreparedParty } from './agent-view.ts';
import { alternatingOffers } from './alternating-offers.ts';
import { systemClock, type Clock } from './clock.ts';
import { driveAsync, driveSync } from './driver.ts';
import type { EndReason, Fault, TraceEvent } from './events.ts';
import { ModelRecorder, type ModelTrace } from './model-trace.ts';
import { Session, type ProtocolOutcome, type ProtocolRun } from './session.ts';
import { singleText, type MediatorStrategy } from './single-text.ts';
import { sortedOutcomesData, sortedOutcomesFrom, type SortedOutcomesData } from './sorted-outcomes.ts';

/** Default deadline: 1000 rounds (see docs/simulation.md). */
export const DEFAULT_ROUNDS = 1000;
/** Default per-turn limit: 10 s. */
export const DEFAULT_TURN_TIME_LIMIT_MS = 10_000;

/** An agent: a name the agent registry resolves (optionally with parameters, `name:key=value`) or a factory. */
export type AgentSpec = string | AgentFactory;

/**
 * Turns an agent name into a factory. The negotiation layer knows no agents:
 * the registry is injected (the agents layer's `negotiate`/`negotiateSync`
 * pass the built-in one).
 */
export type AgentResolver = (spec: string) => AgentFactory;

/** Options of a negotiation: the agents (names or factories), protocol, rounds, seed, time limits, trace and model recording. */
export interface NegotiationOptions {
  /** One agent per participant in scenario order, or a single one for all. */
  readonly agents: readonly AgentSpec[];
  /** Resolves agents given by name; required when `agents` holds names. */
  readonly resolveAgent?: AgentResolver;
  /** Default: `aop` with two participants, `saop` with more. */
  readonly protocol?: ProtocolName;
  /** Deadline in rounds (default 1000). */
  readonly rounds?: number;
  /** Optional wall-clock deadline in ms (makes runs timing-dependent). */
  readonly timeLimitMs?: number;
  /** Per-turn limit in ms (default 10 000; Infinity for none). */
  readonly turnTimeLimitMs?: number;
  /** Seed of every random stream in the run (default 0). */
  readonly seed?: number;
  /** Overrides the scenario's agreement rule. */
  readonly rule?: AgreementRule;
  /** Single text: the mediator's strategy (default hill-climbing). */
  readonly mediator?: MediatorStrategy;
  /** Single text: annealing start temperature (default 1). */
  readonly temperature?: number;
  /** Single text: the first text (default: random from the mediator's stream). */
  readonly initialText?: Bid;
  readonly clock?: Clock;
  /** Adds `wall` (ms since start) to each event. Off by default. */
  readonly recordWallTime?: boolean;
  /**
   * Records what the agents' opponent models estimate (`result.models`): after
   * each offer, every other agent's estimate of its proposer's utility, and at
   * the end each model's linear estimate. Off by default. Agents never see it.
   */
  readonly recordModels?: boolean;
}

/** The outcome of a negotiation: the agreement (if any), who accepted it, why it ended, rounds, turns, utilities and the trace. */
export interface NegotiationResult {
  readonly scenario: string;
  readonly protocol: ProtocolName;
  readonly seed: number;
  readonly rule: AgreementRule;
  /** Participants in turn order, with the agent each ran. */
  readonly participants: readonly { readonly id: string; readonly agent: string }[];
  readonly agreement: readonly number[] | null;
  readonly agreementRecord: OutcomeRecord | null;
  /** Parties whose acceptance made the agreement (the proposer included). */
  readonly acceptedBy: readonly string[];
  readonly endReason: EndReason;
  /** Rounds begun (1 when it ended in the first round). */
  readonly rounds: number;
  /** Agent calls made. */
  readonly turns: number;
  /** Relative time at the end, in [0, 1]. */
  readonly time: number;
  /**
   * Per party with preferences: utility of the agreement, discounted as the
   * party's discount says; without agreement, its reservation value
   * (discounted the same way; 0 when it has none).
   */
  readonly utilities: Readonly<Record<string, number>>;
  /** The same before discounting: the agreement's utility, or the reservation value (0 when none) without agreement. */
  readonly rawUtilities: Readonly<Record<string, number>>;
  /** Undiscounted reservation values (undefined: none given). */
  readonly reservations: Readonly<Record<string, number | undefined>>;
  /**
   * Reservation values discounted like the utility, at the same time (GENIUS:
   * `getReservationValueWithDiscount`); undefined when none is given.
   */
  readonly discountedReservations: Readonly<Record<string, number | undefined>>;
  /**
   * utility − discounted reservation value (GENIUS semantics: both discounted
   * the same way; the reservation counted as 0 when none is given); 0 without
   * agreement.
   */
  readonly advantages: Readonly<Record<string, number>>;
  readonly faults: readonly Fault[];
  readonly events: readonly TraceEvent[];
  /** The opponent models' estimates, when `recordModels` was set (see `opponentModelAccuracy`). */
  readonly models?: ModelTrace;
}

/** Setup problems (unknown agent, wrong protocol for the party count…). */
export class NegotiationSetupError extends Error {
  override name = 'NegotiationSetupError';
}

/** Compiled parties and sorted outcomes of a scenario, shared by all runs on the same scenario object. */
export interface PreparedScenario {
  readonly scenario: Scenario;
  readonly space: OutcomeSpace;
  readonly parties: ReadonlyMap<string, PreparedParty>;
}

const prepared = new WeakMap<Scenario, PreparedScenario>();
/** Fixed seed of the sampled sort fallback, so the cache does not depend on a run's seed. */
const SORT_SEED = 0x5eed;

/**
 * The scenario's compiled parties, cached per scenario object. `presorted`
 * gives parties' sorted tables made elsewhere (`presortScenario` in a worker
 * thread), so that the first run does not sort them here; it applies only
 * when the scenario is not prepared yet.
 */
export function prepareScenario(scenario: Scenario, presorted?: ReadonlyMap<string, SortedOutcomesData>): PreparedScenario {
  let p = prepared.get(scenario);
  if (!p) {
    const space = new OutcomeSpace(scenario.issues);
    const parties = new Map<string, PreparedParty>();
    for (const party of scenario.parties) {
      const data = presorted?.get(party.id);
      parties.set(party.id, prepareParty(space, compileParty(space, party), () => createRng(SORT_SEED), data ? sortedOutcomesFrom(space, data) : undefined));
    }
    p = { scenario, space, parties };
    prepared.set(scenario, p);
  }
  return p;
}

/**
 * Sorts the tables of every party with preferences that takes part (as the
 * agents would on their first turn) and returns them as plain arrays, for
 * `prepareScenario(copy, presorted)` in another thread.
 */
export function presortScenario(scenario: Scenario): Map<string, SortedOutcomesData> {
  const prep = prepareScenario(scenario);
  const out = new Map<string, SortedOutcomesData>();
  for (const id of negotiationParticipants(scenario)) {
    const party = prep.parties.get(id);
    if (party?.evaluator.ufun) out.set(id, sortedOutcomesData(prep.space, party.sorted()));
  }
  return out;
}

/**
 * The parties that take turns or vote, in scenario order: those the agreement
 * rule counts (`ruleVoters`). Agents are assigned to them in this order.
 */
export function negotiationParticipants(scenario: Scenario, rule: AgreementRule = scenario.agreement): string[] {
  const voters = new Set(ruleVoters(rule, scenario.parties));
  return scenario.parties.filter((p) => voters.has(p.id)).map((p) => p.id);
}

/** A negotiation set up but not yet run: the session, the protocol's generator and the agents (see `LiveNegotiation`). */
export interface NegotiationSetup {
  readonly session: Session;
  readonly run: ProtocolRun;
  readonly agents: Agent[];
  readonly turnTimeLimitMs: number;
  readonly clock: Clock;
  finish(outcome: ProtocolOutcome): NegotiationResult;
}

/** Checks the options, builds the agents from their views and starts the protocol (emits `start`); one setup for every driver. */
export function setupNegotiation(scenario: Scenario, options: NegotiationOptions): NegotiationSetup {
  const prep = prepareScenario(scenario);
  const { space } = prep;
  const rule = options.rule ?? scenario.agreement;
  const seed = options.seed ?? 0;
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  if (!Number.isInteger(rounds) || rounds < 1) throw new NegotiationSetupError(`rounds must be a whole number ≥ 1, got ${rounds}`);
  if (options.timeLimitMs !== undefined && !(options.timeLimitMs > 0)) throw new NegotiationSetupError(`the time limit must be > 0 ms`);
  const turnTimeLimitMs = options.turnTimeLimitMs ?? DEFAULT_TURN_TIME_LIMIT_MS;
  if (!(turnTimeLimitMs > 0)) throw new NegotiationSetupError(`the per-turn time limit must be > 0 ms`);
  const clock = options.clock ?? systemClock;

  const voters = new Set(ruleVoters(rule, scenario.parties));
  for (const id of voters) if (!prep.parties.has(id)) throw new NegotiationSetupError(`the agreement rule names "${id}", which is not a party`);
  const participants = negotiationParticipants(scenario, rule);
  if (participants.length === 0) throw new NegotiationSetupError('nobody takes part: the agreement rule has no voters');
  const protocol: ProtocolName = options.protocol ?? (participants.length === 2 ? 'aop' : 'saop');
  if (protocol === 'aop' && participants.length !== 2)
    throw new NegotiationSetupError(`the bilateral protocol (aop) needs 2 participants, the scenario has ${participants.length}; use saop or single-text`);
  for (const id of participants) if (!prep.parties.get(id)!.evaluator.ufun) throw new NegotiationSetupError(`party "${id}" takes part but has no preferences`);

  const specs = options.agents;
  if (specs.length !== 1 && specs.length !== participants.length)
    throw new NegotiationSetupError(`${specs.length} agents for ${participants.length} participants (${participants.join(', ')}): give one for all or one each`);
  const factories = participants.map((_, i) => {
    const s = specs.length === 1 ? specs[0]! : specs[i]!;
    if (typeof s !== 'string') return s;
    if (!options.resolveAgent) throw new NegotiationSetupError(`agent "${s}" is given by name, but no agent registry was passed (resolveAgent)`);
    return options.resolveAgent(s);
  });

  const root = createRng(seed);
  const agentRngs: Rng[] = participants.map(() => root.fork());
  const mediatorRng = root.fork();
  const deadline = options.timeLimitMs !== undefined ? { rounds, timeMs: options.timeLimitMs } : { rounds };
  const agents = participants.map((id, i) =>
    factories[i]!(createAgentView(prep.parties.get(id)!, { space, participants, protocol, deadline, rng: agentRngs[i]! })),
  );
  const agentNames = participants.map((id, i) => {
    const f = factories[i] as AgentFactory & { agentName?: string };
    return f.agentName ?? agents[i]!.name ?? 'agent';
  });

  let recorder: ModelRecorder | undefined;
  const session: Session = new Session({
    space,
    parties: scenario.parties,
    rule,
    participants,
    agents,
    rounds,
    ...(options.timeLimitMs !== undefined ? { timeMs: options.timeLimitMs } : {}),
    clock,
    recordWallTime: options.recordWallTime ?? false,
    ...(options.recordModels ? { afterEmit: (e: TraceEvent) => recorder!.onEvent(e) } : {}),
  });
  if (options.recordModels) recorder = new ModelRecorder(participants, agents, (i) => session.active[i]!);

  let mediatorId: string | undefined;
  let run: ProtocolRun;
  if (protocol === 'single-text') {
    const mediatorParty = scenario.parties.find((p) => p.role === 'mediator' && !voters.has(p.id));
    mediatorId = mediatorParty?.id ?? 'mediator';
    const med = mediatorParty ? prep.parties.get(mediatorParty.id) : undefined;
    if (options.initialText && !space.contains(options.initialText)) throw new NegotiationSetupError('the initial text is not an outcome of the space');
    run = singleText(session, {
      strategy: options.mediator ?? 'hill-climbing',
      ...(med?.evaluator.ufun ? { mediator: med } : {}),
      mediatorId,
      rng: mediatorRng,
      ...(options.initialText ? { initialText: options.initialText } : {}),
      ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    });
  } else {
    run = alternatingOffers(session);
  }
  session.emit({
    type: 'start',
    protocol,
    seed,
    parties: participants.map((id, i) => ({ id, agent: agentNames[i]! })),
    ...(mediatorId !== undefined ? { mediator: mediatorId } : {}),
    rule,
    rounds,
    ...(options.timeLimitMs !== undefined ? { timeMs: options.timeLimitMs } : {}),
  });

  return {
    session,
    run,
    agents,
    turnTimeLimitMs,
    clock,
    finish: (outcome) => ({
      ...buildResult(prep, {
        protocol,
        seed,
        rule,
        participants: participants.map((id, i) => ({ id, agent: agentNames[i]! })),
        outcome,
        turns: session.turn,
        faults: session.faults,
        events: session.events,
      }),
      ...(recorder ? { models: recorder.finish() } : {}),
    }),
  };
}

/** Utilities, reservations and advantages of an ending (also used by replay). */
export function buildResult(
  prep: PreparedScenario,
  r: {
    protocol: ProtocolName;
    seed: number;
    rule: AgreementRule;
    participants: NegotiationResult['participants'];
    outcome: ProtocolOutcome;
    turns: number;
    faults: readonly Fault[];
    events: readonly TraceEvent[];
  },
): NegotiationResult {
  const { outcome } = r;
  const utilities: Record<string, number> = {};
  const rawUtilities: Record<string, number> = {};
  const reservations: Record<string, number | undefined> = {};
  const discountedReservations: Record<string, number | undefined> = {};
  const advantages: Record<string, number> = {};
  for (const [id, p] of prep.parties) {
    const ev = p.evaluator;
    if (!ev.ufun) continue;
    const d = ev.party.discount;
    const t = d?.per === 'round' ? outcome.round : outcome.time;
    const rv = ev.reservationValue;
    const raw = outcome.agreement ? ev.ufun.utility(outcome.agreement) : (rv ?? 0);
    rawUtilities[id] = raw;
    utilities[id] = discounted(raw, d, t);
    reservations[id] = rv;
    discountedReservations[id] = rv === undefined ? undefined : discounted(rv, d, t);
    // Without agreement the party gets its (discounted) reservation: no advantage (also when it is −∞).
    advantages[id] = outcome.agreement ? utilities[id] - (discountedReservations[id] ?? 0) : 0;
  }
  return {
    scenario: prep.scenario.name,
    protocol: r.protocol,
    seed: r.seed,
    rule: r.rule,
    participants: r.participants,
    agreement: outcome.agreement ? [...outcome.agreement] : null,
    agreementRecord: outcome.agreement ? prep.space.toRecord(outcome.agreement) : null,
    acceptedBy: outcome.acceptedBy,
    endReason: outcome.reason,
    rounds: outcome.round + 1,
    turns: r.turns,
    time: outcome.time,
    utilities,
    rawUtilities,
    reservations,
    discountedReservations,
    advantages,
    faults: r.faults,
    events: r.events,
  };
}

/**
 * Runs a negotiation with synchronous agents (the fast path). An agent that
 * answers with a promise is recorded as a fault; use `runNegotiation` for
 * asynchronous agents.
 */
export function runNegotiationSync(scenario: Scenario, options: NegotiationOptions): NegotiationResult {
  const s = setupNegotiation(scenario, options);
  return s.finish(driveSync(s.run, { agents: s.agents, turnTimeLimitMs: s.turnTimeLimitMs, clock: s.clock }));
}

/**
 * Runs a negotiation whose agents may be asynchronous: a promise that does
 * not settle within the per-turn limit is cut off and recorded as a fault.
 */
export async function runNegotiation(scenario: Scenario, options: NegotiationOptions): Promise<NegotiationResult> {
  const s = setupNegotiation(scenario, options);
  return s.finish(await driveAsync(s.run, { agents: s.agents, turnTimeLimitMs: s.turnTimeLimitMs, clock: s.clock }));
}
