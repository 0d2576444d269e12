// Tournaments with the built-in agent registry injected: agents may be given by name.
import { executeTournament, runTournamentWith, type RunTournamentOptions, type TournamentStore, type TournamentSummary } from '../negotiation/tournament/run.ts';
import type { TournamentConfig } from '../negotiation/tournament/config.ts';
import { agentFactory } from './registry.ts';

/**
 * Runs a tournament: every ordered pair of distinct agents (both role orders;
 * for scenarios with more negotiators, every ordered assignment of distinct
 * agents to the seats) on every scenario, times `repetitions`, plus each agent
 * against itself with `selfPlay`. Returns the ANAC-style ranking (mean
 * utility, with seeded bootstrap intervals), per-cell scores, and pairwise
 * significance tests.
 *
 * Headless: by default negotiations run in this thread and rows are kept in
 * memory. The Node edge passes `pool` (worker threads or a queue) and `store`
 * (SQLite). Agents are built-in names with parameters (`{name, params}` or
 * `name:key=value`); pass `resolveAgent` to use another registry.
 *
 * @example
 * const summary = await runTournament({ agents: ['boulware', 'conceder', { name: 'time-dependent', params: { e: 0.5 } }],
 *   scenarios: [{ id: 'camera', scenario }], repetitions: 2, seed: 1 });
 * summary.ranking[0]; // { agent, score, low, high, agreementRate, meanUtility, … }
 */
export function runTournament(config: TournamentConfig, options: RunTournamentOptions = {}): Promise<TournamentSummary> {
  return runTournamentWith(config, { ...options, resolveAgent: options.resolveAgent ?? agentFactory });
}

/**
 * Continues a stored tournament (after a crash or an interruption): runs the
 * negotiations not yet recorded and scores the whole run. Needs the store the
 * run was recorded in.
 */
export function resumeTournament(runId: string, options: RunTournamentOptions & { store: TournamentStore }): Promise<TournamentSummary> {
  return executeTournament(runId, { ...options, resolveAgent: options.resolveAgent ?? agentFactory });
}
