// The built-in scenarios: every file or folder in the repository's scenarios/ (Node only).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
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
  /**
   * The texts its `documents` point to: document id → absolute file path, resolved once when the
   * server starts from the scenario file as found in the trusted scenarios folder (see
   * documentPaths). Only these paths are ever read (src/server/documents.ts); a path written in an
   * uploaded or stored scenario never is.
   */
  readonly documents?: ReadonlyMap<string, string>;
}

/**
 * Where the `documents` of a built-in scenario are: each `path` relative to the scenario file's
 * folder, or, when nothing is there, relative to the project folder (the scenarios folder's
 * parent), as the shipped scenarios write them (`examples/sources/labour-brief.txt`,
 * `../shared/seed/ceasefire-article.txt`). Documents without a path, or whose file is found in
 * neither place, have no text to serve.
 */
export function documentPaths(file: string, scenariosDir: string, documents: readonly { readonly id: string; readonly path?: string }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of documents) {
    if (!d.path) continue;
    const candidates = isAbsolute(d.path) ? [d.path] : [resolve(dirname(file), d.path), resolve(dirname(resolve(scenariosDir)), d.path)];
    const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
    if (found) out.set(d.id, found);
  }
  return out;
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
        documents: documentPaths(native ? files[0]!.path : join(full, 'scenario'), dir, scenario.documents ?? []),
      });
    } catch (e) {
      errors.push(`${full}: ${(e as Error).message}`);
    }
  }
  return { scenarios, errors };
}
