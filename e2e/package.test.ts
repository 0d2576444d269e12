// The package as a user gets it: `npm pack`, installed offline into a fresh project, then used as a
// library (ES module and TypeScript) and as the `parley` command.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../src/server/web-build.ts';
import { foldersWithFiles, REPO_ROOT, SCENARIOS_DIR } from '../src/testing/shared.ts';

interface PackedFile {
  readonly path: string;
  readonly size: number;
}
interface PackResult {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly files: readonly PackedFile[];
}

const PKG = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string; license: string; bin: Record<string, string>; engines: Record<string, string>; dependencies: Record<string, string> };
const LOCK = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
const GENIUS = foldersWithFiles(join(SCENARIOS_DIR, 'genius'), /\.xml$/i)[0]!;
const CEASEFIRE = join(REPO_ROOT, 'scenarios/ceasefire.yaml');

let work: string;
let project: string;
let pack: PackResult;

function run(cmd: string, args: readonly string[], cwd: string, timeout = 180_000): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (r.error) throw r.error;
  return r;
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * A fresh project whose only dependency is the tarball. Its lock file lists the tarball and, for
 * every runtime dependency, the entry of parley's own lock file (resolved URL and integrity), so
 * that `npm ci --offline` installs from the local npm cache without asking the registry.
 */
function makeProject(dir: string, tarball: string): void {
  mkdirSync(dir, { recursive: true });
  const spec = `file:${tarball}`;
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', dependencies: { parley: spec } },
    'node_modules/parley': { version: PKG.version, resolved: spec, license: PKG.license, dependencies: PKG.dependencies, bin: PKG.bin, engines: PKG.engines },
  };
  for (const [key, entry] of Object.entries(LOCK.packages)) if (key !== '' && !entry.dev) packages[key] = entry;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { parley: spec } }, null, 2));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }, null, 2));
}

/**
 * A fresh build in a staging copy of the package, as `npm pack` makes it (its `prepare` script
 * builds from scratch): compiled here rather than in dist/, which other tests are using and where
 * outputs of since-deleted sources may linger.
 */
function stagePackage(stage: string): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  ok(run(process.execPath, [tsc, '-p', join(REPO_ROOT, 'tsconfig.build.json'), '--outDir', join(stage, 'dist'), '--tsBuildInfoFile', join(stage, 'tsbuildinfo')], REPO_ROOT, 600_000), 'tsc (fresh build)');
  cpSync(join(REPO_ROOT, 'dist/web'), join(stage, 'dist/web'), { recursive: true });
  for (const entry of ['package.json', 'README.md', 'bin', 'scenarios', 'examples']) cpSync(join(REPO_ROOT, entry), join(stage, entry), { recursive: true });
}

