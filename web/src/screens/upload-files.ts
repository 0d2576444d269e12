// Which uploaded files make up one scenario, as the command line reads a folder (src/node/load-files.ts).

/** Sub-folders that belong to the scenario of the folder holding them (LLM-Deliberation keeps profiles there). */
const SCENARIO_SUBFOLDERS = ['scores_files'];
const IGNORED = /^(\.|~)|\.DS_Store$/;

/**
 * From the relative paths of a folder upload (`Top/a.xml`, `Top/sub/b.xml`…),
 * keeps the files directly in the top folder and in its `scores_files/`, and
 * drops hidden files; the paths lose the top folder's name. Files picked one
 * by one (no folder) are all kept.
 */
export function scenarioFiles<T extends { path: string }>(files: readonly T[]): T[] {
  const out: T[] = [];
  for (const f of files) {
    const parts = f.path.split('/').filter((p) => p.length > 0);
    const name = parts[parts.length - 1] ?? '';
    if (IGNORED.test(name)) continue;
    if (parts.length <= 1) out.push(f);
    else if (parts.length === 2) out.push({ ...f, path: parts[1]! });
    else if (parts.length === 3 && SCENARIO_SUBFOLDERS.includes(parts[1]!)) out.push({ ...f, path: `${parts[1]}/${parts[2]}` });
  }
  return out;
}
