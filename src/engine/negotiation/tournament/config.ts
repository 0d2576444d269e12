// A tournament's configuration: the file/flag form (scenarios as paths) and its checks (see docs/tournaments.md).
import { z } from 'zod';
import { ScenarioError, type Diagnostic } from '../../model/diagnostics.ts';
import type { Scenario } from '../../model/scenario.ts';
import { flattenIssues } from '../../model/zod-issues.ts';
import { parsePositioned, type FieldPath } from '../../formats/yaml-positions.ts';
import type { SourceFile } from '../../formats/source-file.ts';
import type { ProtocolName } from '../agent.ts';
import type { MediatorStrategy } from '../single-text.ts';

/** An agent of a tournament: a registry name with parameters (`{name, params}`), optionally with its own label. */
export interface TournamentAgentEntry {
  /** A name the agent registry resolves (`boulware`, `time-dependent`…), or an agent module path (`./mine.ts#tough`) at the Node edge. */
  readonly name: string;
  /** Parameters, as `name:key=value` would give them. */
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  /** How results name this entrant (default: the spec, `name:key=value…`). Labels must be unique. */
  readonly label?: string;
}

/** An agent given as a spec string (`boulware`, `time-dependent:e=0.5`) or as an entry. */
export type TournamentAgentInput = string | TournamentAgentEntry;

/** A scenario of a tournament, already read (the engine reads no files). */
export interface TournamentScenario {
  /** How results name it (the CLI uses the path as given). Ids must be unique. */
  readonly id: string;
  readonly scenario: Scenario;
}

/** The settings every negotiation of a tournament shares. */
export interface TournamentSettings {
  /** Repetitions of every pairing (default 1). */
  readonly repetitions?: number;
  /** Deadline in rounds (default 1000). */
  readonly rounds?: number;
  /** Seed of the whole tournament (default 0); each negotiation's seed is derived from it. */
  readonly seed?: number;
  /** Default: `aop` for two participants, `saop` for more (as `parley run`). */
  readonly protocol?: ProtocolName;
  /** Also pair each agent with itself (default false). */
  readonly selfPlay?: boolean;
  /** Apply the scenarios' discount factors (default true, as `parley run`); false ignores them. */
  readonly discounting?: boolean;
  /** Optional wall-clock deadline of each negotiation in ms (makes results timing-dependent). */
  readonly timeLimitMs?: number;
  /** Per-turn limit in ms (default 10 000). */
  readonly turnTimeLimitMs?: number;
  /**
   * Wall-clock limit of one whole negotiation in ms (default 60 000): a pool
   * that can (the Node worker pool) stops a negotiation that overruns it and
   * records it as a fault. The in-process runner cannot interrupt one.
   */
  readonly negotiationTimeLimitMs?: number;
  /** Single text: the mediator's strategy. */
  readonly mediator?: MediatorStrategy;
}

/** A tournament for `runTournament`: agents × scenarios × role orders × repetitions. */
export interface TournamentConfig extends TournamentSettings {
  readonly agents: readonly TournamentAgentInput[];
  readonly scenarios: readonly TournamentScenario[];
}

/** Default per-negotiation wall-clock limit: 60 s. */
export const DEFAULT_NEGOTIATION_TIME_LIMIT_MS = 60_000;

/**
 * The configuration as a file (YAML or JSON) or the command line's flags give
 * it: scenarios and agent modules as paths. Time limits are in milliseconds.
 */
export interface TournamentConfigFile {
  readonly agents?: readonly TournamentAgentInput[];
  readonly scenarios?: readonly string[];
  readonly repetitions?: number;
  readonly rounds?: number;
  readonly seed?: number;
  readonly protocol?: ProtocolName;
  readonly selfPlay?: boolean;
  readonly discounting?: boolean;
  readonly timeLimit?: number;
  readonly turnLimit?: number;
  readonly negotiationLimit?: number;
  readonly mediator?: MediatorStrategy;
}

const whole = (what: string, min: number) =>
  z
    .number({ error: (i) => (i.input === undefined ? `missing: expected ${what}` : `expected ${what}, got ${describe(i.input)}`) })
    .refine((n) => Number.isSafeInteger(n) && n >= min, { error: (i) => `expected ${what}, got ${describe(i.input)}` });

const positiveMs = z.number({ error: (i) => `expected a time in milliseconds, got ${describe(i.input)}` }).refine((n) => Number.isFinite(n) && n > 0, { error: 'expected a time in milliseconds, greater than 0' });

const paramValue = z.union([z.string(), z.number(), z.boolean()], { error: 'a parameter value must be a text, a number or true/false' });

