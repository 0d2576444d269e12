// Benchmark (issue 12, docs/limits.md): worst-case inputs of every format up to the 16 MiB file cap,
// generated here, each run through the real `parley inspect` (and `parley analyze` when accepted) in
// a child process; prints exit code, wall time and the child's peak RSS. Goals: peak RSS under 1 GB,
// every input analysed or refused within 10 s. `npx tsx bench/limits.ts [CASE-SUBSTRING]`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// The compiled CLI when built (npm run build), else the sources through tsx.
const CLI = existsSync(join(ROOT, 'dist/cli/main.js')) ? [join(ROOT, 'bin/parley.js')] : ['--import', 'tsx', join(ROOT, 'src/cli/main.ts')];
const RSS_HOOK = join(ROOT, 'bench/rss-at-exit.mjs');
const MiB = 1024 * 1024;
const CAP = 16 * MiB;

/** Repeats `unit(k)` for k = 0, 1, … while the text stays within `bytes`. */
function fill(head: string, unit: (k: number) => string, tail: string, bytes: number, sep = ''): string {
  const parts = [head];
  let n = head.length + tail.length;
  for (let k = 0; ; k++) {
    const u = (k > 0 ? sep : '') + unit(k);
    if (n + u.length > bytes) break;
    parts.push(u);
    n += u.length;
  }
  parts.push(tail);
  return parts.join('');
}

const twoParties = (issue: string, values: string) =>
  `parties:\n  - {id: a, preferences: {weights: {${issue}: 1}, values: {${issue}: ${values}}}}\n  - {id: b, preferences: {weights: {${issue}: 1}, values: {${issue}: ${values}}}}\n`;

interface Case {
  readonly name: string;
  /** Files to write (path inside the case folder → text); the case runs on the folder, or on `arg`. */
  readonly files: Record<string, string>;
  readonly arg?: string;
}

