// `loadScenario` from parley/node reads what the CLI reads, and the engine's `analyze` returns
// exactly what `parley analyze --json` prints.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, ScenarioError } from '../engine/index.ts';
import { parley } from '../testing/cli.ts';
import { foldersWithFiles, REPO_ROOT, SCENARIOS_DIR } from '../testing/shared.ts';
import { loadScenario } from './index.ts';

/** The first scenario folder of each shared format (walked in sorted order), and the native ceasefire file. */
const FORMATS: Record<string, RegExp> = { genius: /\.xml$/i, geniusweb: /\.json$/i, 'negmas-yaml': /\.ya?ml$/i, 'llm-deliberation': /\.txt$/i };
const PATHS = [
  join(REPO_ROOT, 'scenarios/ceasefire.yaml'),
  ...Object.entries(FORMATS).flatMap(([dir, pattern]) => foldersWithFiles(join(SCENARIOS_DIR, dir), pattern).slice(0, 1)),
];

describe('loadScenario (parley/node)', () => {
  it('finds a scenario of each shared format', () => {
    expect(PATHS.length).toBe(1 + Object.keys(FORMATS).length);
  });

  it.each(PATHS)('analyze(loadScenario(%s)) is what `parley analyze --json` prints', (path) => {
    const cli = parley('analyze', path, '--json');
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const lib = analyze(loadScenario(path));
    expect(JSON.parse(JSON.stringify(lib))).toEqual(JSON.parse(cli.stdout));
  });

  it('takes one path or several, and applies a variant', () => {
    const ceasefire = join(REPO_ROOT, 'scenarios/ceasefire.yaml');
    const one = loadScenario(ceasefire);
    expect(loadScenario([ceasefire])).toEqual(one);
    const variant = one.variants?.[0]?.id;
    expect(variant).toBeDefined();
    expect(loadScenario(ceasefire, { variant: variant! })).not.toEqual(one);
  });

  it('names the path it cannot read', () => {
    const missing = join(REPO_ROOT, 'no-such-scenario.yaml');
    expect(() => loadScenario(missing)).toThrow(ScenarioError);
    expect(() => loadScenario(missing)).toThrow(/no-such-scenario\.yaml/);
  });
});
