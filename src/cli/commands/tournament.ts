import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { executeTournament, TournamentInterrupted, type TournamentPoolFactory, type TournamentSummary } from '../../engine/negotiation/tournament/run.ts';
import { planOf } from '../../engine/negotiation/tournament/spec.ts';
import { defaultDatabasePath } from '../../storage/data-dir.ts';
import { SqliteTournamentStore } from '../../storage/tournament-store.ts';
import { exportResults } from '../../tournament/export.ts';
import { loadTournament, type TournamentFlags } from '../../tournament/load-config.ts';
import { defaultWorkerCount, localPool } from '../../tournament/pool.ts';
import { progressDisplay } from '../../tournament/progress.ts';
import { isModuleAgent, nodeAgentResolver } from '../../tournament/agents.ts';
import { withRemoteEntrants } from '../../tournament/remote-pool.ts';
import { remoteEntrants } from '../../tournament/remote-source.ts';
import { startTournamentHost, type TournamentHost } from '../../server/live/tournament-host.ts';
import { jsonText, num, safeName, table, terminalSafe, writeOut } from '../format.ts';
import { intOption, UsageError } from '../program.ts';

interface TournamentOptions extends TournamentFlags {
  workers?: number;
  db?: string;
  resume?: string;
  queue?: string;
  queueName?: string;
  batch?: number;
  json?: boolean;
  export?: string[];
  list?: boolean;
  lobbyPort?: number;
  lobbyHost?: string;
  remoteWait?: number;
  remoteGrace?: number;
  remoteConcurrency?: number;
}

/** A complete example configuration (shown by --help and in docs/tournaments.md). */
export const EXAMPLE_CONFIG = `# tournament.yaml — every key is optional here if given as a flag
agents:                         # registry names, {name, params}, or your own module
  - boulware
  - conceder
  - {name: time-dependent, params: {e: 0.5}}
  - {name: boulware, params: {model: frequency, ac: combi}, label: boulware-fm}
  - ./agents/my-agent.ts#tough  # a module path (relative to this file), optionally #export
  # - remote:alpha              # a remote agent, joining through the lobby (see Remote entrants)
scenarios:                      # files or folders (a folder of scenario folders gives all)
  - ../shared/scenarios/genius/anac/y2011/Camera
  - ../shared/scenarios/genius/anac/y2010/ItexvsCypress
repetitions: 2                  # each pairing (both role orders) runs this many times
rounds: 1000                    # deadline
seed: 1                         # negotiation seeds are derived from it
protocol: aop                   # aop (2 negotiators), saop or single-text; default by size
selfPlay: false                 # also each agent against itself
discounting: true               # apply the scenarios' discount factors
turnLimit: 10000                # ms per turn
negotiationLimit: 60000         # ms per negotiation: a runaway agent is stopped, recorded as a fault
# timeLimit: 180000             # wall-clock deadline per negotiation (results then depend on timing)
# mediator: hill-climbing       # single text: hill-climbing or annealing`;

const CONFIG_FLAGS: (keyof TournamentFlags)[] = ['agents', 'scenarios', 'repetitions', 'rounds', 'seed', 'protocol', 'selfPlay', 'timeLimit', 'turnLimit', 'negotiationLimit', 'mediator'];

