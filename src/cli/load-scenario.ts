import type { Scenario } from '../engine/model/scenario.ts';
import { loadScenario as loadFromDisk } from '../node/load-scenario.ts';

/** Reads a scenario from paths (a folder, one file, or several files), detecting the format; optionally applies a variant. */
export function loadScenario(paths: readonly string[], variant?: string): Scenario {
  return loadFromDisk(paths, variant ? { variant } : {});
}
