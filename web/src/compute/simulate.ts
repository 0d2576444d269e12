// Simulated negotiations for the workbench: one traced run plus repeated runs with summary statistics.
import { OutcomeSpace, compileUtility, negotiateSync, opponentModelAccuracy, replay, traceFromJsonLines } from 'parley';
import type { NegotiationResult, OpponentModelReport, ProtocolName, Scenario } from 'parley';

/** One move of the traced run, with every party's utility of the outcome it is about. */
export interface TraceStep {
  readonly round: number;
  readonly party: string;
  readonly kind: 'offer' | 'accept' | 'end' | 'propose' | 'vote' | 'text';
  readonly outcome: readonly number[] | null;
  readonly text: string;
  readonly utilities: Readonly<Record<string, number>> | null;
  /** Votes: accept or reject. */
  readonly accept?: boolean;
}

export interface RunSummary {
  readonly seed: number;
  readonly agreement: readonly number[] | null;
  readonly agreementText: string | null;
  readonly endReason: string;
  readonly rounds: number;
  readonly utilities: Readonly<Record<string, number>>;
}

export interface Stat {
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
}

export interface SimulationSummary {
  readonly protocol: ProtocolName;
  readonly participants: readonly { readonly id: string; readonly agent: string }[];
  readonly trace: readonly TraceStep[];
  readonly first: RunSummary;
  readonly runs: readonly RunSummary[];
  readonly stats: {
    readonly agreementRate: number;
    readonly rounds: Stat;
    readonly utilities: Readonly<Record<string, Stat>>;
  };
  /** A replayed trace (summaryFromTrace): what does not add up when it is replayed on the scenario. */
  readonly replayProblems?: readonly string[];
  /** The first run's opponent models against the truth (joined here, after the run), when an agent has a model. */
  readonly models?: OpponentModelReport;
}

export interface SimulationRequest {
  readonly protocol: ProtocolName;
  readonly agents: readonly string[];
  readonly rounds: number;
  readonly seed: number;
  readonly repeats: number;
}

/** Mean, sample standard deviation, min and max (zeros for no values). */
export function stat(xs: readonly number[]): Stat {
  if (xs.length === 0) return { mean: 0, sd: 0, min: 0, max: 0 };
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const v = xs.length > 1 ? xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1) : 0;
  return { mean, sd: Math.sqrt(v), min: Math.min(...xs), max: Math.max(...xs) };
}

function summaryOf(r: NegotiationResult, space: OutcomeSpace): RunSummary {
  return {
    seed: r.seed,
    agreement: r.agreement,
    agreementText: r.agreement ? space.describe(r.agreement) : null,
    endReason: r.endReason,
    rounds: r.rounds,
    utilities: r.utilities,
  };
}

/** The moves of a run as trace steps, with every party's utility of each outcome. */
export function traceSteps(scenario: Scenario, r: NegotiationResult, limit = 5000): TraceStep[] {
  const space = new OutcomeSpace(scenario.issues);
  const ufuns = scenario.parties.filter((p) => p.preferences).map((p) => [p.id, compileUtility(space, p.preferences!)] as const);
  const utilitiesOf = (o: readonly number[]) => Object.fromEntries(ufuns.map(([id, u]) => [id, u.utility(o)]));
  const steps: TraceStep[] = [];
  for (const e of r.events) {
    if (steps.length >= limit) break;
    if (e.type === 'offer' || e.type === 'accept' || e.type === 'propose' || e.type === 'vote') {
      steps.push({
        round: e.round,
        party: e.party,
        kind: e.type,
        outcome: e.outcome,
        text: space.describe(e.outcome),
        utilities: utilitiesOf(e.outcome),
        ...(e.type === 'vote' ? { accept: e.accept } : {}),
      });
    } else if (e.type === 'text') {
      steps.push({ round: e.round, party: 'mediator', kind: 'text', outcome: e.outcome, text: space.describe(e.outcome), utilities: utilitiesOf(e.outcome) });
    } else if (e.type === 'end') {
      steps.push({ round: e.round, party: e.party, kind: 'end', outcome: null, text: 'walks away', utilities: null });
    }
  }
  return steps;
}

/** Runs `repeats` negotiations with seeds seed, seed+1, …; the first is traced. */
export function simulate(scenario: Scenario, req: SimulationRequest, onProgress?: (done: number, total: number) => void): SimulationSummary {
  const space = new OutcomeSpace(scenario.issues);
  const repeats = Math.max(1, Math.min(1000, Math.floor(req.repeats)));
  const results: NegotiationResult[] = [];
  for (let k = 0; k < repeats; k++) {
    results.push(
      negotiateSync(scenario, { agents: req.agents, protocol: req.protocol, rounds: req.rounds, seed: req.seed + k, turnTimeLimitMs: Number.POSITIVE_INFINITY, recordModels: k === 0 }),
    );
    onProgress?.(k + 1, repeats);
  }
  const models = results[0]!.models?.estimates.length ? opponentModelAccuracy(scenario, results[0]!, req.seed) : undefined;
  return { ...(models ? { models } : {}), ...summaryOfResults(scenario, results, space) };
}

/** The summary of runs (the first traced), whether simulated here or replayed from a trace. */
function summaryOfResults(scenario: Scenario, results: readonly NegotiationResult[], space = new OutcomeSpace(scenario.issues)): SimulationSummary {
  const first = results[0]!;
  const runs = results.map((r) => summaryOf(r, space));
  const ids = Object.keys(first.utilities);
  return {
    protocol: first.protocol,
    participants: first.participants,
    trace: traceSteps(scenario, first),
    first: runs[0]!,
    runs,
    stats: {
      agreementRate: runs.filter((r) => r.agreement).length / runs.length,
      rounds: stat(runs.map((r) => r.rounds)),
      utilities: Object.fromEntries(ids.map((id) => [id, stat(runs.map((r) => r.utilities[id] ?? 0))])),
    },
  };
}

/**
 * A negotiation recorded elsewhere — a finished live session, or `parley run --trace` — as the
 * Simulation screen shows a run: the JSON Lines trace read with the engine's one trace type
 * (traceFromJsonLines) and replayed against the scenario (the engine's replay, which rebuilds the
 * result and its utilities). A trace that does not replay on this scenario is an error naming why.
 */
export function summaryFromTrace(scenario: Scenario, jsonLines: string): SimulationSummary {
  const events = traceFromJsonLines(jsonLines);
  const report = replay(scenario, events);
  if (!report.result) throw new Error(`the trace does not replay on this scenario: ${report.problems.slice(0, 3).join('; ') || 'it has no start event'}`);
  return { ...summaryOfResults(scenario, [report.result]), ...(report.problems.length ? { replayProblems: report.problems } : {}) };
}
