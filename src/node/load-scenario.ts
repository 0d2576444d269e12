// Reading a scenario from disk, as the CLI does (Node only).
import { importScenario } from '../engine/formats/index.ts';
import { applyVariant } from '../engine/what-if/variant.ts';
import type { Scenario } from '../engine/model/scenario.ts';
import { loadSourceFiles } from './load-files.ts';

/** Options of {@link loadScenario}. */
export interface LoadScenarioOptions {
  /** A variant of the scenario to apply (its id), as `--variant` does on the command line. */
  readonly variant?: string;
}

/**
 * Reads a scenario from disk, detecting its format: a native parley file (YAML or JSON), a scenario
 * folder of any supported format (GENIUS XML, GeniusWeb JSON, NegMAS YAML, LLM-Deliberation game),
 * or several explicit files (a domain and a subset of its profiles). It is what every CLI command
 * reads its `PATH…` arguments with.
 *
 * @param paths A file or folder, or several files.
 * @throws ScenarioError listing every problem (file, line, field) when the input is not a valid scenario.
 * @example
 * ```ts
 * import { loadScenario } from 'parley/node';
 * const scenario = loadScenario('scenarios/ceasefire.yaml');
 * ```
 */
export function loadScenario(paths: string | readonly string[], options: LoadScenarioOptions = {}): Scenario {
  const scenario = importScenario(loadSourceFiles(typeof paths === 'string' ? [paths] : paths));
  return options.variant ? applyVariant(scenario, options.variant) : scenario;
}
