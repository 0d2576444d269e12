// The expensive steps of API requests, run in the server's worker pool (pool.ts) so that a hostile
// request costs a worker, not the server. Each task takes and returns plain (structured-cloneable)
// data; a refusal is a TaskRefusal with its HTTP status. Add a task by adding an entry to TASKS.
import type { z } from 'zod';
import { geniusExportLosses, importScenario, printGenius, printNative, readNative } from '../engine/formats/index.ts';
import { applyVariant } from '../engine/what-if/variant.ts';
import { ScenarioError } from '../engine/model/diagnostics.ts';
import type { Scenario, SkippedFile } from '../engine/model/scenario.ts';
import { agentFactory } from '../engine/agents/registry.ts';
import { distancesFrom } from '../engine/negotiation/distances.ts';
import { TournamentConfigError } from '../engine/negotiation/tournament/config.ts';
import { createJobContext, runJobSync, type JobContext, type NegotiationRow } from '../engine/negotiation/tournament/job.ts';
import type { TournamentJob } from '../engine/negotiation/tournament/pairings.ts';
import { prepareTournament, type TournamentSpec } from '../engine/negotiation/tournament/spec.ts';
import { importBody, sourceBody, zodProblems } from './api-schemas.ts';
import { presortScenario } from '../engine/negotiation/negotiate.ts';
import { sortedOutcomesBytes, type SortedOutcomesData } from '../engine/negotiation/sorted-outcomes.ts';
import { estimatePlayBytes, estimateTables, sessionBudgetProblem } from './session-budget.ts';
import { TaskRefusal } from './task-errors.ts';

export { serializeTaskError } from './task-errors.ts';

/** A request body as it arrived (bytes), parsed in the worker rather than on the server's main thread. */
export interface RawBody {
  readonly body: Uint8Array;
}

/** Parses a JSON request body and validates it, refusing with 400 and the problems. */
export function parseBody<T extends z.ZodType>(bytes: Uint8Array, schema: T, what: string): z.infer<T> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
  } catch (e) {
    throw new TaskRefusal(400, `malformed JSON in the request body: ${(e as Error).message}`);
  }
  const r = schema.safeParse(value);
  if (!r.success) throw new TaskRefusal(400, `invalid ${what}`, { problems: zodProblems(r.error) });
  return r.data;
}

function scenarioProblems<T>(message: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ScenarioError) throw new TaskRefusal(400, message, { diagnostics: e.diagnostics.map((d) => ({ ...d })) });
    throw e;
  }
}

/** A stored variant to add to the scenario's own before applying one. */
export interface StoredVariantInput {
  readonly id: string;
  readonly patch: Readonly<Record<string, unknown>>;
}

/** A stored scenario's source, and the variant to apply (written in it, or `stored`). */
export interface SourceInput {
  readonly file: string;
  readonly source: string;
  readonly variant?: string;
  readonly stored?: StoredVariantInput;
}

/** Reads a stored native source and applies a variant (a variant that does not apply is a 400). */
export function loadSource(input: SourceInput): Scenario {
  const scenario = scenarioProblems('the scenario has errors', () => readNative(input.file, input.source));
  if (!input.variant) return scenario;
  const withStored = input.stored ? { ...scenario, variants: [...(scenario.variants ?? []), { id: input.stored.id, patch: input.stored.patch }] } : scenario;
  try {
    return applyVariant(withStored, input.variant);
  } catch (e) {
    if (e instanceof ScenarioError) throw new TaskRefusal(400, 'the variant gives an invalid scenario', { diagnostics: e.diagnostics.map((d) => ({ ...d })) });
    throw new TaskRefusal(400, (e as Error).message);
  }
}

export interface ExportInput extends SourceInput {
  readonly format: 'yaml' | 'json' | 'genius';
  /** The stored source is native YAML as the user wrote it (sent back unchanged for `yaml` without a variant). */
  readonly verbatim: boolean;
}

export type ExportOutput = { readonly format: 'genius'; readonly files: { path: string; text: string }[]; readonly notes: string[] } | { readonly format: 'yaml' | 'json'; readonly text: string };

/** A workbench tournament as the server starts it: scenarios as stored sources, agents by registry spec. */
export interface TournamentTaskInput {
  readonly scenarios: readonly { readonly id: string; readonly file: string; readonly source: string }[];
  readonly agents: readonly string[];
  readonly repetitions: number;
  readonly rounds: number;
  readonly seed: number;
  readonly selfPlay: boolean;
}

/** Job contexts of the tournaments this worker thread ran batches of (the newest few), by run id. */
const tournamentContexts = new Map<string, JobContext>();

