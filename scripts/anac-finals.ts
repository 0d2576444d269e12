// The ANAC 2010, 2011 and 2012 finals replayed with parley's reimplementations, on each year's domains from
// ../shared, against the published final ranking: Spearman's ρ and each agent's mean score.
//
//   npx tsx scripts/anac-finals.ts [--years 2010,2011,2012] [--rounds 1000] [--repeats 1] [--json]
//
// Each final is a round-robin over the year's domains: every ordered pair of finalists (both profiles), with
// self-play in 2012 (its rules say so; 2010 and 2011 are played without), `repeats` seeds each. An agent's score is
// its mean utility over its negotiations, discounted as the profile says, its (discounted) reservation value when
// there is no agreement — the competitions' score. The loop is written over negotiateSync; `playFinal` is the one
// place to switch to runTournament once the tournament runner is on main.
import { join } from 'node:path';
import { importScenario } from '../src/engine/formats/index.ts';
import { spearman } from '../src/engine/analysis/correlation.ts';
import { negotiateSync } from '../src/engine/agents/negotiate.ts';
import type { Scenario } from '../src/engine/model/scenario.ts';
import { loadSourceFiles } from '../src/node/load-files.ts';
import { foldersWithFiles, SCENARIOS_DIR } from '../src/testing/shared.ts';

/** A final: its domains, its finalists with their published final rank, and its rules as far as the papers give them. */
export interface FinalConfig {
  readonly year: number;
  readonly folder: string;
  /** Finalists and their published final rank (ties share a rank). */
  readonly finalists: readonly { readonly name: string; readonly rank: number }[];
  readonly selfPlay: boolean;
}

export const FINALS: readonly FinalConfig[] = [
  {
    year: 2010,
    folder: 'genius/anac/y2010',
    selfPlay: false,
    finalists: ['AgentK', 'Yushu', 'Nozomi', 'IAMhaggler', 'AgentFSEGA', 'IAMcrazyHaggler', 'AgentSmith'].map((name, i) => ({ name, rank: i + 1 })),
  },
  {
    year: 2011,
    folder: 'genius/anac/y2011',
    selfPlay: false,
    finalists: ['HardHeaded', 'Gahboninho', 'IAMhaggler2011', 'BRAMAgent', 'AgentK2', 'TheNegotiator', 'NiceTitForTat', 'ValueModelAgent'].map((name, i) => ({ name, rank: i + 1 })),
  },
  {
    year: 2012,
    folder: 'genius/anac/y2012',
    selfPlay: true,
    finalists: [
      { name: 'CUHKAgent', rank: 1 },
      { name: 'AgentLG', rank: 2 },
      { name: 'OMACagent', rank: 3 },
      { name: 'TheNegotiatorReloaded', rank: 3 },
      { name: 'BRAMAgent2', rank: 5 },
      { name: 'MetaAgent', rank: 6 },
      { name: 'IAMhaggler2012', rank: 7 },
      { name: 'AgentMR', rank: 8 },
    ],
  },
];

export interface FinalResult {
  readonly year: number;
  readonly domains: number;
  readonly negotiations: number;
  readonly agreements: number;
  /** Per finalist: mean score, parley's rank, the published rank. */
  readonly agents: readonly { readonly name: string; readonly score: number; readonly rank: number; readonly publishedRank: number }[];
  /** Spearman's ρ between parley's scores and the published ranks (ranks negated, so +1 = same order). */
  readonly spearman: number;
}

/** Plays one final (round-robin over the year's domains) with negotiateSync. */
export function playFinal(cfg: FinalConfig, opts: { rounds: number; repeats: number; progress?: (done: number, total: number) => void }): FinalResult {
  const folders = foldersWithFiles(join(SCENARIOS_DIR, cfg.folder), /\.xml$/i);
  const scenarios: Scenario[] = folders.map((f) => importScenario(loadSourceFiles([f])));
  const names = cfg.finalists.map((f) => f.name);
  const sums = new Map(names.map((n) => [n, { total: 0, count: 0 }]));
  const pairs: [string, string][] = [];
  for (const a of names) for (const b of names) if (a !== b || cfg.selfPlay) pairs.push([a, b]);
  const total = scenarios.length * pairs.length * opts.repeats;
  let done = 0;
  let agreements = 0;
  for (const s of scenarios) {
    const [pa, pb] = s.parties.map((p) => p.id);
    for (const [a, b] of pairs)
      for (let r = 0; r < opts.repeats; r++) {
        const res = negotiateSync(s, { agents: [a, b], rounds: opts.rounds, seed: r, turnTimeLimitMs: Number.POSITIVE_INFINITY });
        if (res.agreement) agreements++;
        const ua = res.utilities[pa!] ?? 0;
        const ub = res.utilities[pb!] ?? 0;
        sums.get(a)!.total += ua;
        sums.get(a)!.count++;
        sums.get(b)!.total += ub;
        sums.get(b)!.count++;
        opts.progress?.(++done, total);
      }
  }
  const scored = cfg.finalists.map((f) => ({ name: f.name, score: sums.get(f.name)!.total / Math.max(1, sums.get(f.name)!.count), publishedRank: f.rank }));
  const order = [...scored].sort((x, y) => y.score - x.score);
  const agents = scored.map((a) => ({ ...a, rank: order.indexOf(a) + 1 })).sort((x, y) => x.publishedRank - y.publishedRank);
  const rho = spearman(
    agents.map((a) => a.score),
    agents.map((a) => -a.publishedRank),
  );
  return { year: cfg.year, domains: scenarios.length, negotiations: total, agreements, agents, spearman: rho };
}

function parseArgs(argv: readonly string[]) {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const years = (get('--years') ?? '2010,2011,2012').split(',').map(Number);
  const rounds = Number(get('--rounds') ?? 1000);
  const repeats = Number(get('--repeats') ?? 1);
  if (!years.every((y) => FINALS.some((f) => f.year === y))) throw new Error(`--years takes ${FINALS.map((f) => f.year).join(', ')}`);
  if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(repeats) || repeats < 1) throw new Error('--rounds and --repeats take whole numbers ≥ 1');
  return { years, rounds, repeats, json: argv.includes('--json') };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const results: FinalResult[] = [];
  for (const cfg of FINALS.filter((f) => args.years.includes(f.year))) {
    const t0 = performance.now();
    const r = playFinal(cfg, {
      rounds: args.rounds,
      repeats: args.repeats,
      progress: (d, t) => {
        if (process.stderr.isTTY && (d % 50 === 0 || d === t)) process.stderr.write(`\r${cfg.year}: ${d}/${t}`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    results.push(r);
    if (!args.json) {
      console.log(`\nANAC ${r.year} final: ${r.domains} domains, ${r.negotiations} negotiations (${r.agreements} agreements), ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      console.log('| agent | published rank | parley rank | parley mean score |');
      console.log('|---|---|---|---|');
      for (const a of r.agents) console.log(`| ${a.name} | ${a.publishedRank} | ${a.rank} | ${a.score.toFixed(3)} |`);
      console.log(`Spearman ρ (parley scores vs published ranks): ${r.spearman.toFixed(3)}`);
    }
  }
  if (args.json) console.log(JSON.stringify(results, null, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) main();
