import { ScenarioError } from '../model/diagnostics.ts';
import type { Scenario } from '../model/scenario.ts';
import type { ScenarioImporter } from './importer.ts';
import { checkFileSize, MAX_TOTAL_BYTES, type SourceFile } from './source-file.ts';
import { nativeImporter } from './native/index.ts';
import { geniusImporter } from './genius/index.ts';
import { geniusWebImporter } from './geniusweb/index.ts';
import { negmasImporter } from './negmas/index.ts';
import { llmDeliberationImporter } from './llm-deliberation/index.ts';

export * from './source-file.ts';
export type { ScenarioImporter } from './importer.ts';
export { nativeImporter, printNative, readNative, nativeJsonSchema } from './native/index.ts';
export { geniusImporter, printGenius, geniusExportLosses } from './genius/index.ts';
export { geniusWebImporter } from './geniusweb/index.ts';
export { negmasImporter } from './negmas/index.ts';
export { llmDeliberationImporter } from './llm-deliberation/index.ts';

/** Every format parley reads, most specific first. */
export const IMPORTERS: readonly ScenarioImporter[] = [nativeImporter, geniusImporter, geniusWebImporter, negmasImporter, llmDeliberationImporter];

/**
 * Reads a scenario from files, detecting the format: the importer most sure
 * of itself reads them. Throws a ScenarioError when no format fits, or when a
 * file is larger than MAX_FILE_BYTES.
 */
export function importScenario(files: readonly SourceFile[]): Scenario {
  if (files.length === 0) throw new ScenarioError([{ message: 'no files given' }]);
  // Untrusted input is size-limited before any parser sees it (also for text that did not come from disk).
  let total = 0;
  for (const f of files) {
    checkFileSize(f.path, f.text.length);
    total += f.text.length;
  }
  if (total > MAX_TOTAL_BYTES)
    throw new ScenarioError([{ message: `the files given hold ${(total / 1048576).toFixed(1)} MiB in all; parley reads at most ${MAX_TOTAL_BYTES / 1048576} MiB for one scenario (docs/limits.md)` }]);
  let best: ScenarioImporter | undefined;
  let score = 0;
  for (const imp of IMPORTERS) {
    const s = imp.detect(files);
    if (s > score) {
      score = s;
      best = imp;
    }
  }
  if (!best) {
    throw new ScenarioError([
      {
        file: files.length === 1 ? files[0]!.path : undefined,
        message: `cannot tell the format of ${files.map((f) => f.path).join(', ')}: expected a parley scenario (YAML/JSON with \`parley: 1\`), a GENIUS domain with profiles (XML), a GeniusWeb domain with profiles (JSON), a NegMAS scenario folder (YAML) or an LLM-Deliberation game folder (config.txt + scores_files/)`,
      },
    ]);
  }
  return best.read(files);
}
