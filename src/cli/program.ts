import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ScenarioError, formatDiagnostic } from '../engine/model/diagnostics.ts';
import { safeName, writeErr } from './format.ts';

/** Exit codes: 0 success, 1 input error (bad scenario, no agreement possible is *not* an error), 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;

/** A usage problem found after parsing (bad flag value, conflicting options). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses an integer flag value or throws a UsageError naming the flag. */
export function intOption(flag: string, min = 0) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} expects a whole number ≥ ${min}, got "${value}"`);
    return n;
  };
}

/** parley's version: the one in package.json (two folders up from src/cli and from dist/cli). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function createProgram(): Command {
  const program = new Command('parley');
  program
    .description('Model, analyse and simulate negotiations between several parties over several issues.')
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  return program;
}

/** Runs the program and maps errors onto exit codes and clear messages. */
export async function runProgram(program: Command, argv: readonly string[]): Promise<number> {
  try {
    await program.parseAsync(argv as string[]);
    return EXIT_OK;
  } catch (e) {
    return reportError(e);
  }
}

export function reportError(e: unknown): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
    return EXIT_USAGE;
  }
  if (e instanceof UsageError || (e instanceof Error && e.name === 'InvalidArgumentError')) {
    writeErr(`parley: ${e.message}\n`);
    return EXIT_USAGE;
  }
  if (e instanceof ScenarioError) {
    const n = e.diagnostics.length;
    writeErr(`parley: ${n} problem${n === 1 ? '' : 's'} in the input:\n`);
    // A diagnostic is one line: line breaks in names it quotes are shown, not obeyed.
    for (const d of e.diagnostics) writeErr(`  ${safeName(formatDiagnostic(d))}\n`);
    return EXIT_INPUT;
  }
  const msg = e instanceof Error ? e.message : String(e);
  writeErr(`parley: ${msg}\n`);
  return EXIT_INPUT;
}
