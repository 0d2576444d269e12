import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { collectReport, htmlReport, markdownReport } from '../../engine/report/index.ts';
import { loadScenario } from '../load-scenario.ts';
import { jsonText, writeErr } from '../format.ts';
import { UsageError, intOption } from '../program.ts';

interface ReportCliOptions {
  out: string;
  format?: string;
  seed: number;
  samples: number;
  agent: string;
  rounds: number;
  json?: boolean;
}

/** `parley report PATH --out report.html`: the whole analysis as one self-contained HTML page (or Markdown with SVG files). */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'Write a self-contained report: the scenario with its sources and assumptions, the utility space, the questions the scenario declares (see `parley ask`), sensitivity tables and simulated negotiations. HTML opens offline (no external reference); --format md writes Markdown with SVG files beside it. See docs/what-if.md.',
    )
    .argument('<path...>', 'a scenario file, a scenario folder, or explicit domain/profile files')
    .requiredOption('--out <file>', 'the file to write (report.html, report.md)')
    .option('--format <fmt>', 'html or md (default: from the file extension, else html)')
    .option('--seed <n>', 'seed of everything random (sampling, simulations)', intOption('--seed', 0), 1)
    .option('--samples <n>', 'Monte Carlo draws of the sensitivity analysis', intOption('--samples', 0), 300)
    .option('--agent <spec>', 'agent of the simulated negotiations', 'boulware')
    .option('--rounds <n>', 'deadline of the simulated negotiations', intOption('--rounds', 1), 200)
    .option('--json', 'also print the answers (declared questions, sensitivity, rules, analysis) as JSON on stdout')
    .action((paths: string[], opts: ReportCliOptions) => {
      const format = opts.format ?? (/\.(md|markdown)$/i.test(opts.out) ? 'md' : 'html');
      if (format !== 'html' && format !== 'md') throw new UsageError(`--format expects html or md, got "${format}"`);
      const scenario = loadScenario(paths);
      const command = `parley report ${paths.join(' ')} --out ${opts.out}${format === 'md' ? ' --format md' : ''} --seed ${opts.seed}`;
      const data = collectReport(scenario, {
        seed: opts.seed,
        samples: opts.samples,
        agent: opts.agent,
        rounds: opts.rounds,
        command,
        source: paths.join(', '),
        onStage: (s) => {
          if (process.stderr.isTTY) writeErr(`report: ${s}…\n`);
        },
      });
      mkdirSync(dirname(opts.out) || '.', { recursive: true });
      if (format === 'html') {
        writeFileSync(opts.out, htmlReport(data));
        writeErr(`wrote ${opts.out}\n`);
      } else {
        const prefix = basename(opts.out, extname(opts.out));
        const md = markdownReport(data, prefix);
        // Figure file names come from scenario text: each must land directly in the report's folder.
        const folder = resolve(dirname(opts.out));
        const targets = Object.entries(md.files).map(([name, svg]) => {
          const target = resolve(folder, name);
          if (dirname(target) !== folder || basename(target) !== name) throw new Error(`refusing to write the figure "${name}" outside ${folder}`);
          return [target, svg] as const;
        });
        writeFileSync(opts.out, md.markdown);
        for (const [target, svg] of targets) writeFileSync(target, svg);
        writeErr(`wrote ${opts.out} and ${targets.length} SVG files beside it\n`);
      }
      if (opts.json) {
        const json = {
          scenario: scenario.name,
          questions: data.questions,
          sensitivity: data.sensitivity,
          rules: data.rules,
          analysis: data.analysis,
        };
        process.stdout.write(`${jsonText(json)}\n`);
      }
    });
}
