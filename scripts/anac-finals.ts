// The ANAC 2010, 2011 and 2012 finals replayed as parley tournaments (examples/tournaments/anac-YYYY.yaml) with the
// reimplemented finalists, on each year's domains in ../shared, against the published final ranking: Spearman's ρ
// and each agent's mean score beside the published one where we have it (docs/agents.md).
//
//   npx tsx scripts/anac-finals.ts [--years 2010,2011,2012] [--rounds 1000] [--repetitions N] [--workers N] [--json]
//
// Each final is the year's configuration file run as a tournament: every ordered pair of finalists (both profiles)
// on every domain of the year, self-play in 2012 only, the repetitions the file gives. An agent's score is the
// tournament's: its mean utility over its negotiations, discounted as the profile says, its (discounted) reservation
// value when there is no agreement — the competitions' score.
import { join } from 'node:path';
import { spearman } from '../src/engine/analysis/correlation.ts';
import { executeTournament, MemoryTournamentStore, type TournamentPoolFactory, type TournamentProgress, type TournamentSummary } from '../src/engine/negotiation/tournament/run.ts';
import { planOf } from '../src/engine/negotiation/tournament/spec.ts';
import { createJobContext, runJobSync } from '../src/engine/negotiation/tournament/job.ts';
import { expandScenarioPath, loadTournament, type TournamentFlags } from '../src/tournament/load-config.ts';
import { localPool } from '../src/tournament/pool.ts';
import { REPO_ROOT, SCENARIOS_DIR } from '../src/testing/shared.ts';

/** A final: its tournament configuration, its finalists with their published final rank and, where we have it, mean score. */
export interface FinalConfig {
  readonly year: number;
  /** The tournament configuration (relative to the repository). */
  readonly config: string;
  /** The year's domains (relative to ../shared/scenarios), for slicing. */
  readonly folder: string;
  /** Finalists in published order, their published final rank (ties share a rank) and published mean score (null: not found). */
  readonly finalists: readonly { readonly name: string; readonly rank: number; readonly published: number | null }[];
  /** Where the published scores come from. */
  readonly source: string | null;
}

const ranks = (names: readonly string[]) => names.map((name, i) => ({ name, rank: i + 1, published: null }));

export const FINALS: readonly FinalConfig[] = [
  { year: 2010, config: 'examples/tournaments/anac-2010.yaml', folder: 'genius/anac/y2010', finalists: ranks(['AgentK', 'Yushu', 'Nozomi', 'IAMhaggler', 'AgentFSEGA', 'IAMcrazyHaggler', 'AgentSmith']), source: null },
  {
    year: 2011,
    config: 'examples/tournaments/anac-2011.yaml',
    folder: 'genius/anac/y2011',
    finalists: [
      // Baarslag et al., "Evaluating practical negotiating agents: results and analysis of the 2011 international
      // competition", Artificial Intelligence 198 (2013): the winners' final-round mean scores (the other six were not
      // recoverable from here; see docs/agents.md).
      { name: 'HardHeaded', rank: 1, published: 0.749 },
      { name: 'Gahboninho', rank: 2, published: 0.74 },
      ...['IAMhaggler2011', 'BRAMAgent', 'AgentK2', 'TheNegotiator', 'NiceTitForTat', 'ValueModelAgent'].map((name, i) => ({ name, rank: i + 3, published: null })),
    ],
    source: 'Baarslag et al., Artificial Intelligence 198 (2013)',
  },
  {
    year: 2012,
    config: 'examples/tournaments/anac-2012.yaml',
    folder: 'genius/anac/y2012',
    finalists: [
      { name: 'CUHKAgent', rank: 1, published: null },
      { name: 'AgentLG', rank: 2, published: null },
      { name: 'OMACagent', rank: 3, published: null },
      { name: 'TheNegotiatorReloaded', rank: 3, published: null },
      { name: 'BRAMAgent2', rank: 5, published: null },
      { name: 'MetaAgent', rank: 6, published: null },
      { name: 'IAMhaggler2012', rank: 7, published: null },
      { name: 'AgentMR', rank: 8, published: null },
    ],
    source: null,
  },
];

export interface FinalResult {
  readonly year: number;
  readonly domains: number;
  readonly negotiations: number;
  readonly agreements: number;
  readonly seconds: number;
  /** Per finalist, in published order: parley's mean score and rank, the published rank and score. */
  readonly agents: readonly { readonly name: string; readonly score: number; readonly rank: number; readonly publishedRank: number; readonly published: number | null }[];
  /** Spearman's ρ between parley's scores and the published ranks (ranks negated, so +1 = same order). */
  readonly spearman: number;
  /** The whole tournament summary (as `parley tournament --json`). */
  readonly summary: TournamentSummary;
}