const agentEntrySchema = z.union(
  [
    z.string().trim().min(1, 'an agent name cannot be empty'),
    z.strictObject({
      name: z.string({ error: 'expected the agent’s name (a text)' }).trim().min(1, 'an agent name cannot be empty'),
      params: z.record(z.string(), paramValue, { error: 'expected a mapping of parameter names to values' }).optional(),
      label: z.string().trim().min(1, 'a label cannot be empty').optional(),
    }),
  ],
  { error: 'expected an agent name, or a mapping with name and params' },
);

/** The schema of a tournament configuration file (also the merged file + flags). */
export const tournamentConfigSchema = z.strictObject({
  agents: z.array(agentEntrySchema, { error: 'expected a list of agents' }).min(1, 'list at least one agent').optional(),
  scenarios: z.array(z.string({ error: 'expected a scenario path (a text)' }).trim().min(1, 'a scenario path cannot be empty'), { error: 'expected a list of scenario paths' }).min(1, 'list at least one scenario').optional(),
  repetitions: whole('a whole number of repetitions ≥ 1', 1).optional(),
  rounds: whole('a whole number of rounds ≥ 1', 1).optional(),
  seed: whole('a whole number (the seed)', Number.MIN_SAFE_INTEGER).optional(),
  protocol: z.enum(['aop', 'saop', 'single-text'], { error: 'expected aop, saop or single-text' }).optional(),
  selfPlay: z.boolean({ error: 'expected true or false' }).optional(),
  discounting: z.boolean({ error: 'expected true or false' }).optional(),
  timeLimit: positiveMs.optional(),
  turnLimit: positiveMs.optional(),
  negotiationLimit: positiveMs.optional(),
  mediator: z.enum(['hill-climbing', 'annealing'], { error: 'expected hill-climbing or annealing' }).optional(),
});

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

/** A problem in a configuration: the field path and what is wrong. */
export interface TournamentConfigProblem {
  readonly path: FieldPath;
  readonly message: string;
  /** The problem is the key itself (an unknown field): point at the key. */
  readonly key?: boolean;
}

/** A configuration with problems; `problems` lists every one, each with its field path. */
export class TournamentConfigError extends Error {
  override name = 'TournamentConfigError';
  constructor(readonly problems: readonly TournamentConfigProblem[]) {
    super(problems.map((p) => (p.path.length ? `${p.path.join('.')}: ${p.message}` : p.message)).join('\n'));
  }
}

/**
 * Checks a configuration value (parsed from a file, merged with flags)
 * against the schema. Throws a TournamentConfigError listing every problem
 * with its field path.
 */
export function checkTournamentConfig(value: unknown): TournamentConfigFile {
  const r = tournamentConfigSchema.safeParse(value ?? {});
  if (!r.success) throw new TournamentConfigError(flattenIssues(r.error.issues).map((i) => ({ path: i.path, message: i.message, ...(i.message.startsWith('unknown field') ? { key: true } : {}) })));
  return r.data as TournamentConfigFile;
}

/** A configuration file as read: its value, and where each field is (for messages naming file:line:field). */
export interface TournamentConfigDocument {
  readonly file: string;
  /** The raw value (checked by `checkTournamentConfig`, maybe after flags are merged in). */
  readonly value: Record<string, unknown>;
  /** A diagnostic at a field path of the file (with `key`, at the mapping key rather than its value). */
  at(path: FieldPath, message: string, options?: { key?: boolean }): Diagnostic;
}

/**
 * Parses a tournament configuration file (YAML or JSON) with positions.
 * Malformed YAML, or a document that is not a mapping, throws a ScenarioError
 * naming the file, line and column.
 */
export function readTournamentConfigDocument(file: SourceFile): TournamentConfigDocument {
  const doc = parsePositioned(file, { maxAliasCount: 100 });
  const v = doc.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw new ScenarioError([doc.at([], `a tournament configuration is a mapping (agents:, scenarios:, repetitions: …), got ${describe(v)}`)]);
  return { file: file.path, value: v as Record<string, unknown>, at: (path, message, options) => doc.at(path, message, options) };
}

/** The spec string of an agent entry: `name` or `name:key=value:key=value` (what `parley run --agents` takes). */
export function agentSpecOf(agent: TournamentAgentInput): string {
  if (typeof agent === 'string') return agent.trim();
  const params = Object.entries(agent.params ?? {}).map(([k, v]) => `${k}=${String(v)}`);
  return [agent.name.trim(), ...params].join(':');
}

/** The label results use for an agent entry. */
export function agentLabelOf(agent: TournamentAgentInput): string {
  return typeof agent === 'string' ? agent.trim() : (agent.label ?? agentSpecOf(agent));
}