beforeAll(async () => {
  // The web app is built when stale (as the workbench test does), then copied into the staged package.
  await ensureWebBuild();
  work = mkdtempSync(join(tmpdir(), 'parley-pack-'));
  const stage = join(work, 'stage');
  stagePackage(stage);
  const packed = JSON.parse(ok(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], stage), 'npm pack')) as PackResult[];
  pack = packed[0]!;
  console.log(`parley tarball: ${pack.filename}, ${(pack.size / 1024).toFixed(0)} KiB packed, ${(pack.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${pack.entryCount} files`);
  project = join(work, 'consumer');
  makeProject(project, join(work, pack.filename));
  ok(run('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], project), 'npm ci --offline');
  // better-sqlite3 is compiled from source by its install script (minutes); the install ran
  // without scripts, so the test lends it the binary already built for this checkout (same version).
  const binary = join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  mkdirSync(join(project, 'node_modules', 'better-sqlite3', 'build', 'Release'), { recursive: true });
  copyFileSync(join(REPO_ROOT, binary), join(project, binary));
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds only what users need: no tests, fixtures, benchmarks, sources or dangling source maps', () => {
    const paths = pack.files.map((f) => f.path);
    expect(paths).toContain('package.json');
    expect(paths).toContain('bin/parley.js');
    expect(paths).toContain('dist/engine/index.js');
    expect(paths).toContain('dist/engine/index.d.ts');
    expect(paths).toContain('dist/node/index.js');
    expect(paths).toContain('dist/cli/main.js');
    expect(paths).toContain('dist/web/index.html');
    expect(paths).toContain('scenarios/ceasefire.yaml');
    const unexpected = paths.filter((p) => !/^(dist|bin|scenarios|examples)\//.test(p) && !/^(package\.json|README\.md|LICENSE)$/.test(p));
    expect(unexpected).toEqual([]);
    expect(paths.filter((p) => /\.test\.|(^|\/)(fixtures|testing|bench|e2e)\//.test(p) || /tsbuildinfo/.test(p))).toEqual([]);
    // TypeScript only as declarations (and the example agent users copy); everything that runs is JavaScript.
    expect(paths.filter((p) => /\.[cm]?ts$/.test(p) && !/\.d\.[cm]?ts$/.test(p) && !p.startsWith('examples/'))).toEqual([]);
    // A source map must point at files that are in the package.
    for (const map of paths.filter((p) => p.endsWith('.map'))) {
      const { sources } = JSON.parse(readFileSync(join(project, 'node_modules/parley', map), 'utf8')) as { sources: string[] };
      for (const s of sources) expect(existsSync(join(project, 'node_modules/parley', map, '..', s)), `${map} → ${s}`).toBe(true);
    }
  });

  it('imports from an .mjs file and analyses a GENIUS folder', () => {
    writeFileSync(
      join(project, 'use.mjs'),
      `import { analyze, importScenario, negotiateSync } from 'parley';
import { loadScenario } from 'parley/node';
const scenario = loadScenario(process.argv[2]);
const a = analyze(scenario);
console.log(JSON.stringify({ outcomes: a.outcomes, parties: a.parties.map((p) => p.id), nash: a.solutions.nash, importScenario: typeof importScenario, negotiateSync: typeof negotiateSync }));
`,
    );
    const out = JSON.parse(ok(run(process.execPath, ['use.mjs', GENIUS], project), 'use.mjs')) as { outcomes: number; parties: string[]; nash: unknown; importScenario: string; negotiateSync: string };
    const cli = JSON.parse(ok(run(process.execPath, [join(REPO_ROOT, 'bin/parley.js'), 'analyze', GENIUS, '--json'], REPO_ROOT), 'parley analyze')) as { outcomes: number; parties: { id: string }[]; solutions: { nash: unknown } };
    expect(out.outcomes).toBe(cli.outcomes);
    expect(out.parties).toEqual(cli.parties.map((p) => p.id));
    expect(out.nash).toEqual(cli.solutions.nash);
    expect([out.importScenario, out.negotiateSync]).toEqual(['function', 'function']);
  });

  it('type-checks a TypeScript consumer against the shipped declarations', () => {
    writeFileSync(
      join(project, 'consumer.ts'),
      `import { analyze, importScenario, negotiateSync, type AnalysisJson, type Scenario } from 'parley';
import { loadScenario, type LoadScenarioOptions } from 'parley/node';

const options: LoadScenarioOptions = {};
const scenario: Scenario = loadScenario('scenario.yaml', options);
const analysis: AnalysisJson = analyze(scenario);
const outcomes: number | string = analysis.outcomes;
// @ts-expect-error: analyze takes a scenario, not a path
analyze('scenario.yaml');
export { importScenario, negotiateSync, outcomes };
`,
    );
    const typeRoots = join(REPO_ROOT, 'node_modules/@types');
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [typeRoots] }, files: ['consumer.ts'] }),
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    ok(run(process.execPath, [tsc, '-p', '.'], project), 'tsc --noEmit');
  });

  it('runs `npx parley --version`, `inspect` and `analyze` from the installed package', () => {
    expect(ok(run('npx', ['--offline', 'parley', '--version'], project), 'parley --version').trim()).toBe(PKG.version);
    const inspect = ok(run('npx', ['--offline', 'parley', 'inspect', GENIUS, '--json'], project), 'parley inspect');
    expect((JSON.parse(inspect) as { outcomes: unknown }).outcomes).toBeDefined();
    const analysis = JSON.parse(ok(run('npx', ['--offline', 'parley', 'analyze', CEASEFIRE, '--json'], project), 'parley analyze')) as { outcomes: number };
    expect(analysis.outcomes).toBe(2187);
  });

  it('serves the prebuilt workbench from the installed package', async () => {
    const bin = join(project, 'node_modules/.bin/parley');
    const child = spawn(bin, ['serve', '--port', '0', '--db', join(work, 'serve.db')], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /workbench: (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`parley serve exited (${code}): ${stderr}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<title>parley workbench<\/title>/);
      const scenarios = (await (await fetch(new URL('api/scenarios', url))).json()) as { scenarios: { id: string }[] };
      expect(scenarios.scenarios.map((s) => s.id)).toContain('ceasefire');
      expect(stderr).not.toMatch(/vite/i);
      // Vite is a devDependency: it is not installed, so the app was served as built.
      expect(existsSync(join(project, 'node_modules/vite'))).toBe(false);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('runs every library example of docs/library.md from the installed package', () => {
    const dir = join(project, 'node_modules/parley/examples/library');
    const examples = readdirSync(join(REPO_ROOT, 'examples/library')).filter((f) => f.endsWith('.mjs'));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    expect(readdirSync(dir).sort()).toEqual(examples.sort());
    const guide = readFileSync(join(REPO_ROOT, 'docs/library.md'), 'utf8');
    for (const example of examples) {
      expect(guide, `docs/library.md shows ${example}`).toContain(`examples/library/${example}`);
      // On a GENIUS folder, and on their default (the ceasefire scenario shipped in the package).
      for (const args of [[GENIUS], []]) {
        const out = ok(run(process.execPath, [join(dir, example), ...args], project), `${example} ${args.join(' ')}`);
        expect(out).toMatch(/Nash solution: \{|ended by \w+/);
      }
    }
  });

  it('installs no devDependency', () => {
    const installed = readdirSync(join(project, 'node_modules'));
    for (const dev of ['vite', 'vitest', 'typescript', 'eslint', 'typedoc', 'playwright-core']) expect(installed).not.toContain(dev);
  });
});
