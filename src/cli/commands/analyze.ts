import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { parseOutcome, type AnalysisJson } from '../../engine/analysis/index.ts';
import { analyzeToJson } from '../../engine/analysis/analyze-json.ts';
import { adjustedWinner, type AdjustedWinnerOutcome } from '../../engine/analysis/adjusted-winner.ts';
import { OutcomeSpace } from '../../engine/model/outcome-space.ts';
import { loadScenario } from '../load-scenario.ts';
import { count, jsonText, num, table, writeOut } from '../format.ts';
import { UsageError, intOption } from '../program.ts';

interface AnalyzeOptions {
  json?: boolean;
  top: number;
  from?: string;
  seed: number;
  limit?: number;
  correlationSample?: number;
  variant?: string;
  adjustedWinner?: boolean;
}

/** `parley analyze PATH`: zone of agreement, Pareto frontier, bargaining solutions, opposition. */
export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description(
      'Analyse the outcome space: the rational set (every negotiator accepts), the passing set (the agreement rule accepts), the Pareto frontier, the Nash, Kalai–Smorodinsky, utilitarian and egalitarian solutions, and how opposed the parties are. See docs/analysis.md.',
    )
    .argument('<path...>', 'a scenario file, a scenario folder, or explicit domain/profile files')
    .option('--json', 'print stable JSON (see docs/analysis.md)')
    .option('--top <n>', 'list the top N frontier points (rational first, by Nash product)', intOption('--top', 0), 10)
    .option('--from <outcome>', 'list the Pareto improvements over a tentative agreement: issue=value,issue=value or {"issue":"value"}')
    .option('--seed <n>', 'seed for sampling and search', intOption('--seed', 0), 1)
    .option('--limit <n>', 'enumerate spaces up to N outcomes (default 200000000); larger ones use exact structure or labelled search', intOption('--limit', 1))
    .option('--correlation-sample <n>', 'rank the parties\' utilities over every outcome when there are at most N (or at most 4,096), else over N drawn with the seed (default 500; a larger N: a more precise rank correlation, at O(N log N))', intOption('--correlation-sample', 2))
    .option('--variant <id>', "apply one of the scenario's named variants first")
    .option('--adjusted-winner', 'also divide the items by Adjusted Winner (Brams–Taylor), for two parties whose issues are "who gets item X"')
    .action((paths: string[], opts: AnalyzeOptions) => {
      const scenario = loadScenario(paths, opts.variant);
      const aw = opts.adjustedWinner ? adjustedWinner(scenario) : undefined;
      let from: number[] | undefined;
      if (opts.from !== undefined) {
        const parsed = parseOutcome(new OutcomeSpace(scenario.issues), opts.from);
        if (!parsed.outcome) throw new UsageError(`--from: ${parsed.errors.join('; ')}`);
        from = parsed.outcome;
      }
      const showBar = !opts.json && process.stderr.isTTY === true;
      let bar: SingleBar | undefined;
      let lastUpdate = 0;
      const onProgress = showBar
        ? (done: number, total: number) => {
            if (!bar) {
              if (total < 2_000_000) return;
              bar = new SingleBar({ format: 'analysing |{bar}| {percentage}% {value}/{total} outcomes', stream: process.stderr }, Presets.shades_classic);
              bar.start(total, 0);
            }
            const now = Date.now();
            if (now - lastUpdate > 100 || done === total) {
              lastUpdate = now;
              bar.update(done);
            }
          }
        : undefined;
      let json: AnalysisJson;
      try {
        json = analyzeToJson(scenario, { top: opts.top, from, seed: opts.seed, enumerationLimit: opts.limit, onProgress, ...(opts.correlationSample !== undefined ? { correlationSample: opts.correlationSample } : {}) });
      } finally {
        bar?.stop();
      }
      const awJson = aw ? adjustedWinnerJson(aw) : undefined;
      if (opts.json) process.stdout.write(`${jsonText(awJson ? { ...json, adjustedWinner: awJson } : json)}\n`);
      else writeOut(renderAnalysis(json) + (aw ? renderAdjustedWinner(aw) : ''));
    });
}

const outcomeText = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');

const countText = (c: { count: number | null; exists: boolean | null }) =>
  c.count !== null ? `${count(c.count)} outcome${c.count === 1 ? '' : 's'}` : c.exists === true ? 'some outcomes (not counted)' : c.exists === false ? 'none' : 'unknown (not counted)';

