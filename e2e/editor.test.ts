// End to end: work is never lost, the form editor, the YAML view and deep links (headless Chromium, real server, temporary database).
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer } from '../src/server/serve.ts';
import { artifactPath, openWorkbench, type Workbench } from './browser.ts';

let server: RunningServer;
let page: Page;
let workbench: Workbench | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  // Confirmations (removals, discarding changes, leaving with unsaved changes) are accepted.
  workbench = await openWorkbench('editor', { pageErrors, acceptDialogs: true });
  ({ server, page } = workbench);
}, 180_000);

afterAll(() => workbench?.close());

/** Waits for a value to satisfy the matcher (the app answers after the server and the worker do). */
const poll = <T>(f: () => Promise<T> | T) => expect.poll(f, { timeout: 20_000, interval: 100 });
const tab = (name: string) => page.getByRole('tab', { name, exact: true });
/** Opens the scenario's sources (when closed) and its "Pick from a document" panel. */
const openPicker = async (section: Locator) => {
  const summary = section.locator('summary[aria-label="Sources and assumption of the scenario"]');
  if (!(await summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open))) await summary.click();
  const pick = section.getByRole('button', { name: 'Pick from a document…' });
  if (await pick.isVisible()) await pick.click();
};
const selectedTab = () => page.locator('[role="tab"][aria-selected="true"]').textContent();

