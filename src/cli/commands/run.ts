import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { analyze } from '../../engine/analysis/index.ts';
import type { AnalysisResult } from '../../engine/analysis/index.ts';
import { AGENT_KINDS, AgentSpecError, agentFactory } from '../../engine/agents/registry.ts';
import { describeRule } from '../../engine/model/agreement-rule.ts';
import type { Scenario } from '../../engine/model/scenario.ts';
import type { ProtocolName } from '../../engine/negotiation/agent.ts';
import { outcomeDistances, type OutcomeDistances } from '../../engine/negotiation/distances.ts';
import { opponentModelAccuracy, type OpponentModelReport } from '../../engine/negotiation/model-accuracy.ts';
import { NegotiationSetupError, type AgentSpec, type NegotiationResult } from '../../engine/negotiation/negotiate.ts';
import { negotiate, negotiateSync } from '../../engine/agents/negotiate.ts';
import type { MediatorStrategy } from '../../engine/negotiation/single-text.ts';
import { traceToJsonLines } from '../../engine/negotiation/trace.ts';
import { loadScenario } from '../load-scenario.ts';
import { jsonText, num, table, writeOut } from '../format.ts';
import { UsageError, intOption } from '../program.ts';
import { createWorkerAgentFactory, type WorkerAgentFactory } from '../../node/worker-agent.ts';
import { AGENT_FILE } from '../../node/agent-module.ts';

interface RunOptions {
  agents: string;
  protocol?: string;
  rounds: number;
  seed: number;
  trace?: string;
  json?: boolean;
  models?: boolean;
  repeat: number;
  mediator: string;
  timeLimit?: number;
  turnLimit?: number;
  analysis: boolean;
  variant?: string;
}

const PROTOCOLS: readonly ProtocolName[] = ['aop', 'saop', 'single-text'];
const MEDIATORS: readonly MediatorStrategy[] = ['hill-climbing', 'annealing'];