/** The human-readable report. */
export function renderAnalysis(a: AnalysisJson): string {
  const out: string[] = [];
  const ids = a.parties.map((p) => p.id);
  out.push(`${a.scenario}: ${count(a.outcomes)} outcomes — ${a.exact ? 'exact' : `APPROXIMATE (${a.method})`}`);
  for (const n of a.notes) out.push(`  note: ${n}`);
  out.push('');
  out.push(
    table(
      ['party', 'role', 'reservation', 'best', 'worst'],
      a.parties.map((p) => [p.id + (p.defines ? '' : ' *'), p.role, num(p.reservation), num(p.best), num(p.worst)]),
    ),
  );
  if (a.parties.some((p) => !p.defines)) out.push('  * reported only: the frontier, rational set and solutions are over negotiators with preferences');
  out.push('');
  out.push(`Rational set (every negotiator accepts): ${countText(a.rational)}${a.rational.exists === false ? ' — no zone of possible agreement' : ''}`);
  out.push(`Passing set (the agreement rule accepts): ${countText(a.passing)}`);
  out.push(
    `Pareto frontier: ${count(a.frontier.outcomes)} outcome${a.frontier.outcomes === 1 ? '' : 's'}, ${a.frontier.points} distinct point${a.frontier.points === 1 ? '' : 's'} (${a.frontier.method}${a.frontier.exact ? '' : ', approximate'})`,
  );
  out.push('');
  type Sol = AnalysisJson['solutions']['nash'];
  const yesNo = (b: boolean) => (b ? 'yes' : 'NO');
  const row = (label: string, s: Sol) =>
    s
      ? [label, ...ids.map((id) => num(s.utilities[id])), num(s.value), yesNo(s.rational), yesNo(s.passes), outcomeText(s.outcome)]
      : [label, ...ids.map(() => '—'), '—', '—', '—', 'none (no rational outcome)'];
  const sols: [string, Sol][] = [
    ['Nash', a.solutions.nash],
    ['Kalai–Smorodinsky', a.solutions.kalaiSmorodinsky],
    ['utilitarian', a.solutions.utilitarian],
    ['egalitarian', a.solutions.egalitarian],
  ];
  out.push('Solutions');
  out.push(table(['solution', ...ids, 'value', 'rational', 'passes', 'outcome'], sols.map(([label, s]) => row(label, s))));
  for (const [label, s] of sols) {
    if (!s || s.refusedBy.length === 0) continue;
    const why = s.refusedBy.map((r) => (r.because === 'red line' ? `crosses ${r.party}'s red line "${r.redLine}"` : `is below ${r.party}'s reservation value`));
    const verdict = !s.rational ? 'not rational' : !s.passes ? 'does not pass the rule' : 'rational and passes, though';
    out.push(`  ${label}: ${verdict}: it ${why.join('; it ')}`);
  }
  if (a.frontier.top.length) {
    out.push('');
    out.push(`Top ${a.frontier.top.length} frontier point${a.frontier.top.length === 1 ? '' : 's'} (rational first, by Nash product)`);
    out.push(
      table(
        ['#', ...ids, 'ties', 'rational', 'outcome'],
        a.frontier.top.map((t, k) => [String(k + 1), ...ids.map((id) => num(t.utilities[id])), String(t.ties), t.rational ? 'yes' : 'no', outcomeText(t.outcome)]),
      ),
    );
  }
  if (a.opposition) {
    out.push('');
    out.push(
      `Opposition: ${num(a.opposition.level)} from the ideal point (${a.opposition.ideal.map((x) => num(x)).join(', ')}) to the nearest frontier point; normalised ${num(a.opposition.normalized)}`,
    );
    for (const r of a.opposition.rankCorrelation) out.push(`  Kendall τ ${r.a} vs ${r.b}: ${num(r.tau)} (${a.opposition.exact ? `over all ${count(a.opposition.sampled)} outcomes` : `over ${count(a.opposition.sampled)} outcomes drawn with the seed: approximate`})`);
  }
  if (a.improvements) {
    const imp = a.improvements;
    out.push('');
    out.push(`From ${outcomeText(imp.from.outcome)} (${ids.map((id) => `${id} ${num(imp.from.utilities[id])}`).join(', ')}):`);
    if (imp.best.length === 0) out.push('  no Pareto improvement: no outcome is at least as good for every party and better for one');
    else {
      out.push(`  ${imp.count !== null ? count(imp.count) : 'some'} Pareto improvement${imp.count === 1 ? '' : 's'}; the best by Nash product:`);
      out.push(table(['#', ...ids, 'outcome'], imp.best.map((b, k) => [String(k + 1), ...ids.map((id) => num(b.utilities[id])), outcomeText(b.outcome)])));
    }
  }
  return `${out.join('\n')}\n`;
}

/** Adjusted Winner as JSON: `{applicable: false, reason}` or the split (see docs/analysis.md). */
export function adjustedWinnerJson(aw: AdjustedWinnerOutcome): Record<string, unknown> {
  if (!aw.result) return { applicable: false, reason: aw.reason };
  const r = aw.result;
  return {
    applicable: true,
    parties: r.parties,
    items: r.items.map((item, k) => ({
      item,
      points: { [r.parties[0]]: r.points[0][k], [r.parties[1]]: r.points[1][k] },
      share: { [r.parties[0]]: r.shareA[k], [r.parties[1]]: 1 - r.shareA[k]! },
    })),
    split: r.split ? { item: r.items[r.split.item], share: { [r.parties[0]]: r.split.shareA, [r.parties[1]]: 1 - r.split.shareA } } : null,
    totals: { [r.parties[0]]: r.totals[0], [r.parties[1]]: r.totals[1] },
    notes: r.notes,
  };
}

export function renderAdjustedWinner(aw: AdjustedWinnerOutcome): string {
  const out: string[] = ['', 'Adjusted Winner (Brams–Taylor)'];
  if (!aw.result) return `${[...out, `  not applicable: ${aw.reason}`].join('\n')}\n`;
  const r = aw.result;
  const [a, b] = r.parties;
  out.push(
    table(
      ['item', `${a} points`, `${b} points`, `${a} gets`, `${b} gets`],
      r.items.map((item, k) => [item, num(r.points[0][k], 2), num(r.points[1][k], 2), pct(r.shareA[k]!), pct(1 - r.shareA[k]!)]),
    ),
  );
  out.push(`  each party's points by its own valuation: ${a} ${num(r.totals[0], 2)}, ${b} ${num(r.totals[1], 2)} (equitable, envy-free, efficient)`);
  out.push(r.split ? `  divided item: ${r.items[r.split.item]} (${a} ${pct(r.split.shareA)}, ${b} ${pct(1 - r.split.shareA)})` : '  no item is divided');
  for (const n of r.notes) out.push(`  note: ${n}`);
  return `${out.join('\n')}\n`;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
