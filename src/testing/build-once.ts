// Vitest global setup: brings the compiled package (dist/) up to date once before the tests, so
// tests that spawn the `parley` command (bin/parley.js → dist/cli/main.js) never run a stale build.
// `tsc -b` is incremental: when nothing changed it only compares timestamps (well under a second).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from './shared.ts';

export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const t0 = performance.now();
  execFileSync(process.execPath, [tsc, '-b', join(REPO_ROOT, 'tsconfig.build.json')], { cwd: REPO_ROOT, stdio: 'inherit' });
  const s = (performance.now() - t0) / 1000;
  if (s > 2) process.stderr.write(`parley: compiled dist/ for the CLI tests in ${s.toFixed(1)} s\n`);
}