function cases(): Case[] {
  const options = (n: number) => Array.from({ length: n }, (_, k) => `o${k}`);
  const geniusDomain = (items: number) =>
    fill('<negotiation_template>\n<utility_space number_of_issues="1">\n<objective index="0" etype="objective" type="objective" name="T">\n<issue index="1" etype="discrete" type="discrete" vtype="discrete" name="x">\n', (k) => `<item index="${k + 1}" value="v${k}"/>\n`, '</issue>\n</objective>\n</utility_space>\n</negotiation_template>\n', items);
  const geniusItems = 40_000;
  const geniusProfile = (items: number) =>
    `<utility_space>\n<objective index="0" etype="objective" type="objective" name="T">\n<issue index="1" etype="discrete" type="discrete" vtype="discrete" name="x">\n${Array.from({ length: items }, (_, k) => `<item index="${k + 1}" value="v${k}" evaluation="${(k % 100) + 1}"/>`).join('\n')}\n</issue>\n<weight index="1" value="1"/>\n</objective>\n</utility_space>\n`;
  const geniusDomainN = (items: number) =>
    `<negotiation_template>\n<utility_space number_of_issues="1">\n<objective index="0" etype="objective" type="objective" name="T">\n<issue index="1" etype="discrete" type="discrete" vtype="discrete" name="x">\n${Array.from({ length: items }, (_, k) => `<item index="${k + 1}" value="v${k}"/>`).join('\n')}\n</issue>\n</objective>\n</utility_space>\n</negotiation_template>\n`;
  const wideOptions = options(25_000);
  const jsonOptions = options(350_000);
  return [
    { name: 'YAML flow list of integers (16 MiB)', files: { 'flow.yaml': fill('parley: 1\nname: x\nissues: [', (k) => String(k % 100000), ']\n', CAP, ', ') } },
    { name: 'native YAML, block mapping of many keys (16 MiB)', files: { 'keys.yaml': fill('parley: 1\n', (k) => `k${k}: ${k}\n`, '', CAP) } },
    { name: 'native YAML, 100,000 keys and a duplicate (1 MiB)', files: { 'dup.yaml': `parley: 1\n${Array.from({ length: 100_000 }, (_, k) => `k${k}: ${k}`).join('\n')}\nk5: again\n` } },
    { name: 'native YAML, nested flow lists (16 MiB)', files: { 'deep.yaml': `parley: 1\na: ${'['.repeat(CAP / 2 - 16)}${']'.repeat(CAP / 2 - 16)}\n` } },
    {
      name: 'native YAML, 25,000 options, two tables (accepted)',
      files: { 'wide.yaml': `parley: 1\nname: wide\nissues:\n  - name: x\n    options: [${wideOptions.join(', ')}]\n${twoParties('x', `{${wideOptions.map((o, k) => `${o}: ${(k % 1000) / 1000}`).join(', ')}}`)}` },
    },
    { name: 'native JSON, 8·10^6 numbers as issues (16 MiB)', files: { 'nums.json': fill('{"parley": 1, "name": "x", "issues": [', () => '0', ']}', CAP, ',') } },
    { name: 'native JSON, nested arrays (16 MiB)', files: { 'deep.json': `{"parley": 1, "a": ${'['.repeat(CAP / 2 - 16)}${']'.repeat(CAP / 2 - 16)}}` } },
    {
      name: 'native JSON, 350,000 options, two tables (accepted)',
      files: {
        'wide.json': JSON.stringify({
          parley: 1,
          name: 'wide',
          issues: [{ name: 'x', options: jsonOptions }],
          parties: ['a', 'b'].map((id, p) => ({ id, preferences: { weights: { x: 1 }, values: { x: Object.fromEntries(jsonOptions.map((o, k) => [o, ((k * (p + 3)) % 1000) / 1000])) } } })),
        }),
      },
    },
    { name: 'native YAML, integer issue 0..2·10^9 (250 bytes)', files: { 'int.yaml': `parley: 1\nname: t\nissues:\n  - {name: n, type: integer, min: 0, max: 2000000000}\n${twoParties('n', '{type: linear, slope: 1, offset: 0}')}` } },
    { name: 'GENIUS domain, items up to 16 MiB', files: { 'domain.xml': geniusDomain(CAP), 'a.xml': geniusProfile(10) } },
    { name: 'GENIUS XML nested elements (16 MiB)', files: { 'domain.xml': '<a>'.repeat(CAP / 8) + '</a>'.repeat(CAP / 8), 'a.xml': geniusProfile(10) } },
    { name: 'GENIUS XML, one 16 MiB attribute', files: { 'domain.xml': `<negotiation_template name="${'x'.repeat(CAP - 100)}"/>`, 'a.xml': geniusProfile(10) } },
    { name: `GENIUS, ${geniusItems.toLocaleString('en-US')} values, two profiles (accepted)`, files: { 'domain.xml': geniusDomainN(geniusItems), 'a.xml': geniusProfile(geniusItems), 'b.xml': geniusProfile(geniusItems) } },
    {
      name: 'GeniusWeb, 500,000 values, two profiles (accepted)',
      files: (() => {
        const values = Array.from({ length: 500_000 }, (_, k) => `v${k}`);
        const domain = JSON.stringify({ name: 'big', issuesValues: { x: { values } } });
        const profile = (name: string) =>
          JSON.stringify({
            LinearAdditiveUtilitySpace: {
              name,
              domain: JSON.parse(domain),
              issueUtilities: { x: { DiscreteValueSetUtilities: { valueUtilities: Object.fromEntries(values.map((v, k) => [v, (k % 100) / 100])) } } },
              issueWeights: { x: 1 },
              reservationBid: null,
            },
          });
        return { 'big.json': domain, 'big1.json': profile('big1'), 'big2.json': profile('big2') };
      })(),
    },
    {
      name: 'NegMAS, flow list of 16 MiB in the outcome space',
      files: { 'domain.yaml': fill('type: negmas.outcomes.DiscreteCartesianOutcomeSpace\nissues:\n  - {type: negmas.outcomes.CategoricalIssue, name: x, values: [', (k) => `v${k}`, ']}\n', CAP, ', '), 'a.yaml': 'type: negmas.preferences.LinearAdditiveUtilityFunction\nweights: [1]\n' },
    },
    {
      name: 'LLM-Deliberation, a 16 MiB scores file',
      files: { 'config.txt': 'A,a,p1,x,m\nB,b,p2,x,m\nC,c,player,x,m\n', 'scores_files/a.txt': fill('', (k) => `${k % 100},${(k * 7) % 100}\n`, '50\n', CAP), 'scores_files/b.txt': '10,20\n30,40\n50\n', 'scores_files/c.txt': '10,20\n30,40\n50\n' },
    },
  ];
}

