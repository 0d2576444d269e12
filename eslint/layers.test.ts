import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ENGINE_LAYERS } from './layers.js';

// Runs the project's own ESLint configuration on made-up engine modules, so the test fails
// if the rule is dropped from eslint.config.js as well as if the rule itself breaks.
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'parley/layers').map((m) => m.message);
}

describe('the engine layer rule', () => {
  it('fails on a deliberately upward import', async () => {
    const errors = await layerErrors('src/engine/model/upward.ts', "import { analyze } from '../analysis/analyze.ts';\nexport const x = analyze;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('model must not import analysis');
  });

  it('fails on every upward pair of layers, and passes every downward or same-layer one', async () => {
    for (const [i, from] of ENGINE_LAYERS.entries()) {
      for (const [j, to] of ENGINE_LAYERS.entries()) {
        const errors = await layerErrors(`src/engine/${from}/probe.ts`, `export { x } from '../${to}/y.ts';\n`);
        expect(errors.length, `${from} → ${to}`).toBe(j > i ? 1 : 0);
      }
    }
  });

  it('catches nested folders, dynamic imports and re-exports', async () => {
    expect(await layerErrors('src/engine/formats/genius/deep.ts', "export * from '../../report/index.ts';\n")).toHaveLength(1);
    expect(await layerErrors('src/engine/negotiation/lazy.ts', "export const m = () => import('../agents/registry.ts');\n")).toHaveLength(1);
    expect(await layerErrors('src/engine/formats/genius/ok.ts', "import { x } from '../../model/issue.ts';\nexport { x };\n")).toHaveLength(0);
  });

  it('keeps Node edges and the entry point out of the layers', async () => {
    expect(await layerErrors('src/engine/analysis/edge.ts', "import { x } from '../../node/load-files.ts';\nexport { x };\n")).toHaveLength(1);
    expect(await layerErrors('src/engine/agents/entry.ts', "import { x } from '../index.ts';\nexport { x };\n")).toHaveLength(1);
  });
});
