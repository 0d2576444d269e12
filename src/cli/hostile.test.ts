// Issue 12 on the command line: writes stay in their folder, output cannot drive the terminal,
// files that are not regular files are refused, and broken agent modules are input errors.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parley } from '../testing/cli.ts';

const hostileScenario = (id: string, name: string) => `parley: 1
name: ${JSON.stringify(name)}
issues:
  - {name: price, options: [low, high]}
  - {name: term, options: [short, long]}
parties:
  - id: ${JSON.stringify(id)}
    name: ${JSON.stringify(name)}
    preferences: {weights: {price: 0.6, term: 0.4}, values: {price: {low: 1, high: 0}, term: {short: 0.2, long: 1}}}
  - id: other
    preferences: {weights: {price: 0.5, term: 0.5}, values: {price: {low: 0, high: 1}, term: {short: 1, long: 0}}}
`;

describe('writes stay inside their folder', () => {
  it('a party id /../../../x names its figure file beside the report, not outside --out', () => {
    const root = mkdtempSync(join(tmpdir(), 'parley-report-'));
    const out = join(root, 'a', 'b', 'c');
    mkdirSync(out, { recursive: true });
    const file = join(root, 'hostile.yaml');
    writeFileSync(file, hostileScenario('/../../../x', '<script>alert(1)</script> [click](javascript:alert(1))'));
    const r = parley('report', file, '--out', join(out, 'report.md'), '--samples', '5', '--rounds', '10');
    expect(r.code, r.stderr).toBe(0);
    // Nothing was written above --out: the only files are the scenario and the report folder.
    expect(readdirSync(root).sort()).toEqual(['a', 'hostile.yaml']);
    expect(existsSync(join(root, 'x.svg'))).toBe(false);
    const written = readdirSync(out);
    expect(written.every((f) => /^report(-[A-Za-z0-9_-]+)?\.(md|svg)$/.test(f)), written.join(' ')).toBe(true);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    // Scenario text is inert: no raw HTML, no link made from a name.
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;script&gt;');
    expect(md).not.toMatch(/\]\(javascript:/);
    for (const f of written.filter((f) => f.endsWith('.svg'))) expect(md).toContain(`](${f})`);
  }, 120_000);
});

describe('terminal output cannot be driven by names', () => {
  it('shows ESC and other control characters in names as visible signs, in tables, text and errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-esc-'));
    const file = join(dir, 'esc.yaml');
    writeFileSync(file, hostileScenario('evil\u001b]0;pwned\u0007', 'Title \u001b[2J\u009b31m'));
    const r = parley('inspect', file);
    expect(r.code, r.stderr).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(r.stdout).toContain('evil␛]0;pwned␇');
    const j = parley('inspect', file, '--json');
    expect(j.code).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(j.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect((JSON.parse(j.stdout) as { scenario: string }).scenario).toBe('Title \u001b[2J\u009b31m');
    writeFileSync(file, 'parley: 1\nname: x\nissues: [{name: "a\\u001b[2Jb", options: [p]}, {name: "a\\u001b[2Jb", options: [q]}]\nparties: [{id: p, preferences: {weights: {}, values: {}}}]\n');
    const bad = parley('inspect', file);
    expect(bad.code).toBe(1);
    // eslint-disable-next-line no-control-regex
    expect(bad.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(bad.stderr).toContain('a␛[2Jb');
  });
});

describe('only regular files and folders are read', () => {
  it('refuses a FIFO at once instead of hanging', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-fifo-'));
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const t0 = Date.now();
    const r = parley('inspect', fifo);
    expect(Date.now() - t0).toBeLessThan(60_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${fifo}: a named pipe (FIFO): parley reads regular files and folders only`);
    // Inside a folder, a FIFO is passed over like a sub-folder.
    writeFileSync(join(dir, 'ok.yaml'), hostileScenario('a', 'ok'));
    const folder = parley('inspect', dir);
    expect(folder.code, folder.stderr).toBe(0);
  });

  it('reports a symbolic link loop and a self-link in the diagnostic format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-loop-'));
    symlinkSync('self.yaml', join(dir, 'self.yaml'));
    symlinkSync('b.yaml', join(dir, 'a.yaml'));
    symlinkSync('a.yaml', join(dir, 'b.yaml'));
    for (const f of ['self.yaml', 'a.yaml']) {
      const r = parley('inspect', join(dir, f));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`parley: 1 problem in the input:\n  ${join(dir, f)}: a symbolic link loop`);
      expect(r.stderr).not.toContain('ELOOP');
    }
    const folder = parley('inspect', dir);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/a symbolic link loop/);
  });

  it('reads a scores_files folder that links back to its parent once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-cycle-'));
    writeFileSync(join(dir, 'ok.yaml'), hostileScenario('a', 'ok'));
    symlinkSync('.', join(dir, 'scores_files'));
    const r = parley('inspect', dir);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('input errors, not usage errors or silent successes', () => {
  it('a negotiator without preferences is an input error for inspect, analyze and run (exit 1)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-noprefs-'));
    const file = join(dir, 'n.yaml');
    writeFileSync(file, 'parley: 1\nname: t\nissues: [{name: x, options: [p, q]}]\nparties:\n  - id: a\n  - {id: b, preferences: {weights: {x: 1}, values: {x: {p: 0, q: 1}}}}\n');
    for (const args of [['inspect', file], ['analyze', file], ['run', file, '--agents', 'boulware']]) {
      const r = parley(...args);
      expect(r.code, args[0]).toBe(1);
      expect(r.stderr).toContain(`${file}:5:5: parties[0].preferences: negotiator "a" has no preferences`);
    }
  });

  it('an agent module that loops while loading: the run reports it and exits 1', () => {
    const r = parley('run', 'scenarios/ceasefire.yaml', '--agents', 'src/node/fixtures/loops-at-load-agent.ts,boulware', '--rounds', '3');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/No agreement \(fault\)/);
    expect(r.stderr).toMatch(/an agent module could not be started:\n {2}src\/node\/fixtures\/loops-at-load-agent\.ts \(party russia\): the agent did not load within 10000 ms/);
  }, 60_000);
});
