import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printNative } from '../../engine/formats/native/index.ts';
import { geniusExportLosses, printGenius } from '../../engine/formats/genius/index.ts';
import { writeErr, writeOut } from '../format.ts';
import { loadScenario } from '../load-scenario.ts';
import { UsageError } from '../program.ts';

const TARGETS = ['yaml', 'json', 'genius'] as const;
type Target = (typeof TARGETS)[number];

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Write a scenario in another format: native YAML or JSON (to stdout or --out FILE), or GENIUS XML (a domain file and one profile per party, into --out DIR).')
    .argument('<path...>', 'a scenario file, a scenario folder, or explicit domain/profile files')
    .requiredOption('--to <format>', `target format: ${TARGETS.join(', ')}`)
    .option('--out <path>', 'output file (yaml, json) or folder (genius)')
    .option('--variant <id>', "apply one of the scenario's named variants first")
    .action((paths: string[], opts: { to: string; out?: string; variant?: string }) => {
      if (!TARGETS.includes(opts.to as Target)) throw new UsageError(`--to must be one of ${TARGETS.join(', ')}, got "${opts.to}"`);
      const scenario = loadScenario(paths, opts.variant);
      if (opts.to === 'genius') {
        if (!opts.out) throw new UsageError('--to genius writes several files: give a folder with --out DIR');
        mkdirSync(opts.out, { recursive: true });
        const files = printGenius(scenario);
        for (const f of files) writeFileSync(join(opts.out, f.path), f.text);
        writeErr(`wrote ${files.length} files to ${opts.out}: ${files.map((f) => f.path).join(', ')}\n`);
        for (const loss of geniusExportLosses(scenario)) writeErr(`note: GENIUS XML cannot hold this: ${loss}\n`);
        return;
      }
      const text = printNative(scenario, opts.to as 'yaml' | 'json');
      if (opts.out) writeFileSync(opts.out, text);
      // To a terminal, control characters in names are shown as signs; piped or redirected, the text is exact.
      else if (process.stdout.isTTY) writeOut(text);
      else process.stdout.write(text);
    });
}