/** The tasks the pool runs, by name. */
export const TASKS = {
  /** POST /api/scenarios/import: the files of any format, detected; gives the native YAML to store. */
  importFiles(input: RawBody): { name: string; format: string; source: string; skipped: SkippedFile[] } {
    const body = parseBody(input.body, importBody, 'import request');
    const scenario = scenarioProblems('the files could not be imported', () => importScenario(body.files));
    return { name: scenario.name, format: scenario.origin?.format ?? 'parley', source: printNative(scenario, 'yaml'), skipped: [...(scenario.origin?.skipped ?? [])] };
  },

  /** POST and PUT /api/scenarios: a native source, checked. */
  readSource(input: RawBody & { readonly file: string }): { name: string; source: string } {
    const { source } = parseBody(input.body, sourceBody, 'scenario');
    const scenario = scenarioProblems('the scenario has errors', () => readNative(input.file, source));
    return { name: scenario.name, source };
  },

  /** A stored scenario as the engine reads it, with a variant applied. */
  loadScenario(input: SourceInput): Scenario {
    return loadSource(input);
  },

  /**
   * The scenario of a Play session with its participants' outcome tables sorted here, off the
   * main thread (session-budget.ts); a session over the per-session memory budget is a 422.
   */
  preparePlay(input: SourceInput): { scenario: Scenario; sorted: [string, SortedOutcomesData][]; bytes: number } {
    const scenario = loadSource(input);
    const problem = sessionBudgetProblem(estimatePlayBytes(scenario));
    if (problem) throw new TaskRefusal(422, problem);
    const sorted = [...presortScenario(scenario)];
    const tables = sorted.reduce((n, [, d]) => n + sortedOutcomesBytes(d), 0);
    return { scenario, sorted, bytes: estimatePlayBytes(scenario) - estimateTables(scenario) + tables };
  },

  /** PUT /api/scenarios/:id/variants/:variant: the patch must give a valid scenario. */
  checkVariant(input: { readonly file: string; readonly source: string; readonly variant: string; readonly patch: Readonly<Record<string, unknown>> }): true {
    const scenario = scenarioProblems('the scenario has errors', () => readNative(input.file, input.source));
    try {
      applyVariant({ ...scenario, variants: [{ id: input.variant, patch: input.patch }] }, input.variant);
    } catch (e) {
      if (e instanceof ScenarioError) throw new TaskRefusal(400, 'the variant gives an invalid scenario', { diagnostics: e.diagnostics.map((d) => ({ ...d })) });
      throw new TaskRefusal(400, (e as Error).message);
    }
    return true;
  },

  /** POST /api/tournaments: reads the scenarios, checks the agents and analyses each scenario once (the frontier). */
  prepareTournament(input: TournamentTaskInput): TournamentSpec {
    const scenarios = input.scenarios.map((s) => ({ id: s.id, scenario: scenarioProblems(`the scenario "${s.id}" has errors`, () => readNative(s.file, s.source)) }));
    try {
      return prepareTournament({ agents: input.agents, scenarios, repetitions: input.repetitions, rounds: input.rounds, seed: input.seed, selfPlay: input.selfPlay }, agentFactory);
    } catch (e) {
      if (e instanceof TournamentConfigError) throw new TaskRefusal(400, 'the tournament cannot run', { problems: e.problems.map((p) => ({ path: p.path.join('.'), message: p.message })) });
      throw e;
    }
  },

  /** A batch of a workbench tournament's negotiations (built-in agents only). */
  tournamentBatch(input: { readonly runId: string; readonly spec: TournamentSpec; readonly jobs: readonly TournamentJob[] }): NegotiationRow[] {
    let ctx = tournamentContexts.get(input.runId);
    if (!ctx) {
      ctx = createJobContext(input.spec, agentFactory);
      tournamentContexts.set(input.runId, ctx);
      for (const k of tournamentContexts.keys()) if (tournamentContexts.size > 2) tournamentContexts.delete(k);
    }
    return input.jobs.map((job) => runJobSync(ctx, job));
  },

  /** The agreements of a tournament's scenario as points in its utility space (undiscounted, the frontier's parties' order). */
  tournamentPoints(input: { readonly spec: TournamentSpec; readonly scenario: number; readonly agreements: readonly (readonly number[])[] }): { parties: readonly string[]; points: number[][] } {
    const sc = input.spec.scenarios[input.scenario]!;
    if (!sc.reference) return { parties: [], points: [] };
    return { parties: sc.reference.parties, points: input.agreements.map((a) => [...distancesFrom(sc.scenario, a, sc.reference!).point]) };
  },

  /** GET /api/scenarios/:id/export. */
  exportScenario(input: ExportInput): ExportOutput {
    if (input.format === 'yaml' && !input.variant && input.verbatim) return { format: 'yaml', text: input.source };
    const scenario = loadSource(input);
    if (input.format === 'genius') {
      try {
        return { format: 'genius', files: printGenius(scenario), notes: geniusExportLosses(scenario) };
      } catch (e) {
        if (e instanceof ScenarioError) throw new TaskRefusal(422, 'GENIUS cannot express this scenario', { diagnostics: e.diagnostics.map((d) => ({ ...d })) });
        throw e;
      }
    }
    return { format: input.format, text: printNative(scenario, input.format) };
  },
};

export type TaskName = keyof typeof TASKS;
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskOutput<N extends TaskName> = ReturnType<(typeof TASKS)[N]>;