export interface PlayOptions {
  readonly rounds?: number;
  readonly repetitions?: number;
  /** Worker threads (default: run in this thread). */
  readonly workers?: number;
  /** A slice: the first N finalists only. */
  readonly agents?: number;
  /** A slice: the first N domains (scenario folders) only. */
  readonly domains?: number;
  readonly onProgress?: (p: TournamentProgress) => void;
}

/** Plays one final: the year's configuration file as a tournament (flags override rounds, repetitions, and slice it). */
export async function playFinal(cfg: FinalConfig, opts: PlayOptions = {}): Promise<FinalResult> {
  const finalists = opts.agents ? cfg.finalists.slice(0, opts.agents) : cfg.finalists;
  const flags: TournamentFlags = {
    ...(opts.rounds !== undefined ? { rounds: String(opts.rounds) } : {}),
    ...(opts.repetitions !== undefined ? { repetitions: String(opts.repetitions) } : {}),
    ...(opts.agents ? { agents: finalists.map((f) => f.name).join(',') } : {}),
    ...(opts.domains
      ? {
          scenarios: expandScenarioPath(cfg.folder, join(SCENARIOS_DIR, cfg.folder))
            .slice(0, opts.domains)
            .map((f) => f.paths[0]!)
            .join(','),
        }
      : {}),
  };
  const { spec, resolveAgent } = await loadTournament(join(REPO_ROOT, cfg.config), flags, { cwd: REPO_ROOT });
  const store = new MemoryTournamentStore();
  const id = store.create(spec, planOf(spec).total);
  const inThread: TournamentPoolFactory = (s) => {
    const ctx = createJobContext(s, resolveAgent);
    return { concurrency: 1, run: async (jobs) => jobs.map((j) => runJobSync(ctx, j)), close: async () => {} };
  };
  const summary = await executeTournament(id, {
    store,
    pool: opts.workers ? localPool({ workers: opts.workers }) : inThread,
    ...(opts.onProgress ? { onProgress: opts.onProgress, progressIntervalMs: 2000 } : {}),
  });
  const byName = new Map(summary.ranking.map((r) => [r.agent, r]));
  const agents = finalists.map((f) => {
    const r = byName.get(f.name)!;
    return { name: f.name, score: r.score ?? NaN, rank: r.rank, publishedRank: f.rank, published: f.published };
  });
  const rho = spearman(
    agents.map((a) => a.score),
    agents.map((a) => -a.publishedRank),
  );
  return { year: cfg.year, domains: spec.scenarios.length, negotiations: summary.negotiations, agreements: summary.agreements, seconds: summary.seconds, agents, spearman: rho, summary };
}

function parseArgs(argv: readonly string[]) {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const whole = (flag: string) => {
    const v = get(flag);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} takes a whole number ≥ 1`);
    return n;
  };
  const years = (get('--years') ?? '2010,2011,2012').split(',').map(Number);
  if (!years.every((y) => FINALS.some((f) => f.year === y))) throw new Error(`--years takes ${FINALS.map((f) => f.year).join(', ')}`);
  return { years, rounds: whole('--rounds'), repetitions: whole('--repetitions') ?? whole('--repeats'), workers: whole('--workers'), json: argv.includes('--json') };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const results: FinalResult[] = [];
  for (const cfg of FINALS.filter((f) => args.years.includes(f.year))) {
    const r = await playFinal(cfg, {
      ...(args.rounds ? { rounds: args.rounds } : {}),
      ...(args.repetitions ? { repetitions: args.repetitions } : {}),
      ...(args.workers ? { workers: args.workers } : {}),
      onProgress: (p) => process.stderr.isTTY && process.stderr.write(`\r${cfg.year}: ${p.done}/${p.total}`),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    results.push(r);
    if (!args.json) {
      console.log(`\nANAC ${r.year} final: ${r.domains} scenarios, ${r.negotiations} negotiations (${r.agreements} agreements), ${r.seconds.toFixed(0)} s`);
      console.log('| agent | published rank | parley rank | published mean score | parley mean score | 95 % interval |');
      console.log('|---|---|---|---|---|---|');
      for (const a of r.agents) {
        const x = r.summary.ranking.find((y) => y.agent === a.name)!;
        console.log(`| ${a.name} | ${a.publishedRank} | ${a.rank} | ${a.published === null ? '—' : a.published.toFixed(3)} | ${a.score.toFixed(3)} | ${x.low?.toFixed(3)} – ${x.high?.toFixed(3)} |`);
      }
      console.log(`Spearman ρ (parley scores vs published ranks): ${r.spearman.toFixed(3)}`);
    }
  }
  if (args.json) console.log(JSON.stringify(results.map(({ summary: _summary, ...r }) => r), null, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
