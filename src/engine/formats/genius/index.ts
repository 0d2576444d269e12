import type { ScenarioImporter } from '../importer.ts';
import type { SourceFile } from '../source-file.ts';
import { classifyGeniusFile } from './classify.ts';
import { readGenius } from './read.ts';

export { readGenius } from './read.ts';
export { printGenius, geniusExportLosses } from './print.ts';
export { GENIUS_REAL_STEPS } from './domain.ts';
export { classifyGeniusFile } from './classify.ts';

/**
 * How sure we are that the files are a GENIUS scenario: a domain and
 * profiles (0.9), only one of the two (0.6), or none (0).
 */
function detect(files: readonly SourceFile[]): number {
  let domain = false;
  let profile = false;
  for (const f of files) {
    const c = classifyGeniusFile(f);
    if (c.kind === 'domain') domain = true;
    else if (c.kind === 'profile') profile = true;
  }
  return domain && profile ? 0.9 : domain || profile ? 0.6 : 0;
}

export const geniusImporter: ScenarioImporter = {
  format: 'genius',
  detect,
  read: readGenius,
};
