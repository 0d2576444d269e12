// Benchmark: how long the compiled `parley` command takes, start to exit, on light commands (cold
// processes, median of several runs), against `node -e 0` measured in the same run.
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, SCENARIOS_DIR, foldersWithFiles } from '../src/testing/shared.ts';

const RUNS = 7;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Seconds in `XmY.ZZZs` (bash's `times`). */
const seconds = (t: string): number => {
  const m = /^(\d+)m([\d.]+)s$/.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

/**
 * One process (it must exit with 0): its wall time, and its CPU time (user + system, from bash's
 * `times`), which a busy machine inflates far less than the wall time.
 */
function once(args: readonly string[]): { wall: number; cpu: number } {
  const t0 = performance.now();
  const r = spawnSync('bash', ['-c', '"$0" "$@" >/dev/null; code=$?; times; exit $code', process.execPath, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  const children = r.stdout.trim().split('\n').at(-1)!.split(' ');
  return { wall, cpu: seconds(children[0]!) + seconds(children[1]!) };
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
  const times = cases.map(() => [] as { wall: number; cpu: number }[]);
  for (let r = 0; r < RUNS; r++) cases.forEach((c, k) => times[k]!.push(once(c.args)));
  const wall = times.map((t) => median(t.map((x) => x.wall)));
  const cpu = times.map((t) => median(t.map((x) => x.cpu)));
  console.log(`\n== CLI start-up (compiled, bin/parley.js): median of ${RUNS} cold runs; GENIUS folder: ${genius.slice(SCENARIOS_DIR.length + 1)}; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`);
  console.log(`${'command'.padEnd(44)}${'wall'.padStart(9)}${'over node'.padStart(11)}${'cpu'.padStart(9)}${'over node'.padStart(11)}  target (wall)`);
  cases.forEach((c, k) => {
    const verdict = c.target === undefined ? '' : `< ${c.target} s ${wall[k]! < c.target ? 'yes' : 'NO'}`;
    const over = (xs: number[]) => (k === 0 ? '' : `+${(xs[k]! - xs[0]!).toFixed(3)}`);
    console.log(`${c.label.padEnd(44)}${`${wall[k]!.toFixed(3)} s`.padStart(9)}${over(wall).padStart(11)}${`${cpu[k]!.toFixed(3)} s`.padStart(9)}${over(cpu).padStart(11)}  ${verdict}`);
  });
}

// Run on its own: `npx tsx bench/cli-startup.ts`.
if (import.meta.url === `file://${process.argv[1]}`) benchCliStartup();
