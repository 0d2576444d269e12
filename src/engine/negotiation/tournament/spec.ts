// A tournament checked and prepared for running: plain data that can be stored, resumed, and sent to workers.
import { analyze } from '../../analysis/analyze.ts';
import type { Scenario } from '../../model/scenario.ts';
import type { ProtocolName } from '../agent.ts';
import { frontierReference, type FrontierReference } from '../distances.ts';
import { DEFAULT_ROUNDS, DEFAULT_TURN_TIME_LIMIT_MS, negotiationParticipants, prepareScenario, type AgentResolver } from '../negotiate.ts';
import type { MediatorStrategy } from '../single-text.ts';
import {
  agentLabelOf,
  agentSpecOf,
  DEFAULT_NEGOTIATION_TIME_LIMIT_MS,
  TournamentConfigError,
  type TournamentConfig,
  type TournamentConfigProblem,
} from './config.ts';
import { permutations, TournamentPlan } from './pairings.ts';

/** A scenario of a prepared tournament. */
export interface SpecScenario {
  readonly id: string;
  /** The scenario as negotiated (without discount factors when discounting is off). */
  readonly scenario: Scenario;
  /** The negotiator seats: participant party ids in turn order. */
  readonly seats: readonly string[];
  /** Each seat's undiscounted reservation value (0 when it has none): advantage = utility − this. */
  readonly reservations: readonly number[];
  /** Frontier, Nash and disagreement points, computed once; null when fewer than two parties define a frontier. */
  readonly reference: FrontierReference | null;
}

/** A prepared tournament: every setting resolved, scenarios analysed once. JSON-safe. */
export interface TournamentSpec {
  readonly version: 1;
  /** Entrants: the label results use and the spec the agent resolver receives. */
  readonly agents: readonly { readonly label: string; readonly spec: string }[];
  readonly scenarios: readonly SpecScenario[];
  readonly repetitions: number;
  readonly rounds: number;
  readonly seed: number;
  readonly protocol?: ProtocolName;
  readonly selfPlay: boolean;
  readonly discounting: boolean;
  readonly timeLimitMs?: number;
  readonly turnTimeLimitMs: number;
  readonly negotiationTimeLimitMs: number;
  readonly mediator?: MediatorStrategy;
}

export interface PrepareOptions {
  /** Compute the frontier references (default true); without them distances are null. */
  readonly analysis?: boolean;
  /** Called before each scenario is analysed. */
  readonly onScenario?: (index: number, count: number, id: string) => void;
}

const references = new WeakMap<Scenario, FrontierReference | null>();

/** The frontier reference of a scenario: analysed once per scenario object, then cached. */
export function scenarioReference(scenario: Scenario): FrontierReference | null {
  if (references.has(scenario)) return references.get(scenario)!;
  const analysis = analyze(scenario);
  const ref = analysis.frontier.parties.length >= 2 ? frontierReference(analysis) : null;
  references.set(scenario, ref);
  return ref;
}

function withoutDiscounts(s: Scenario): Scenario {
  if (!s.parties.some((p) => p.discount)) return s;
  return { ...s, parties: s.parties.map(({ discount: _discount, ...p }) => p) };
}

/**
 * Checks a tournament and prepares it: resolves every agent once (through
 * `resolveAgent`, so unknown names and bad parameters are found before
 * anything runs), works out each scenario's negotiator seats, and analyses
 * each scenario once for the distances. Throws a TournamentConfigError
 * listing every problem with its field path (`agents[2]`, `scenarios[0]`…).
 */
