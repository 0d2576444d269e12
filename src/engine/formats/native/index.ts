import type { ScenarioImporter } from '../importer.ts';
import type { SourceFile } from '../source-file.ts';
import { ScenarioError } from '../../model/diagnostics.ts';
import { readNative } from './read.ts';

export { readNative, readNativeValue } from './read.ts';
export { printNative, toNativeDocument } from './print.ts';
export { nativeJsonSchema } from './schema.ts';

const NATIVE_EXT = /\.(ya?ml|json)$/i;
const MARKER = /["']?parley["']?\s*:\s*1\b/;

/** The native format: one YAML or JSON file with `parley: 1`. */
export const nativeImporter: ScenarioImporter = {
  format: 'parley',
  detect(files: readonly SourceFile[]) {
    return files.some((f) => NATIVE_EXT.test(f.path) && MARKER.test(f.text.slice(0, 4096))) ? 1 : 0;
  },
  read(files: readonly SourceFile[]) {
    const mine = files.filter((f) => NATIVE_EXT.test(f.path) && MARKER.test(f.text.slice(0, 4096)));
    if (mine.length !== 1) {
      throw new ScenarioError([
        { message: mine.length === 0 ? 'no parley scenario file (YAML/JSON with `parley: 1`)' : `several parley scenario files given (${mine.map((f) => f.path).join(', ')}); give one` },
      ]);
    }
    const file = mine[0]!;
    const scenario = readNative(file.path, file.text);
    const skipped = files.filter((f) => f !== file).map((f) => ({ file: f.path, reason: 'not part of the parley scenario file' }));
    return { ...scenario, origin: { format: 'parley', files: [file.path], ...(skipped.length ? { skipped } : {}) } };
  },
};
