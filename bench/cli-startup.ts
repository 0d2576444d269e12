// Benchmark: how long the compiled `parley` command takes, start to exit, on light commands (cold
// processes, median of several runs), against `node -e 0` measured in the same run.
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT, SCENARIOS_DIR, foldersWithFiles } from '../src/testing/shared.ts';

const RUNS = 7;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Wall time of one process, in seconds (it must exit with 0). */
function once(args: readonly string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  return s;
}

export function benchCliStartup(): void {
  // The commands run the build: bring it up to date first (incremental).
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', join(REPO_ROOT, 'tsconfig.build.json')], { cwd: REPO_ROOT, stdio: 'inherit' });
  const bin = join(REPO_ROOT, 'bin/parley.js');
  const genius = foldersWithFiles(join(SCENARIOS_DIR, 'genius'), /\.xml$/i)[0]!;
  const cases: { label: string; args: string[]; target?: number }[] = [
    { label: 'node -e 0', args: ['-e', '0'] },
    { label: 'parley --help', args: [bin, '--help'], target: 0.3 },
    { label: 'parley analyze scenarios/ceasefire.yaml', args: [bin, 'analyze', 'scenarios/ceasefire.yaml'], target: 0.5 },
    { label: 'parley inspect <GENIUS folder>', args: [bin, 'inspect', genius], target: 0.4 },
    { label: 'parley --version', args: [bin, '--version'] },
  ];
  // Runs interleave (case by case within each round) so that load on the machine hits all alike.
  const times = cases.map(() => [] as number[]);
  for (let r = 0; r < RUNS; r++) cases.forEach((c, k) => times[k]!.push(once(c.args)));
  const base = median(times[0]!);
  console.log(`\n== CLI start-up (compiled, bin/parley.js): median of ${RUNS} cold runs, wall time; GENIUS folder: ${genius.slice(SCENARIOS_DIR.length + 1)}`);
  console.log('command'.padEnd(44) + 'median'.padStart(9) + 'over node'.padStart(11) + 'min'.padStart(9) + 'max'.padStart(9) + '  target');
  cases.forEach((c, k) => {
    const t = times[k]!;
    const m = median(t);
    const verdict = c.target === undefined ? '' : `< ${c.target} s ${m < c.target ? 'yes' : 'NO'}`;
    const over = k === 0 ? '' : `+${(m - base).toFixed(3)}`;
    console.log(c.label.padEnd(44) + `${m.toFixed(3)} s`.padStart(9) + over.padStart(11) + `${Math.min(...t).toFixed(3)}`.padStart(9) + `${Math.max(...t).toFixed(3)}`.padStart(9) + `  ${verdict}`);
  });
}

// Run on its own: `npx tsx bench/cli-startup.ts`.
if (import.meta.url === `file://${process.argv[1]}`) benchCliStartup();
