import type { Scenario, ScenarioFormat } from '../model/scenario.ts';
import type { SourceFile } from './source-file.ts';

/**
 * One scenario format's reader. `detect` says how sure it is (0 = not this
 * format) that the files are in its format; `read` builds the scenario or
 * throws a ScenarioError listing every problem with its file, line and field.
 *
 * Given a whole folder, an importer takes the domain file and every profile
 * in it (each profile is a party) and records any other file in
 * `scenario.origin.skipped` with the reason.
 */
export interface ScenarioImporter {
  readonly format: ScenarioFormat;
  detect(files: readonly SourceFile[]): number;
  read(files: readonly SourceFile[]): Scenario;
}
