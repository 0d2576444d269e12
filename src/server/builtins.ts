// The built-in scenarios: every file or folder in the repository's scenarios/ (Node only).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { importScenario, printNative } from '../engine/formats/index.ts';
import { stem } from '../engine/formats/source-file.ts';
import { loadSourceFiles } from '../node/load-files.ts';

export interface BuiltinScenario {
  /** The file name without extension (or the folder name), e.g. `ceasefire`. */
  readonly id: string;
  readonly name: string;
  readonly format: string;
  /** Native YAML: the file as written for native scenarios, printed for other formats. */
  readonly source: string;
}

/**
 * Reads every scenario in `dir`: each file is a scenario, each folder a
 * scenario of another format. Ones that fail to read are reported in `errors`
 * and left out, so one bad file does not stop the server.
 */
export function loadBuiltins(dir: string): { scenarios: BuiltinScenario[]; errors: string[] } {
  const scenarios: BuiltinScenario[] = [];
  const errors: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return { scenarios, errors: [`no built-in scenarios folder at ${dir}`] };
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    try {
      const files = loadSourceFiles([full]);
      const scenario = importScenario(files);
      const native = scenario.origin?.format === 'parley' && files.length === 1;
      scenarios.push({
        id: statSync(full).isDirectory() ? name : stem(name),
        name: scenario.name,
        format: scenario.origin?.format ?? 'parley',
        source: native ? files[0]!.text : printNative(scenario, 'yaml'),
      });
    } catch (e) {
      errors.push(`${full}: ${(e as Error).message}`);
    }
  }
  return { scenarios, errors };
}
