// Headless Debian Chromium for the end-to-end tests and the benchmark (never a downloaded browser).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../src/server/serve.ts';
import { ensureWebBuild, REPO_ROOT } from '../src/server/web-build.ts';

export const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: run \`bash scripts/ensure-system-deps.sh\` as root (installs Debian's chromium)`);
  const profile = mkdtempSync(join(tmpdir(), 'parley-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, acceptDownloads: true, viewport: { width: 1280, height: 1000 } });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** A workbench for one e2e test file: the built app, a server on a fresh database, Chromium and one page. */
export interface Workbench {
  readonly server: RunningServer;
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  /** Where the page's uncaught errors go (a test asserts it stays empty). */
  readonly pageErrors?: string[];
  /** Accept every confirmation (removals, discarding changes, leaving with unsaved changes). */
  readonly acceptDialogs?: boolean;
  /** The page's default timeout (30 s). */
  readonly timeoutMs?: number;
}

export async function openWorkbench(name: string, options: WorkbenchOptions = {}): Promise<Workbench> {
  await ensureWebBuild();
  const dataDir = mkdtempSync(join(tmpdir(), `parley-e2e-${name}-`));
  const server = await startServer({ port: 0, db: join(dataDir, 'parley.db'), build: false });
  const browser = await launchBrowser();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const { pageErrors } = options;
  if (pageErrors) page.on('pageerror', (e) => pageErrors.push(e.message));
  if (options.acceptDialogs) page.on('dialog', (d) => void d.accept());
  page.setDefaultTimeout(options.timeoutMs ?? 30_000);
  return {
    server,
    browser,
    page,
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
