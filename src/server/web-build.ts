// Where the prebuilt web app is, and (in a source checkout only) rebuilding it with Vite when stale (Node only).
//
// `npm run build` builds the app into dist/web; the package ships that folder, and `parley serve`
// serves it as is. Only when parley runs from a source checkout (web/vite.config.ts exists beside
// dist/) and Vite (a devDependency) is installed does `serve` rebuild the app when a source is newer
// than the build. An installed package never imports Vite.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: two folders up from src/server and from dist/server. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const WEB_DIR = join(REPO_ROOT, 'web');
/** The built web app (output of `npm run build:web`). */
export const WEB_DIST = join(REPO_ROOT, 'dist', 'web');

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

/** Whether the built app is missing or older than a source file. */
export function webBuildIsStale(dist: string = WEB_DIST, sources: readonly string[] = webSources()): boolean {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return true;
  return newestMtime(sources) > statSync(index).mtimeMs;
}

/** Whether parley runs from a source checkout (the web app's sources are beside it), not an installed package. */
export function isSourceCheckout(root: string = REPO_ROOT): boolean {
  return existsSync(join(root, 'web', 'vite.config.ts'));
}

let building: Promise<void> | undefined;

/**
 * Makes sure the web app is built. In a source checkout, builds it with Vite when it is missing or
 * stale (once at a time in this process) and returns whether it built. In an installed package the
 * prebuilt app is used as is; a missing one is an error naming the fix.
 */
export async function ensureWebBuild(opts: { force?: boolean; log?: (line: string) => void } = {}): Promise<boolean> {
  if (!isSourceCheckout()) {
    if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`the web app is missing from this installation (${WEB_DIST}); reinstall parley`);
    return false;
  }
  if (!opts.force && !webBuildIsStale()) return false;
  if (!building) {
    building = (async () => {
      let vite: typeof import('vite');
      try {
        vite = await import('vite');
      } catch {
        if (existsSync(join(WEB_DIST, 'index.html'))) {
          opts.log?.('the web app is older than its sources, but Vite is not installed: serving the last build');
          return;
        }
        throw new Error(`the web app is not built (${WEB_DIST}) and Vite is not installed: run \`npm ci\` (or \`npm run build\`) in the parley checkout`);
      }
      opts.log?.('building the web app (vite)…');
      const t0 = performance.now();
      await vite.build({ configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
      opts.log?.(`built the web app in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    })().finally(() => {
      building = undefined;
    });
  }
  await building;
  return true;
}