/** `parley tournament [CONFIG]`: every agent against every other on every scenario (see docs/tournaments.md). */
export function registerTournament(program: Command): void {
  program
    .command('tournament')
    .description(
      'Run a tournament: every ordered pair of distinct agents (both role orders) on every scenario, times the repetitions, on all cores; results stream into SQLite and can be resumed after a crash; ranking with bootstrap intervals and pairwise significance tests. See docs/tournaments.md.',
    )
    .argument('[config]', 'a YAML or JSON configuration file (flags override its keys)')
    .option('--agents <list>', 'comma-separated agents: registry names with parameters as name:key=value, or module files path[#export]')
    .option('--scenarios <list>', 'comma-separated scenario files or folders (folders of scenario folders are expanded)')
    .option('--repetitions <n>', 'repetitions of each pairing (default 1)')
    .option('--rounds <n>', 'deadline in rounds (default 1000)')
    .option('--seed <n>', 'seed of the tournament (default 0)')
    .option('--protocol <name>', 'aop, saop or single-text (default: aop for 2 negotiators, saop for more)')
    .option('--self-play', 'also pair each agent with itself')
    .option('--no-discounting', 'ignore the scenarios’ discount factors')
    .option('--time-limit <ms>', 'wall-clock deadline of each negotiation (results then depend on timing)')
    .option('--turn-limit <ms>', 'per-turn limit (default 10000)')
    .option('--negotiation-limit <ms>', 'limit of one whole negotiation; a runaway agent’s thread is replaced and the negotiation recorded as a fault (default 60000)')
    .option('--mediator <strategy>', 'single text: hill-climbing or annealing')
    .option('--workers <n>', `worker threads (default: all cores, here ${defaultWorkerCount()})`, intOption('--workers', 1))
    .option('--db <path>', 'the SQLite database (default: $PARLEY_DB or the data directory)')
    .option('--resume <id>', 'continue a run (after a crash, kill -9 or Ctrl-C) from the database')
    .option('--queue <url>', 'distribute over BullMQ on Redis (redis://host:port); run `parley worker --queue URL` on each machine')
    .option('--queue-name <name>', 'the BullMQ queue (default parley-tournament)')
    .option('--batch <n>', 'negotiations per batch (a queue job, or a worker-pool task); default chosen from the size', intOption('--batch', 1))
    .option('--json', 'print the summary as JSON')
    .option('--export <file...>', 'write the results, one line per negotiator seat: .csv or .parquet')
    .option('--list', 'list the runs in the database')
    .option('--lobby-port <port>', 'remote entrants (remote:NAME): port of the live host and its lobby (default: any free port)', intOption('--lobby-port', 0))
    .option('--lobby-host <address>', 'remote entrants: address the live host binds (default 127.0.0.1)')
    .option('--remote-wait <ms>', 'remote entrants: how long to wait for every remote:NAME to connect to the lobby before the run starts (default 60000)', intOption('--remote-wait', 0))
    .option('--remote-grace <ms>', 'remote entrants: how long a dropped remote (a seat or its lobby) may take to come back before it faults (default 5000)', intOption('--remote-grace', 0))
    .option('--remote-concurrency <n>', 'remote entrants: live sessions at once (default 4)', intOption('--remote-concurrency', 1))
    .addHelpText('after', `\nExample configuration:\n\n${EXAMPLE_CONFIG}\n\nExamples:\n  parley tournament tournament.yaml --workers 2 --json\n  parley tournament --agents boulware,conceder,micro --scenarios ../shared/scenarios/genius/anac/y2011/Camera --repetitions 2\n  parley tournament --resume t4kq2m8xz3a --export results.parquet\n  parley tournament tournament.yaml --queue redis://10.0.0.5:6379   # and: parley worker --queue redis://10.0.0.5:6379\n  parley tournament --agents remote:alpha,boulware,conceder --scenarios S   # and: parley join URL --lobby alpha --token T --agent micro\n`)
    .action(async (configPath: string | undefined, opts: TournamentOptions) => {
      const dbPath = opts.db ?? defaultDatabasePath();
      if (opts.list) return listRuns(dbPath, opts.json === true);

      let store: SqliteTournamentStore;
      let runId: string;
      let remoteHost: TournamentHost | undefined;
      if (opts.resume !== undefined) {
        const given = CONFIG_FLAGS.filter((k) => opts[k] !== undefined);
        if (configPath !== undefined || given.length || opts.discounting === false)
          throw new UsageError('--resume continues a run with its stored configuration: give no configuration file or configuration flags with it');
        if (!existsSync(dbPath)) throw new Error(`no database at ${dbPath}; give the --db the run was recorded in`);
        store = SqliteTournamentStore.open(dbPath);
        if (!store.load(opts.resume)) {
          store.close();
          throw new Error(`no tournament "${opts.resume}" in ${dbPath} (list them with --list)`);
        }
        runId = opts.resume;
        try {
          remoteHost = await startRemoteHost(store.load(runId)!.spec.agents.map((a) => a.spec), opts);
        } catch (e) {
          store.close();
          throw e;
        }
      } else {
        if (configPath === undefined && opts.agents === undefined && opts.scenarios === undefined)
          throw new UsageError('give a configuration file, or --agents and --scenarios (see parley tournament --help)');
        // Everything is checked before the database is opened: a bad configuration writes nothing.
        const loaded = await loadTournament(configPath, opts, { onScenario: (i, n, id) => !opts.json && process.stderr.isTTY && process.stderr.write(terminalSafe(`analysing scenario ${i + 1}/${n}: ${safeName(id)}\n`)) });
        // Remote entrants connect before anything is written: one that does not come writes nothing.
        remoteHost = await startRemoteHost(loaded.spec.agents.map((a) => a.spec), opts);
        store = SqliteTournamentStore.open(dbPath);
        runId = store.create(loaded.spec, planOf(loaded.spec).total);
      }

      const stored = store.load(runId)!;
      const display = progressDisplay(process.stderr);
      display.log(`tournament ${runId}: ${stored.total} negotiations${opts.resume ? ' (resuming)' : ''}; database ${dbPath}`);
      const ac = new AbortController();
      let signals = 0;
      const onSignal = () => {
        if (++signals > 1) process.exit(130);
        display.log('stopping after the negotiations in progress (press Ctrl-C again to quit at once)…');
        ac.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      let pool: TournamentPoolFactory;
      let closeQueue: (() => Promise<void>) | undefined;
      if (opts.queue) {
        const { queuePool } = await import('../../tournament/queue.ts');
        const q = queuePool({ url: opts.queue, ...(opts.queueName ? { queueName: opts.queueName } : {}), store, log: (l) => display.log(l) });
        pool = q.factory;
        closeQueue = q.close;
      } else pool = localPool({ ...(opts.workers !== undefined ? { workers: opts.workers } : {}), onStuck: (job, seat) => display.log(`negotiation ${job.id} overran its time limit${seat !== null ? ` (seat ${seat})` : ''}: recorded as a fault; its thread was replaced`) });
      if (remoteHost)
        pool = withRemoteEntrants(pool, {
          hub: remoteHost.hub,
          lobby: remoteHost.lobby,
          resolveAgent: nodeAgentResolver(new Map()),
          ...(opts.remoteGrace !== undefined ? { graceMs: opts.remoteGrace } : {}),
          ...(opts.remoteConcurrency !== undefined ? { concurrency: opts.remoteConcurrency } : {}),
          log: (l) => display.log(l),
        });
      let outcome: 'done' | 'interrupted' | 'failed' = 'failed';

      let summary: TournamentSummary;
      try {
        summary = await executeTournament(runId, { store, pool, ...(opts.batch ? { batchSize: opts.batch } : {}), signal: ac.signal, onProgress: (p) => display.update(p) });
        outcome = summary.complete ? 'done' : 'interrupted';
      } catch (e) {
        display.stop();
        if (e instanceof TournamentInterrupted) {
          outcome = 'interrupted';
          process.stderr.write(`parley: interrupted with ${store.count(runId)} of ${stored.total} negotiations recorded; continue with: parley tournament --resume ${runId}${opts.db ? ` --db ${opts.db}` : ''}\n`);
          process.exitCode = 130;
          return;
        }
        throw e;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await closeQueue?.();
        await remoteHost?.close(outcome);
      }
      display.stop();
      if (opts.queue && summary.complete) {
        const { forgetRun } = await import('../../tournament/queue.ts');
        await forgetRun(opts.queue, runId, opts.queueName).catch(() => undefined);
      }
      try {
        for (const file of opts.export ?? []) {
          const n = exportResults(file, stored.spec, store.rows(runId));
          process.stderr.write(`wrote ${n} lines to ${file}\n`);
        }
      } finally {
        store.close();
      }
      if (opts.json) process.stdout.write(jsonText(summary) + '\n');
      else writeOut(describeSummary(summary));
    });
}

/**
 * Starts the live host and its lobby when the tournament has remote entrants
 * (`remote:NAME`), prints how each joins, and waits until every one is
 * connected (`--remote-wait`); undefined without remote entrants.
 */
async function startRemoteHost(specs: readonly string[], opts: TournamentOptions): Promise<TournamentHost | undefined> {
  const names = remoteEntrants(specs);
  if (!names.length) return undefined;
  if (opts.queue) throw new UsageError('remote entrants (remote:NAME) play through this process’s live host: run without --queue');
  const modules = specs.filter((s) => isModuleAgent(s));
  if (modules.length) throw new UsageError(`a tournament with remote entrants cannot also have agent modules yet (${modules.join(', ')}): their negotiations would run outside the worker threads`);
  const host = await startTournamentHost({ names, ...(opts.lobbyPort !== undefined ? { port: opts.lobbyPort } : {}), ...(opts.lobbyHost !== undefined ? { host: opts.lobbyHost } : {}) });
  process.stderr.write(`live host and lobby: ${host.url}\n`);
  for (const name of names) process.stderr.write(`remote:${name} joins with: parley join ${host.url} --lobby ${name} --token ${host.lobby.tokenFor(name)} --agent AGENT\n`);
  const wait = opts.remoteWait ?? 60_000;
  const missing: string[] = [];
  await Promise.all(names.map(async (n) => (await host.lobby.waitFor(n, wait)) || missing.push(n)));
  if (missing.length) {
    await host.close('failed');
    throw new Error(`${missing.map((n) => `remote:${n}`).join(', ')} did not connect to the lobby within ${wait} ms (--remote-wait); nothing was run or recorded`);
  }
  return host;
}

function listRuns(dbPath: string, json: boolean): void {
  if (!existsSync(dbPath)) {
    if (json) process.stdout.write('[]\n');
    else process.stdout.write(`no database at ${dbPath}\n`);
    return;
  }
  const store = SqliteTournamentStore.open(dbPath);
  try {
    const runs = store.list();
    if (json) return void process.stdout.write(jsonText(runs) + '\n');
    if (!runs.length) return void process.stdout.write('no tournaments yet\n');
    writeOut(
      table(
        ['id', 'status', 'done', 'agents', 'scenarios', 'started'],
        runs.map((r) => [r.id, r.status, `${r.done}/${r.total}`, String(r.agents.length), String(r.scenarios.length), r.createdAt.replace('T', ' ').slice(0, 19)]),
      ) + '\n',
    );
  } finally {
    store.close();
  }
}

/** The human-readable summary. */
export function describeSummary(s: TournamentSummary): string {
  const out: string[] = [];
  const st = s.settings;
  out.push(
    `Tournament ${s.id}: ${s.negotiations} negotiations${s.complete ? '' : ` of ${s.total} (incomplete)`} — ${s.agents.length} agents × ${s.scenarios.length} scenario${s.scenarios.length === 1 ? '' : 's'}, ${st.repetitions} repetition${st.repetitions === 1 ? '' : 's'}${st.selfPlay ? ', self-play' : ''}, ${st.rounds} rounds${st.discounting ? '' : ', no discounting'}`,
  );
  out.push(`${s.agreements} agreements (${((s.agreements / Math.max(1, s.negotiations)) * 100).toFixed(1)}%), ${s.faults} with faults, ${s.seconds.toFixed(2)} s`);
  out.push('');
  const conf = Math.round(s.statistics.bootstrap.confidence * 100);
  out.push(
    table(
      ['rank', 'agent', 'score', `${conf}% interval`, 'agreements', 'advantage', 'welfare', 'to Pareto', 'to Nash', 'faults'],
      s.ranking.map((r) => [
        String(r.rank),
        r.agent,
        num(r.score),
        r.low === null ? '—' : `${num(r.low)} – ${num(r.high)}`,
        `${(r.agreementRate * 100).toFixed(1)}%`,
        num(r.meanAdvantage),
        num(r.meanWelfare),
        num(r.meanParetoDistance),
        num(r.meanNashDistance),
        String(r.faults),
      ]),
    ),
  );
  out.push('');
  out.push(`Score: mean utility over all of the agent's negotiations; interval: ${s.statistics.bootstrap.resamples} bootstrap resamples of its pairings.`);
  const sig = s.pairwise.filter((p) => p.significant);
  out.push(`Significant differences (${s.statistics.test.name}, ${s.statistics.test.correction}-adjusted, α = ${s.statistics.test.alpha}): ${sig.length ? '' : 'none'}`);
  for (const p of sig) {
    const [hi, lo] = p.difference >= 0 ? [p.a, p.b] : [p.b, p.a];
    out.push(`  ${hi} > ${lo}: mean difference ${num(Math.abs(p.difference))} over ${p.pairs} matched pairings, p = ${p.adjustedPValue < 0.0001 ? p.adjustedPValue.toExponential(1) : p.adjustedPValue.toFixed(4)}`);
  }
  if (!s.complete) out.push('', `Continue with: parley tournament --resume ${s.id}`);
  return out.join('\n') + '\n';
}

