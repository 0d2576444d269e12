// Test support (Node only): where the shared scenarios live, and walking them.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared material: $PARLEY_SHARED, or ../shared beside the repository. */
export const SHARED_DIR = process.env.PARLEY_SHARED ?? resolve(REPO_ROOT, '../shared');
export const SCENARIOS_DIR = join(SHARED_DIR, 'scenarios');

/** Every folder under `root` (inclusive) that directly holds at least one file matching `pattern`. */
export function foldersWithFiles(root: string, pattern: RegExp): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir).sort();
    if (entries.some((e) => pattern.test(e) && statSync(join(dir, e)).isFile())) out.push(dir);
    for (const e of entries) {
      const full = join(dir, e);
      if (statSync(full).isDirectory()) walk(full);
    }
  };
  if (existsSync(root)) walk(root);
  return out;
}
