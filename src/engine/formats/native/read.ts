import { scenarioSchema } from './schema.ts';
import { parsePositioned } from '../yaml-positions.ts';
import type { Scenario } from '../../model/scenario.ts';
import { buildScenario, type DefinitionSource } from '../../model/build-scenario.ts';

/** Parses a native scenario (YAML or JSON text). Throws a ScenarioError listing every problem. */
export function readNative(file: string, text: string): Scenario {
  return readNativeValue(parsePositioned({ path: file, text }, { maxAliasCount: MAX_ALIASES }));
}

/** At most this many alias expansions per native file: a "billion laughs" YAML fails fast. */
const MAX_ALIASES = 100;

/** What the reader needs of a parsed document: its data, and where a field path stands in it. */
export type NativeDocument = DefinitionSource;

/**
 * Builds a scenario from an already parsed native document: the scenario
 * definition with the format's version (`parley: 1`), checked and built by
 * the model's one build step (`model/build-scenario.ts`).
 */
export function readNativeValue(doc: NativeDocument): Scenario {
  return buildScenario(doc, scenarioSchema);
}
