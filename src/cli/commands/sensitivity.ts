import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { ANSWER_KEYS } from '../../engine/what-if/headline.ts';
import { sensitivity, type SensitivityResult } from '../../engine/what-if/sensitivity.ts';
import { loadScenario } from '../load-scenario.ts';
import { jsonText, num, table, writeOut } from '../format.ts';
import { UsageError, intOption } from '../program.ts';

interface SensitivityCliOptions {
  samples: number;
  range: string;
  seed: number;
  option?: string;
  variant?: string;
  json?: boolean;
}

/** `parley sensitivity PATH`: how the headline answers move when the assumptions move. */
export function registerSensitivity(program: Command): void {
  program
    .command('sensitivity')
    .description(
      'Perturb each weight and reservation value within ±range, one at a time (tornado, with the exact point where an answer flips) and all at once (seeded Monte Carlo), and report how often the headline answers change: whether agreement exists, which deal is the Nash deal, which options every rational deal contains. See docs/what-if.md.',
    )
    .argument('<path...>', 'a scenario file, a scenario folder, or explicit domain/profile files')
    .option('--samples <n>', 'Monte Carlo draws (0: tornado only)', intOption('--samples', 0), 500)
    .option('--range <r>', 'relative range of each perturbation (0.2 = ±20 %)', '0.2')
    .option('--seed <n>', 'seed of the Monte Carlo draws', intOption('--seed', 0), 1)
    .option('--option <issue=value>', 'also watch whether this option is in every rational deal')
    .option('--variant <id>', "apply one of the scenario's named variants first")
    .option('--json', 'print stable JSON (see docs/what-if.md)')
    .action((paths: string[], opts: SensitivityCliOptions) => {
      const range = Number(opts.range);
      if (!Number.isFinite(range) || range <= 0) throw new UsageError(`--range expects a positive number, got "${opts.range}"`);
      const scenario = loadScenario(paths, opts.variant);
      const showBar = !opts.json && process.stderr.isTTY === true;
      let bar: SingleBar | undefined;
      const onProgress = showBar
        ? (done: number, total: number) => {
            if (!bar) {
              bar = new SingleBar({ format: 'sensitivity |{bar}| {percentage}% {value}/{total} evaluations', stream: process.stderr }, Presets.shades_classic);
              bar.start(total, 0);
            }
            bar.update(done);
          }
        : undefined;
      let result: SensitivityResult;
      try {
        try {
          result = sensitivity(scenario, { samples: opts.samples, range, seed: opts.seed, option: opts.option, onProgress });
        } catch (e) {
          if (e instanceof RangeError) throw new UsageError(e.message);
          throw e;
        }
      } finally {
        bar?.stop();
      }
      if (opts.json) process.stdout.write(`${jsonText(result)}\n`);
      else writeOut(renderSensitivity(result));
    });
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const flip = (f: { delta: number; value: number } | null) => (f ? `${f.delta >= 0 ? '+' : ''}${(f.delta * 100).toFixed(2)}% (${num(f.value, 4)})` : '—');

export function renderSensitivity(r: SensitivityResult): string {
  const keys = ANSWER_KEYS.filter((k) => k !== 'option' || r.option);
  const out: string[] = [];
  out.push(`${r.scenario}: sensitivity within ±${(r.range * 100).toFixed(0)} % of each assumption${r.exact ? '' : ` (approximate: over a seeded sample of ${r.sampleSize} outcomes)`}`);
  for (const n of r.notes) out.push(`  note: ${n}`);
  out.push('');
  out.push('Base answers');
  out.push(`  zone of agreement: ${r.base.agreement ? 'yes' : 'no'}`);
  out.push(`  Nash deal: ${r.base.nashDeal ?? 'none'}`);
  out.push(`  options in every rational deal: ${r.base.common === null ? 'no rational deal' : r.base.common.join(', ') || 'none'}`);
  if (r.option) out.push(`  ${r.option} in every rational deal: ${r.base.option === null ? 'no rational deal' : r.base.option ? 'yes' : 'no'}`);
  out.push('');
  out.push('One assumption at a time (tornado; the first δ at which an answer changes, and the value there)');
  out.push(
    table(
      ['assumption', 'as written', ...keys.flatMap((k) => [`${k} ↓`, `${k} ↑`]), 'swing'],
      r.tornado.map((t) => [t.parameter.id, num(t.parameter.base, 4), ...keys.flatMap((k) => [flip(t.flips[k].down), flip(t.flips[k].up)]), num(t.swing, 3)]),
    ),
  );
  out.push('');
  out.push('Which single assumption flips each answer (nearest first)');
  for (const k of keys) {
    const l = r.flippedBy[k];
    out.push(`  ${k}: ${l.length ? l.slice(0, 5).map((x) => `${x.parameter} ${x.delta >= 0 ? '+' : ''}${(x.delta * 100).toFixed(2)}%`).join(', ') : 'none within the range'}`);
  }
  if (r.monteCarlo) {
    const mc = r.monteCarlo;
    out.push('');
    out.push(`All at once: ${mc.samples} draws (seed ${mc.seed})`);
    for (const k of keys) out.push(`  ${k} changed in ${pct(mc.changed[k])} of draws`);
    out.push(`  a zone of agreement in ${pct(mc.agreementRate)} of draws`);
    out.push('  Nash deals met:');
    for (const d of mc.nashDeals.slice(0, 5)) out.push(`    ${pct(d.share).padStart(7)}  ${d.deal}`);
    for (const [id, v] of Object.entries(mc.nashUtility)) out.push(`  ${id} at the Nash deal: mean ${num(v.mean, 3)}, 90 % between ${num(v.p05, 3)} and ${num(v.p95, 3)}`);
  }
  return `${out.join('\n')}\n`;
}