describe('the workbench keeps work and addresses', () => {
  it('opens a deep link to a scenario’s What-if screen, and the back button returns', async () => {
    await page.goto(`${server.url}#/what-if?scenario=ceasefire`);
    await poll(selectedTab).toBe('What-if');
    await poll(() => page.getByTestId('current-scenario').textContent()).toMatch(/ceasefire/i);
    await page.getByRole('button', { name: 'Compare and test sensitivity' }).waitFor();
    await tab('Editor').click();
    await poll(() => page.url()).toMatch(/#\/editor\?scenario=ceasefire$/);
    await page.goBack();
    await poll(selectedTab).toBe('What-if');
    await page.goForward();
    await poll(selectedTab).toBe('Editor');
    // A reload keeps the screen and the scenario.
    await page.reload();
    await poll(selectedTab).toBe('Editor');
    await page.screenshot({ path: artifactPath('editor-deep-link.png'), fullPage: true });
  });

  it('keeps an edit as a draft across a reload, and Save makes it the scenario', async () => {
    await page.goto(`${server.url}#/editor?scenario=ceasefire`);
    const yaml = page.getByLabel('Scenario YAML');
    await poll(() => yaml.inputValue()).toMatch(/^parley: 1/m);
    const edited = (await yaml.inputValue()).replace(/^name: (.*)$/m, 'name: Ceasefire, draft of the morning');
    await yaml.fill(edited);
    await poll(() => page.getByTestId('draft-status').textContent()).toMatch(/Draft kept on the server/);
    await page.reload();
    await poll(() => page.getByLabel('Scenario YAML').inputValue()).toMatch(/name: Ceasefire, draft of the morning/);
    expect(await page.getByTestId('draft-status').textContent()).toMatch(/Restored your unsaved draft/);
    expect(await page.getByTestId('current-scenario').textContent()).toMatch(/draft of the morning.*edited/);
    // Undo goes back to the saved text; redo brings the draft back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await poll(() => page.getByLabel('Scenario YAML').inputValue()).not.toMatch(/draft of the morning/);
    await page.getByRole('button', { name: 'Redo' }).click();
    await poll(() => page.getByLabel('Scenario YAML').inputValue()).toMatch(/draft of the morning/);
    // Saving a built-in scenario makes a copy, opens it, and the draft is gone.
    await page.getByRole('button', { name: 'Save as a copy' }).click();
    await poll(() => page.url()).not.toMatch(/scenario=ceasefire/);
    await poll(() => page.getByTestId('current-scenario').textContent()).toMatch(/draft of the morning \(saved/);
    const drafts = (await (await fetch(`${server.url}api/drafts`)).json()) as { drafts: unknown[] };
    expect(drafts.drafts).toEqual([]);
  });

  it('undoes and redoes the removal of a party with the keyboard', async () => {
    await page.goto(`${server.url}#/editor?scenario=ceasefire`);
    const parties = page.getByTestId('parties-table');
    await poll(() => parties.textContent()).toMatch(/ukraine/);
    await page.getByRole('button', { name: 'Remove party ukraine' }).click();
    await poll(() => parties.textContent()).not.toMatch(/ukraine/);
    await page.keyboard.press('Control+Z');
    await poll(() => parties.textContent()).toMatch(/ukraine/);
    expect((await page.getByTestId('diagnostics').textContent()) ?? '').toBe('');
    await page.keyboard.press('Control+Shift+Z');
    await poll(() => parties.textContent()).not.toMatch(/ukraine/);
    await page.keyboard.press('Control+Z');
    await poll(() => parties.textContent()).toMatch(/ukraine/);
  });

  it('adds a red line and a variant from the form, and the YAML follows', async () => {
    await page.goto(`${server.url}#/editor?scenario=ceasefire`);
    const yaml = page.getByLabel('Scenario YAML');
    await poll(() => yaml.inputValue()).toMatch(/^parley: 1/m);
    // A red line: Ukraine never accepts Russian operation of the power plant.
    const redLine = page.getByRole('form', { name: 'Add a red line' });
    await redLine.getByLabel('Red line of').selectOption('ukraine');
    await redLine.getByLabel('Red line id').fill('no-russian-npp');
    await redLine.getByLabel('Red line issue').selectOption('zaporizhzhia-npp');
    await redLine.getByLabel('Crossed at russian-operation').check();
    await redLine.getByRole('button', { name: 'Add red line' }).click();
    await poll(() => yaml.inputValue()).toMatch(/- id: no-russian-npp\n\s+description: zaporizhzhia-npp is russian-operation\n\s+when: \{ zaporizhzhia-npp: \[ russian-operation \] \}/);
    expect(await page.getByLabel("Id of ukraine's no-russian-npp").inputValue()).toBe('no-russian-npp');
    expect((await page.getByTestId('diagnostics').textContent()) ?? '').toBe('');
    // A variant with one change: Ukraine's reservation.
    const variant = page.getByRole('form', { name: 'Add a variant' });
    await variant.getByLabel('New variant id').fill('patient-ukraine');
    await variant.getByLabel('Variant description').fill('Ukraine can wait longer');
    await variant.getByRole('button', { name: 'Add variant' }).click();
    const change = page.getByRole('form', { name: 'Add a change to patient-ukraine' });
    await change.getByLabel('Kind of change to patient-ukraine').selectOption('reservation');
    await change.getByLabel('Party changed in patient-ukraine').selectOption('ukraine');
    await change.getByLabel('New value in patient-ukraine').fill('0.55');
    await change.getByRole('button', { name: 'Add change' }).click();
    await poll(() => yaml.inputValue()).toMatch(/- id: patient-ukraine\n\s+description: Ukraine can wait longer\n\s+patch:\n\s+parties:\n\s+ukraine:\n\s+reservation: 0.55/);
    // The change is shown against the base.
    const diff = page.getByTestId('variant-patient-ukraine');
    expect(await diff.locator('table.diff tbody tr').first().textContent()).toMatch(/ukraine's reservation.*0\.55/);
    expect((await page.getByTestId('diagnostics').textContent()) ?? '').toBe('');
    // The variant is offered on every screen.
    await page.getByLabel('Variant shown on every screen').selectOption('patient-ukraine');
    await poll(() => page.url()).toMatch(/variant=patient-ukraine/);
    await page.screenshot({ path: artifactPath('editor-red-line-variant.png'), fullPage: true });
    await page.getByLabel('Variant shown on every screen').selectOption('');
  });

  it('warns of weights that do not sum to 1, and normalises them', async () => {
    const weight = page.getByLabel('Weight of ceasefire for russia');
    const before = Number(await weight.inputValue());
    await weight.fill(String(before + 0.2));
    await poll(() => page.getByTestId('weight-warning').first().textContent()).toMatch(/sum to 1\.2/);
    expect((await page.getByTestId('diagnostics').textContent()) ?? '').toBe('');
    await page.getByRole('button', { name: 'Normalise the weights of russia' }).click();
    await poll(() => page.getByTestId('weight-warning').count()).toBe(0);
  });

  it('highlights a YAML syntax error on its line, and other screens show the last good results as stale', async () => {
    const yaml = page.getByLabel('Scenario YAML');
    const lines = (await yaml.inputValue()).split('\n');
    const n = lines.findIndex((l) => l.startsWith('name:'));
    lines[n] = 'name: "unclosed';
    await yaml.fill(lines.join('\n'));
    const marked = page.getByTestId('yaml-error-line');
    await poll(() => marked.getAttribute('data-line')).toBe(String(n + 1));
    expect(await page.getByTestId('diagnostics').textContent()).toMatch(new RegExp(`Line ${n + 1}`));
    // The form stays, read-only, from the last version that parsed.
    expect(await page.getByTestId('form-frozen').textContent()).toMatch(/last version that parsed/);
    expect(await page.getByLabel('Weight of ceasefire for russia').isDisabled()).toBe(true);
    await page.screenshot({ path: artifactPath('editor-yaml-error.png'), fullPage: true });
    // Another screen keeps the last good results, marked stale, with a way back.
    await tab('Analysis').click();
    await poll(() => page.getByTestId('stale-banner').textContent()).toMatch(/Stale results/);
    await page.getByTestId('frontier-points').waitFor();
    await page.screenshot({ path: artifactPath('analysis-stale.png'), fullPage: true });
    await page.getByTestId('stale-banner').getByRole('link', { name: /Fix them in the editor/ }).click();
    await poll(selectedTab).toBe('Editor');
    // The error's link jumps to its line.
    await page.getByTestId('diagnostics').getByRole('link').first().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('yaml-source');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await poll(() => page.getByTestId('yaml-error-line').count()).toBe(0);
    await tab('Analysis').click();
    expect(await page.getByTestId('stale-banner').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('refuses an upload over the size limit before reading it, and exports GENIUS as one zip with its warnings', async () => {
    await page.goto(`${server.url}#/library?scenario=ceasefire`);
    await poll(selectedTab).toBe('Library');
    const t0 = Date.now();
    await page.getByTestId('import-files').setInputFiles({ name: 'huge_domain.xml', mimeType: 'application/xml', buffer: Buffer.alloc(17 * 1048576, 32) });
    await poll(() => page.getByTestId('import-message').textContent()).toMatch(/Import refused: “huge_domain\.xml” is 17\.0 MiB: parley reads files of at most 16\.0 MiB\. Nothing was sent\./);
    console.log(`17 MiB upload refused in the browser after ${Date.now() - t0} ms (including the transfer of the file into the page)`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Export Russia.Ukraine ceasefire.* as GENIUS XML/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Russia-Ukraine-ceasefire.*-genius\.zip$/);
    const path = artifactPath(download.suggestedFilename());
    await download.saveAs(path);
    const files = Object.keys(unzipSync(new Uint8Array(readFileSync(path))));
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(files.every((f) => f.endsWith('.xml'))).toBe(true);
    expect(await page.getByTestId('export-notes').textContent()).toMatch(/leaves out:.*red line/i);
    expect(pageErrors).toEqual([]);
  });
  it('picks a quote from the seed article in the editor, and the YAML gains it with the document and line', async () => {
    await page.goto(`${server.url}#/editor?scenario=ceasefire`);
    const yaml = page.getByLabel('Scenario YAML');
    await poll(() => yaml.inputValue()).toMatch(/^parley: 1/m);
    await poll(() => page.getByTestId('documents').textContent()).toMatch(/Trump to speak with Putin.*text from the scenario’s folder/);
    const general = page.getByTestId('section-general');
    await openPicker(general);
    const picker = general.getByRole('group', { name: 'Pick a quote for the scenario from a document' });
    await picker.getByLabel('Search the document').fill('peskov call');
    await picker.getByRole('button', { name: /^Use the passage at line 3: Kremlin spokesperson/ }).click();
    expect(await general.getByLabel('Quote', { exact: true }).inputValue()).toBe('Kremlin spokesperson Dmitry Peskov confirmed the planned call but did not provide additional details.');
    await general.getByRole('button', { name: 'Add source' }).click();
    await poll(() => yaml.inputValue()).toMatch(/- quote: "?Kremlin spokesperson Dmitry Peskov confirmed the planned call but did not provide additional details\."?\n\s+document: seed-article\n\s+locator: line 3\n/);
    expect((await page.getByTestId('diagnostics').textContent()) ?? '').toBe('');
    // A passage selected in the text (here with the keyboard: Shift and the arrow keys).
    const text = picker.getByLabel(/^Text of Trump to speak with Putin/);
    const phrase = 'Witkoff said he expects';
    await text.evaluate((el: HTMLTextAreaElement, p: string) => {
      const i = el.value.indexOf(p);
      el.focus();
      el.setSelectionRange(i, i + p.length - 1);
    }, phrase);
    await page.keyboard.press('Shift+ArrowRight');
    await poll(() => picker.getByTestId('quote-selection').textContent()).toBe(`line 10: “${phrase}”`);
    await picker.getByRole('button', { name: 'Use the selected passage' }).click();
    expect(await general.getByLabel('Quote', { exact: true }).inputValue()).toBe(phrase);
    await page.screenshot({ path: artifactPath('editor-quote-from-document.png'), fullPage: true });
  });

  it('attaches a text file to a saved scenario’s document (refusing one too large before reading it) and picks a quote from it', async () => {
    // The copy of the ceasefire scenario saved above kept the article's text.
    const list = (await (await fetch(`${server.url}api/scenarios`)).json()) as { scenarios: { id: string; name: string; builtin: boolean }[] };
    const copy = list.scenarios.find((x) => !x.builtin && /draft of the morning/.test(x.name))!;
    await page.goto(`${server.url}#/editor?scenario=${copy.id}`);
    const yaml = page.getByLabel('Scenario YAML');
    await poll(() => yaml.inputValue()).toMatch(/^parley: 1/m);
    await poll(() => page.getByTestId('documents').textContent()).toMatch(/Trump to speak with Putin.*text attached/);
    // A new document, and its text attached from a file.
    const add = page.getByRole('form', { name: 'Add a document' });
    await add.getByLabel('New document id').fill('minutes');
    await add.getByLabel('Document title').fill('Minutes of the Riyadh meeting');
    await add.getByRole('button', { name: 'Add document' }).click();
    await poll(() => yaml.inputValue()).toMatch(/- id: minutes\n\s+title: Minutes of the Riyadh meeting/);
    const input = page.getByLabel('Attach the text of Minutes of the Riyadh meeting');
    await input.setInputFiles({ name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(1048577, 97) });
    await poll(() => page.getByTestId('document-message').textContent()).toMatch(/Not attached: “huge\.txt” is 1\.0 MiB: a document's text may be at most 1\.0 MiB\. Nothing was sent\./);
    await input.setInputFiles({ name: 'minutes.txt', mimeType: 'text/plain', buffer: Buffer.from('Minutes.\nBoth delegations agreed to meet again in April.\n') });
    await poll(() => page.getByTestId('documents').textContent()).toMatch(/Minutes of the Riyadh meeting — text attached from “minutes\.txt”/);
    const general = page.getByTestId('section-general');
    await openPicker(general);
    const picker = general.getByRole('group', { name: 'Pick a quote for the scenario from a document' });
    await picker.getByLabel('Document to quote from').selectOption({ label: 'Minutes of the Riyadh meeting' });
    await picker.getByLabel('Search the document').fill('april');
    await picker.getByRole('button', { name: /^Use the passage at line 2/ }).click();
    await general.getByRole('button', { name: 'Add source' }).click();
    await poll(() => yaml.inputValue()).toMatch(/- quote: Both delegations agreed to meet again in April\.\n\s+document: minutes\n\s+locator: line 2\n/);
    expect(pageErrors).toEqual([]);
  });
});