interface Result {
  readonly code: number | null;
  readonly ms: number;
  readonly rssMb: number | undefined;
  /** CPU time of the child (user + system): what the work costs, whatever else the machine runs. */
  readonly cpuMs: number | undefined;
  readonly message: string;
}

function run(args: string[], rssFile: string): Result {
  rmSync(rssFile, { force: true });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', RSS_HOOK, ...CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PARLEY_RSS_FILE: rssFile }, timeout: 120_000, maxBuffer: 256 * MiB });
  const ms = performance.now() - t0;
  let rssMb: number | undefined;
  let cpuMs: number | undefined;
  try {
    const u = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKiB: number; cpuMs: number };
    rssMb = u.maxRssKiB / 1024;
    cpuMs = u.cpuMs;
  } catch {
    rssMb = undefined;
  }
  const message = (r.stderr || '').split('\n').find((l) => l.trim() && !l.startsWith('parley: 1 problem') && !/problems? in the input/.test(l))?.trim() ?? '';
  return { code: r.status, ms, rssMb, cpuMs, message };
}

export function benchLimits(filter = ''): void {
  const dir = mkdtempSync(join(tmpdir(), 'parley-limits-'));
  const rssFile = join(dir, 'rss');
  console.log('\n== limits: worst-case inputs up to the 16 MiB cap through `parley inspect` / `parley analyze` (child process; peak RSS)');
  console.log('case | bytes | command | exit | wall s | CPU s | peak RSS MB | first message');
  let worstRss = 0;
  let worstMs = 0;
  let worstCpu = 0;
  try {
    for (const c of cases()) {
      if (filter && !c.name.includes(filter)) continue;
      const folder = join(dir, c.name.replace(/[^A-Za-z0-9]+/g, '-'));
      mkdirSync(folder, { recursive: true });
      let bytes = 0;
      for (const [p, text] of Object.entries(c.files)) {
        mkdirSync(join(folder, p, '..'), { recursive: true });
        writeFileSync(join(folder, p), text);
        bytes += statSync(join(folder, p)).size;
      }
      const target = Object.keys(c.files).length === 1 ? join(folder, Object.keys(c.files)[0]!) : folder;
      const commands: string[][] = [['inspect', target]];
      const first = run(commands[0]!, rssFile);
      const results: [string, Result][] = [['inspect', first]];
      if (first.code === 0) results.push(['analyze', run(['analyze', target], rssFile)]);
      for (const [cmd, r] of results) {
        worstRss = Math.max(worstRss, r.rssMb ?? 0);
        worstMs = Math.max(worstMs, r.ms);
        worstCpu = Math.max(worstCpu, r.cpuMs ?? 0);
        const full = r.message.split(`${folder}/`).join('').split(folder).join('');
        const shown = full.length > 140 ? `${full.slice(0, 140)}…` : full;
        console.log(`${c.name} | ${(bytes / MiB).toFixed(1)} MiB | ${cmd} | ${r.code} | ${(r.ms / 1000).toFixed(1)} | ${r.cpuMs === undefined ? '?' : (r.cpuMs / 1000).toFixed(1)} | ${r.rssMb?.toFixed(0) ?? '?'} | ${r.code === 0 ? '' : shown}`);
      }
      rmSync(folder, { recursive: true, force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`worst peak RSS ${worstRss.toFixed(0)} MB (goal < 1024); slowest ${(worstMs / 1000).toFixed(1)} s wall, ${(worstCpu / 1000).toFixed(1)} s CPU (goal ≤ 10 s; tsx start-up of about 1 s CPU included)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) benchLimits(process.argv[2] ?? '');
