import { importScenario } from '../engine/formats/index.ts';
import type { Scenario } from '../engine/model/scenario.ts';
import { applyVariant } from '../engine/formats/native/index.ts';
import { loadSourceFiles } from '../node/load-files.ts';

/** Reads a scenario from paths (a folder, one file, or several files), detecting the format; optionally applies a variant. */
export function loadScenario(paths: readonly string[], variant?: string): Scenario {
  const scenario = importScenario(loadSourceFiles(paths));
  return variant ? applyVariant(scenario, variant) : scenario;
}