/** `parley run SCENARIO --agents a,b`: simulates a negotiation (see docs/simulation.md). */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description(
      'Simulate a negotiation between built-in agents and report the agreement, each party’s utility and advantage over its reservation value, the rounds used, and the distance to the Pareto frontier and the Nash point. See docs/simulation.md.',
    )
    .argument('<path...>', 'a scenario file, a scenario folder, or explicit domain/profile files')
    .requiredOption('--agents <list>', `comma-separated agents, one per participant in scenario order, or one for all (${AGENT_KINDS.map((k) => k.name).join(', ')}); parameters as name:key=value; or a module file path[#export] (your own agent, run in a worker)`)
    .option('--protocol <name>', 'aop (bilateral), saop (n parties) or single-text (mediated); default aop for 2 participants, saop for more')
    .option('--rounds <n>', 'deadline in rounds', intOption('--rounds', 1), 1000)
    .option('--seed <n>', 'seed of every random stream', intOption('--seed', 0), 0)
    .option('--trace <file>', 'write the event log as JSON Lines')
    .option('--json', 'print JSON')
    .option('--repeat <n>', 'run N times with seeds seed..seed+N−1 and summarise', intOption('--repeat', 1), 1)
    .option('--mediator <strategy>', 'single text: hill-climbing or annealing', 'hill-climbing')
    .option('--time-limit <ms>', 'wall-clock deadline in milliseconds (runs then depend on timing)', intOption('--time-limit', 1))
    .option('--turn-limit <ms>', 'per-turn time limit in milliseconds (default 10000)', intOption('--turn-limit', 1))
    .option('--no-analysis', 'skip the distances to the Pareto frontier and the Nash point')
    .option('--variant <id>', "apply one of the scenario's named variants first")
    .option('--models', "record the agents' opponent models and set them against the truth after the run (single run; see docs/agents.md)")
    .action(async (paths: string[], opts: RunOptions) => {
      const protocol = checkChoice('--protocol', opts.protocol, PROTOCOLS);
      const mediator = checkChoice('--mediator', opts.mediator, MEDIATORS)!;
      const specs = opts.agents.split(',').map((s) => s.trim()).filter(Boolean);
      if (specs.length === 0) throw new UsageError('--agents needs at least one agent name');
      for (const s of specs) {
        const file = AGENT_FILE.exec(s);
        if (file) {
          if (!existsSync(file[1]!)) throw new UsageError(`--agents: no agent module "${file[1]}"`);
          continue;
        }
        try {
          agentFactory(s);
        } catch (e) {
          if (e instanceof AgentSpecError || e instanceof RangeError) throw new UsageError(`--agents: ${e.message}`);
          throw e;
        }
      }
      const scenario = loadScenario(paths, opts.variant);
      // User-written agents run in worker threads under the asynchronous runner; built-in ones keep the fast synchronous path.
      const workers = new Map<string, WorkerAgentFactory>();
      const agents: AgentSpec[] = specs.map((s) => {
        const file = AGENT_FILE.exec(s);
        if (!file) return s;
        let f = workers.get(s);
        if (!f) workers.set(s, (f = createWorkerAgentFactory(scenario, file[1]!, file[2] ?? 'default', { name: s, ...(opts.turnLimit !== undefined ? { turnTimeLimitMs: opts.turnLimit } : {}) })));
        return f;
      });
      const runOne = async (seed: number): Promise<NegotiationResult> => {
        try {
          return await (workers.size ? negotiate : negotiateSync)(scenario, {
            agents,
            ...(protocol ? { protocol } : {}),
            rounds: opts.rounds,
            seed,
            mediator,
            ...(opts.timeLimit !== undefined ? { timeLimitMs: opts.timeLimit } : {}),
            ...(opts.turnLimit !== undefined ? { turnTimeLimitMs: opts.turnLimit } : {}),
            ...(opts.models ? { recordModels: true } : {}),
          });
        } catch (e) {
          if (e instanceof NegotiationSetupError || e instanceof AgentSpecError) throw new UsageError(e.message);
          throw e;
        } finally {
          await Promise.all([...workers.values()].map((f) => f.close()));
        }
      };
      let analysis: AnalysisResult | undefined;
      const distances = (r: NegotiationResult): OutcomeDistances | undefined => {
        if (!opts.analysis) return undefined;
        analysis ??= analyze(scenario);
        return outcomeDistances(scenario, r, analysis);
      };

      // An agent module that could not be started makes the run's answer meaningless: an input error (exit 1), after the report.
      const startFailures = () => {
        const failed = [...workers.values()].flatMap((f) => f.startFailures);
        if (failed.length > 0) throw new AgentStartError(failed);
      };

      if (opts.repeat === 1) {
        const r = await runOne(opts.seed);
        if (opts.trace) writeFileSync(opts.trace, traceToJsonLines(r.events));
        const d = distances(r);
        const models = opts.models ? opponentModelAccuracy(scenario, r, opts.seed) : undefined;
        if (opts.json) process.stdout.write(jsonText({ ...resultJson(r, d), ...(models ? { models } : {}) }) + '\n');
        else writeOut(describeResult(scenario, r, d) + (models ? describeModels(models) : ''));
        startFailures();
        return;
      }

      const showBar = process.stderr.isTTY === true;
      const bar = showBar ? new SingleBar({ format: 'negotiating |{bar}| {value}/{total} runs', stream: process.stderr }, Presets.shades_classic) : undefined;
      bar?.start(opts.repeat, 0);
      const results: NegotiationResult[] = [];
      const dists: (OutcomeDistances | undefined)[] = [];
      let trace = '';
      try {
        for (let k = 0; k < opts.repeat; k++) {
          const r = await runOne(opts.seed + k);
          results.push(r);
          dists.push(distances(r));
          if (opts.trace) trace += traceToJsonLines(r.events);
          bar?.update(k + 1);
        }
      } finally {
        bar?.stop();
      }
      if (opts.trace) writeFileSync(opts.trace, trace);
      const summary = summarise(results, dists);
      if (opts.json) process.stdout.write(jsonText({ summary, runs: results.map((r, i) => resultJson(r, dists[i])) }) + '\n');
      else writeOut(describeSummary(scenario, results, summary));
      startFailures();
    });
}

