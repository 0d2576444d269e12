import type { Command } from 'commander';

/**
 * The CLI's command table. Each command's code is imported only when that command runs, so
 * `parley --help` and light commands never load fastify, SQLite or the worker pool.
 * To add a command: write `commands/NAME.ts` exporting a `register(program)` function and add one
 * line here.
 */
export interface CommandEntry {
  readonly name: string;
  /** One line for `parley --help`; the command's own `--help` carries the full description. */
  readonly summary: string;
  readonly load: () => Promise<(program: Command) => void>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'inspect', summary: 'Show a scenario: parties, issues, outcomes, rule, sources and assumptions.', load: async () => (await import('./commands/inspect.ts')).registerInspect },
  { name: 'analyze', summary: 'Where agreement is possible: rational and passing deals, the Pareto frontier, Nash and other solutions.', load: async () => (await import('./commands/analyze.ts')).registerAnalyze },
  { name: 'run', summary: 'Simulate a negotiation between built-in or user-written agents under a protocol.', load: async () => (await import('./commands/run.ts')).registerRun },
  { name: 'agents', summary: 'List the built-in agents (baselines and ANAC agents) or describe one.', load: async () => (await import('./commands/agents.ts')).registerAgents },
  { name: 'tournament', summary: 'Run a tournament: every agent against every other on many scenarios, in parallel, stored and resumable.', load: async () => (await import('./commands/tournament.ts')).registerTournament },
  { name: 'worker', summary: 'Run tournament negotiations from a Redis queue (distributed tournaments).', load: async () => (await import('./commands/worker.ts')).registerWorker },
  { name: 'compare', summary: "Analyse the scenario's variants side by side.", load: async () => (await import('./commands/compare.ts')).registerCompare },
  { name: 'sensitivity', summary: 'How the answers move when weights and reservations move (tornado, Monte Carlo).', load: async () => (await import('./commands/sensitivity.ts')).registerSensitivity },
  { name: 'ask', summary: 'Answer the questions a scenario declares, one plain sentence each (--json: the numbers too).', load: async () => (await import('./commands/ask.ts')).registerAsk },
  { name: 'report', summary: 'Write a self-contained report (HTML or Markdown) of a scenario.', load: async () => (await import('./commands/report.ts')).registerReport },
  { name: 'serve', summary: 'Start the workbench (web app and API).', load: async () => (await import('./commands/serve.ts')).registerServe },
  { name: 'session', summary: 'Create a live session on a running server: remote agents and people negotiate over the network.', load: async () => (await import('./commands/session.ts')).registerSession },
  { name: 'join', summary: 'Play one seat of a live session with a parley agent.', load: async () => (await import('./commands/join.ts')).registerJoin },
  { name: 'export', summary: 'Write a scenario as native YAML/JSON or GENIUS XML.', load: async () => (await import('./commands/export.ts')).registerExport },
  { name: 'schema', summary: 'Print the JSON Schema of the native scenario format.', load: async () => (await import('./commands/schema.ts')).registerSchema },
];

/**
 * Registers what `argv` needs: the named command's full definition when one is named (also for
 * `parley help NAME`), otherwise a one-line stub per command so the top-level help lists them all.
 */
export async function registerCommands(program: Command, argv: readonly string[]): Promise<void> {
  const args = argv.slice(2);
  const first = args.find((a) => !a.startsWith('-'));
  const name = first === 'help' ? args[args.indexOf('help') + 1] : first;
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry) {
    (await entry.load())(program);
    return;
  }
  for (const c of COMMANDS) program.command(c.name).description(c.summary).allowUnknownOption().allowExcessArguments();
}
