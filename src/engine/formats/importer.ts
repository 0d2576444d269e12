import type { Scenario, ScenarioFormat } from '../model/scenario.ts';
import { ScenarioError } from '../model/diagnostics.ts';
import { validateScenario } from '../model/validate.ts';
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
  /** How sure this importer is that the files are in its format: 0 (not this format) to 1. */
  detect(files: readonly SourceFile[]): number;
  /** Builds the scenario, or throws a ScenarioError naming file, line and field. */
  read(files: readonly SourceFile[]): Scenario;
}

/**
 * Returns the scenario an importer built when the model accepts it, or throws
 * a ScenarioError naming the files it was built from. `partyFiles[k]` is the
 * file party k was read from: a problem of that party names it as its file.
 */
export function validatedImport(scenario: Scenario, fileNames: readonly string[], partyFiles: readonly string[] = []): Scenario {
  const invalid = validateScenario(scenario);
  if (invalid.length > 0)
    throw new ScenarioError(
      invalid.map((d) => {
        const party = /^parties\[(\d+)\]/.exec(d.path ?? '');
        const file = d.file ?? (party ? partyFiles[Number(party[1])] : undefined);
        return { ...d, ...(file !== undefined ? { file } : {}), message: `${d.message} (in the scenario built from ${fileNames.join(', ')})` };
      }),
    );
  return scenario;
}