/** Agent modules that could not be started (not loaded, or not within the start-up limit). */
export class AgentStartError extends Error {
  override name = 'AgentStartError';
  constructor(readonly failures: readonly string[]) {
    super(`${failures.length === 1 ? 'an agent module could not be started' : `${failures.length} agent modules could not be started`}:\n${[...new Set(failures)].map((f) => `  ${f}`).join('\n')}`);
  }
}

function checkChoice<T extends string>(flag: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${choices.join(', ')}, got "${value}"`);
  return value as T;
}

/** The opponent models' accuracy, one line per (agent, modelled party). */
function describeModels(m: OpponentModelReport): string {
  if (m.accuracy.length === 0) return '\nOpponent models: none of the agents has one.\n';
  const lines = ['', 'Opponent models (final estimate against the truth, over the outcome space):'];
  for (const a of m.accuracy)
    lines.push(
      `  ${a.by} about ${a.about} (${a.model}): Pearson ${a.pearson.toFixed(3)}, Kendall ${a.kendall.toFixed(3)}, weight ranking ${a.weightRanking === null ? '—' : a.weightRanking.toFixed(3)}${a.exact ? '' : ` (sample of ${a.outcomes})`}`,
    );
  return lines.join('\n') + '\n';
}

/** Non-finite numbers and undefined become null (JSON has no −∞). */
function nullable(rec: Readonly<Record<string, number | undefined>>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, v === undefined || !Number.isFinite(v) ? null : v]));
}

/** The JSON form of one run (stable keys; see docs/simulation.md). */
export function resultJson(r: NegotiationResult, d: OutcomeDistances | undefined) {
  return {
    scenario: r.scenario,
    protocol: r.protocol,
    seed: r.seed,
    participants: r.participants,
    agreement: r.agreementRecord,
    agreementOutcome: r.agreement,
    acceptedBy: r.acceptedBy,
    endReason: r.endReason,
    rounds: r.rounds,
    turns: r.turns,
    time: r.time,
    utilities: r.utilities,
    rawUtilities: r.rawUtilities,
    reservations: nullable(r.reservations),
    discountedReservations: nullable(r.discountedReservations),
    advantages: nullable(r.advantages),
    faults: r.faults,
    distances: d ? { pareto: d.pareto, nash: d.nash, exact: d.exact, parties: d.parties } : null,
  };
}

function describeResult(scenario: Scenario, r: NegotiationResult, d: OutcomeDistances | undefined): string {
  const out: string[] = [];
  out.push(`${scenario.name}: ${r.protocol}, ${describeRule(r.rule, scenario.parties)}, seed ${r.seed}`);
  if (r.agreementRecord) {
    out.push(`Agreement in round ${r.rounds}: ${Object.entries(r.agreementRecord).map(([k, v]) => `${k}=${v}`).join(', ')}`);
    out.push(`  accepted by ${r.acceptedBy.join(', ')}`);
  } else out.push(`No agreement (${r.endReason}) after ${r.rounds} round${r.rounds === 1 ? '' : 's'}`);
  const agentOf = new Map(r.participants.map((p) => [p.id, p.agent]));
  out.push('');
  const ids = Object.keys(r.utilities);
  // With discounting, the utility and the reservation are both discounted (GENIUS); the undiscounted utility is shown beside.
  const discounting = ids.some((id) => r.utilities[id] !== r.rawUtilities[id] || r.reservations[id] !== r.discountedReservations[id]);
  out.push(
    table(
      ['party', 'agent', 'utility', ...(discounting ? ['undiscounted'] : []), discounting ? 'reservation (discounted)' : 'reservation', 'advantage'],
      ids.map((id) => [
        id,
        agentOf.get(id) ?? '—',
        num(r.utilities[id]),
        ...(discounting ? [num(r.rawUtilities[id])] : []),
        num(r.discountedReservations[id]),
        num(r.advantages[id]),
      ]),
    ),
  );
  if (discounting) out.push(`  discounted at relative time ${r.time.toFixed(4)}, round ${r.rounds}: advantage = discounted utility − discounted reservation (GENIUS)`);
  out.push('');
  out.push(`Rounds: ${r.rounds}   turns: ${r.turns}`);
  if (d) out.push(`Distance to the Pareto frontier: ${num(d.pareto)}${d.exact ? '' : ' (approximate frontier)'}   to the Nash point: ${num(d.nash)}`);
  for (const f of r.faults) out.push(`Fault: ${f.party} (${f.kind}) in round ${f.round + 1}: ${f.message}`);
  return out.join('\n') + '\n';
}

interface Summary {
  runs: number;
  seeds: [number, number];
  agreementRate: number;
  meanRounds: number;
  meanUtilities: Record<string, number>;
  meanRawUtilities: Record<string, number>;
  meanAdvantages: Record<string, number>;
  meanParetoDistance: number | null;
  meanNashDistance: number | null;
  faults: number;
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

function summarise(results: readonly NegotiationResult[], dists: readonly (OutcomeDistances | undefined)[]): Summary {
  const ids = Object.keys(results[0]?.utilities ?? {});
  const pareto = dists.filter((d): d is OutcomeDistances => !!d).map((d) => d.pareto);
  const nash = dists.map((d) => d?.nash).filter((x): x is number => typeof x === 'number');
  return {
    runs: results.length,
    seeds: [results[0]!.seed, results.at(-1)!.seed],
    agreementRate: results.filter((r) => r.agreement).length / results.length,
    meanRounds: mean(results.map((r) => r.rounds)),
    meanUtilities: Object.fromEntries(ids.map((id) => [id, mean(results.map((r) => r.utilities[id]!))])),
    meanRawUtilities: Object.fromEntries(ids.map((id) => [id, mean(results.map((r) => r.rawUtilities[id]!))])),
    meanAdvantages: Object.fromEntries(ids.map((id) => [id, mean(results.map((r) => r.advantages[id]!))])),
    meanParetoDistance: pareto.length ? mean(pareto) : null,
    meanNashDistance: nash.length ? mean(nash) : null,
    faults: results.reduce((s, r) => s + r.faults.length, 0),
  };
}

function describeSummary(scenario: Scenario, results: readonly NegotiationResult[], s: Summary): string {
  const r0 = results[0]!;
  const agentOf = new Map(r0.participants.map((p) => [p.id, p.agent]));
  const out = [
    `${scenario.name}: ${r0.protocol}, ${s.runs} runs (seeds ${s.seeds[0]}..${s.seeds[1]})`,
    `Agreement rate: ${(s.agreementRate * 100).toFixed(1)}%   mean rounds: ${s.meanRounds.toFixed(1)}   faults: ${s.faults}`,
    '',
    table(
      ['party', 'agent', 'mean utility', 'mean undiscounted', 'mean advantage'],
      Object.entries(s.meanUtilities).map(([id, u]) => [id, agentOf.get(id) ?? '—', num(u), num(s.meanRawUtilities[id]), num(s.meanAdvantages[id])]),
    ),
  ];
  if (s.meanParetoDistance !== null) out.push('', `Mean distance to the Pareto frontier: ${num(s.meanParetoDistance)}   to the Nash point: ${num(s.meanNashDistance)}`);
  return out.join('\n') + '\n';
}
