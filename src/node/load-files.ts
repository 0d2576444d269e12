import { readdirSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFileSize, type SourceFile } from '../engine/formats/source-file.ts';
import { ScenarioError } from '../engine/model/diagnostics.ts';

const IGNORED = /^(\.|~)|\.(DS_Store)$/;

/** Sub-folders that belong to the scenario of the folder holding them (LLM-Deliberation games keep profiles there). */
const SCENARIO_SUBFOLDERS = ['scores_files'];

/**
 * Reads scenario files from disk: a folder means every file directly in it
 * plus its `scores_files/` sub-folder (other sub-folders hold other
 * scenarios, or prose); explicit files select a subset. Sizes are checked
 * before anything is read.
 */
export function loadSourceFiles(paths: readonly string[]): SourceFile[] {
  const files: SourceFile[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new ScenarioError([{ file: p, message: 'no such file or folder' }]);
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (IGNORED.test(name)) continue;
        const full = join(p, name);
        const s = statSync(full);
        if (s.isDirectory() && SCENARIO_SUBFOLDERS.includes(name)) files.push(...loadSourceFiles([full]));
        if (!s.isFile()) continue;
        files.push(readOne(full, s.size));
      }
    } else {
      files.push(readOne(p, st.size));
    }
  }
  return files;
}

function readOne(path: string, size: number): SourceFile {
  checkFileSize(path, size);
  const bytes = readFileSync(path);
  return { path, text: new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '') };
}
