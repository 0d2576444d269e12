// The engine entry (`parley`, as built into dist/) in a browser: bundled for the browser platform
// with no Node polyfills, it reads and analyses scenarios and runs a negotiation in headless Chromium.
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, importScenario, negotiateSync, type SourceFile } from '../src/engine/index.ts';
import { loadSourceFiles } from '../src/node/index.ts';
import { foldersWithFiles, REPO_ROOT, SCENARIOS_DIR } from '../src/testing/shared.ts';
import { launchBrowser, type Browser } from './browser.ts';

const ENTRY = join(REPO_ROOT, 'dist/engine/index.js');

/** The scenarios the page gets (it has no file system): the ceasefire, and the first GENIUS folder walked. */
const INPUTS: Record<string, SourceFile[]> = {
  ceasefire: loadSourceFiles([join(REPO_ROOT, 'scenarios/ceasefire.yaml')]),
  genius: loadSourceFiles([foldersWithFiles(join(SCENARIOS_DIR, 'genius'), /\.xml$/i)[0]!]),
};
const NEGOTIATION = { agents: ['boulware', 'conceder'], protocol: 'saop', rounds: 200, seed: 7 } as const;

/** `import … from 'parley'` resolves to the built engine entry, as it does in an installed package; nothing else is provided. */
const parleyEntry: Plugin = {
  name: 'parley-entry',
  setup(b) {
    b.onResolve({ filter: /^parley$/ }, () => ({ path: ENTRY }));
  },
};

const PAGE_SCRIPT = `
import { importScenario, analyze, negotiateSync } from 'parley';
const inputs = JSON.parse(document.getElementById('inputs').textContent);
const out = {};
for (const [name, files] of Object.entries(inputs)) {
  const scenario = importScenario(files);
  out[name] = { analysis: analyze(scenario), agreement: negotiateSync(scenario, ${JSON.stringify(NEGOTIATION)}).agreementRecord };
}
window.__parley = JSON.parse(JSON.stringify(out));
`;

let browser: Browser;
let page: Page;
let bundle: string;
const errors: string[] = [];

beforeAll(async () => {
  const result = await build({
    stdin: { contents: PAGE_SCRIPT, resolveDir: REPO_ROOT, loader: 'js' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [parleyEntry],
  });
  bundle = result.outputFiles[0]!.text;
  browser = await launchBrowser();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (e) => errors.push(e.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('the engine entry in a browser', () => {
  it('bundles for the browser platform: no Node built-in is imported', () => {
    // esbuild's browser platform refuses to bundle `node:*` modules, so reaching here already says
    // so; the text check keeps it true should the bundler ever start to stub them.
    expect(bundle).not.toMatch(/\bfrom\s*["']node:|require\(["']node:|__vite-browser-external/);
    expect(bundle.length).toBeGreaterThan(10_000);
  });

  it('imports, analyses and negotiates in Chromium as it does in Node', async () => {
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>parley engine</title></head><body>
<script type="application/json" id="inputs">${JSON.stringify(INPUTS).replace(/</g, '\\u003c')}</script>
<script type="module">${bundle.replace(/<\/script/gi, '<\\/script')}</script></body></html>`;
    await page.setContent(html);
    await page.waitForFunction(() => (window as unknown as { __parley?: unknown }).__parley !== undefined, undefined, { timeout: 60_000 });
    expect(errors).toEqual([]);
    const inBrowser = await page.evaluate(() => (window as unknown as { __parley: unknown }).__parley);
    const inNode = Object.fromEntries(
      Object.entries(INPUTS).map(([name, files]) => {
        const scenario = importScenario(files);
        return [name, { analysis: analyze(scenario), agreement: negotiateSync(scenario, NEGOTIATION).agreementRecord }];
      }),
    );
    expect(inBrowser).toEqual(JSON.parse(JSON.stringify(inNode)));
  });
});
