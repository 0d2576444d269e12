// Builds the web app with Vite when web/dist is missing or older than its sources (Node only).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const WEB_DIR = join(REPO_ROOT, 'web');
export const WEB_DIST = join(WEB_DIR, 'dist');

/** Newest modification time (ms) of the files under the given paths. */
export function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== 'node_modules' && e !== 'dist' && !e.startsWith('.')) visit(join(p, e));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/** The files the built app depends on. */
export function webSources(root: string = REPO_ROOT): string[] {
  return [join(root, 'web', 'index.html'), join(root, 'web', 'vite.config.ts'), join(root, 'web', 'src'), join(root, 'src', 'engine'), join(root, 'package-lock.json')];
}

/** Whether web/dist is missing or older than a source file. */
export function webBuildIsStale(dist: string = WEB_DIST, sources: readonly string[] = webSources()): boolean {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return true;
  return newestMtime(sources) > statSync(index).mtimeMs;
}

let building: Promise<void> | undefined;

/** Builds the app when stale (once at a time in this process). Returns whether it built. */
export async function ensureWebBuild(opts: { force?: boolean; log?: (line: string) => void } = {}): Promise<boolean> {
  if (!opts.force && !webBuildIsStale()) return false;
  if (!building) {
    building = (async () => {
      opts.log?.('building the web app (vite)…');
      const t0 = performance.now();
      const { build } = await import('vite');
      await build({ configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
      opts.log?.(`built the web app in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    })().finally(() => {
      building = undefined;
    });
  }
  await building;
  return true;
}