export function prepareTournament(config: TournamentConfig, resolveAgent: AgentResolver, options: PrepareOptions = {}): TournamentSpec {
  const problems: TournamentConfigProblem[] = [];
  const problem = (path: (string | number)[], message: string) => problems.push({ path, message });

  const agents = config.agents.map((a) => ({ label: agentLabelOf(a), spec: agentSpecOf(a) }));
  if (agents.length === 0) problem(['agents'], 'list at least one agent');
  const seenLabels = new Map<string, number>();
  agents.forEach((a, i) => {
    const first = seenLabels.get(a.label);
    if (first !== undefined) problem(['agents', i], `"${a.label}" is listed twice (also agents[${first}]); give one of them a label to run both`);
    else seenLabels.set(a.label, i);
    try {
      resolveAgent(a.spec);
    } catch (e) {
      problem(['agents', i], e instanceof Error ? e.message : String(e));
    }
  });

  const repetitions = config.repetitions ?? 1;
  const rounds = config.rounds ?? DEFAULT_ROUNDS;
  const seed = config.seed ?? 0;
  if (!(Number.isSafeInteger(repetitions) && repetitions >= 1)) problem(['repetitions'], `expected a whole number of repetitions ≥ 1, got ${repetitions}`);
  if (!(Number.isSafeInteger(rounds) && rounds >= 1)) problem(['rounds'], `expected a whole number of rounds ≥ 1, got ${rounds}`);
  if (!Number.isSafeInteger(seed)) problem(['seed'], `expected a whole number, got ${seed}`);
  for (const [key, v] of [
    ['timeLimit', config.timeLimitMs],
    ['turnLimit', config.turnTimeLimitMs],
    ['negotiationLimit', config.negotiationTimeLimitMs],
  ] as const)
    if (v !== undefined && !(v > 0)) problem([key], `expected a time in milliseconds, greater than 0, got ${v}`);

  const selfPlay = config.selfPlay ?? false;
  const discounting = config.discounting ?? true;
  if (config.scenarios.length === 0) problem(['scenarios'], 'list at least one scenario');
  const seenIds = new Map<string, number>();
  const prepared: { id: string; scenario: Scenario; seats: string[] }[] = [];
  config.scenarios.forEach((ts, i) => {
    const first = seenIds.get(ts.id);
    if (first !== undefined) problem(['scenarios', i], `"${ts.id}" is listed twice (also scenarios[${first}])`);
    else seenIds.set(ts.id, i);
    const s = ts.scenario;
    const seats = negotiationParticipants(s);
    const where = `scenario "${ts.id}"`;
    const parties = new Set(s.parties.map((p) => p.id));
    const unknown = seats.filter((id) => !parties.has(id));
    if (unknown.length) return problem(['scenarios', i], `${where}: the agreement rule names ${unknown.map((u) => `"${u}"`).join(', ')}, not a party`);
    if (seats.length === 0) return problem(['scenarios', i], `${where}: nobody negotiates (the agreement rule has no voters)`);
    const noPrefs = seats.filter((id) => !s.parties.find((p) => p.id === id)?.preferences);
    if (noPrefs.length) return problem(['scenarios', i], `${where}: ${noPrefs.join(', ')} take${noPrefs.length === 1 ? 's' : ''} part but ha${noPrefs.length === 1 ? 's' : 've'} no preferences`);
    const protocol = config.protocol ?? (seats.length === 2 ? 'aop' : 'saop');
    if (protocol === 'aop' && seats.length !== 2) return problem(['scenarios', i], `${where} has ${seats.length} negotiators; the bilateral protocol (aop) needs 2: use saop or single-text`);
    if (permutations(agents.length, seats.length) === 0 && !selfPlay)
      return problem(['scenarios', i], `${where} has ${seats.length} negotiator seats but the tournament has ${agents.length} agent${agents.length === 1 ? '' : 's'}; each seat needs a different agent (or turn on selfPlay)`);
    prepared.push({ id: ts.id, scenario: discounting ? s : withoutDiscounts(s), seats });
  });
  if (problems.length === 0 && agents.length === 1 && !selfPlay && prepared.every((p) => p.seats.length > 1))
    problem(['agents'], 'one agent and no self-play: there is nobody to negotiate with (add agents or turn on selfPlay)');
  if (problems.length > 0) throw new TournamentConfigError(problems);

  const scenarios: SpecScenario[] = prepared.map((p, i) => {
    options.onScenario?.(i, prepared.length, p.id);
    const prep = prepareScenario(p.scenario);
    const reference = options.analysis === false ? null : scenarioReference(config.scenarios[i]!.scenario);
    return {
      id: p.id,
      scenario: p.scenario,
      seats: p.seats,
      reservations: p.seats.map((id) => prep.parties.get(id)?.evaluator.reservationValue ?? 0),
      reference,
    };
  });

  const spec: TournamentSpec = {
    version: 1,
    agents,
    scenarios,
    repetitions,
    rounds,
    seed,
    ...(config.protocol ? { protocol: config.protocol } : {}),
    selfPlay,
    discounting,
    ...(config.timeLimitMs !== undefined ? { timeLimitMs: config.timeLimitMs } : {}),
    turnTimeLimitMs: config.turnTimeLimitMs ?? DEFAULT_TURN_TIME_LIMIT_MS,
    negotiationTimeLimitMs: config.negotiationTimeLimitMs ?? DEFAULT_NEGOTIATION_TIME_LIMIT_MS,
    ...(config.mediator ? { mediator: config.mediator } : {}),
  };
  planOf(spec); // throws when the tournament is too large to count
  return spec;
}

/** The plan (negotiations and their ids) of a prepared tournament. */
export function planOf(spec: TournamentSpec): TournamentPlan {
  return new TournamentPlan(
    spec.agents.length,
    spec.scenarios.map((s) => s.seats.length),
    spec.repetitions,
    spec.selfPlay,
    spec.seed,
  );
}
