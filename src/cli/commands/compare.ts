import type { Command } from 'commander';
import { compareVariants } from '../../engine/what-if/compare.ts';
import { loadScenario } from '../load-scenario.ts';
import { count, jsonText, num, table, writeOut } from '../format.ts';

/** `parley compare PATH --variants a,b`: analyses side by side (`base` = the scenario as written). */
export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description("Analyse the scenario and some of its variants side by side: rational and passing deals, the Nash deal and each party's utility there, and how it changes against the base. `base` names the unmodified scenario. See docs/what-if.md.")
    .argument('<path...>', 'a scenario file, a scenario folder, or explicit domain/profile files')
    .option('--variants <ids>', 'comma-separated variant ids; `base` is the scenario as written (default: base and every variant)')
    .option('--json', 'print stable JSON (see docs/what-if.md)')
    .action((paths: string[], opts: { variants?: string; json?: boolean }) => {
      const scenario = loadScenario(paths);
      const ids = opts.variants
        ? opts.variants.split(',').map((s) => s.trim()).filter(Boolean)
        : ['base', ...(scenario.variants ?? []).map((v) => v.id)];
      const c = compareVariants(scenario, ids);
      if (opts.json) {
        process.stdout.write(`${jsonText(c)}\n`);
        return;
      }
      const out: string[] = [`${c.scenario}: ${c.rows.length} scenario${c.rows.length === 1 ? '' : 's'} side by side`, ''];
      out.push(
        table(
          ['scenario', 'deals', 'rational', 'passing', ...c.parties.map((p) => `${p} @Nash`), ...c.parties.map((p) => `Δ${p}`)],
          c.rows.map((r) => [
            r.id,
            count(r.outcomes),
            r.rational === null ? (r.rationalExists ? 'some' : '?') : count(r.rational),
            r.passing === null ? (r.passingExists ? 'some' : '?') : count(r.passing),
            ...c.parties.map((p) => num(r.nash?.utilities[p] ?? null, 3)),
            ...c.parties.map((p) => (r.id === 'base' ? '—' : num(r.nashChange[p] ?? null, 3))),
          ]),
        ),
      );
      out.push('');
      for (const r of c.rows) {
        out.push(`${r.id}${r.description ? ` — ${r.description}` : ''}`);
        out.push(`  rule: ${r.rule}`);
        out.push(`  Nash deal: ${r.nash ? Object.entries(r.nash.outcome).map(([k, v]) => `${k}=${String(v)}`).join(', ') : 'none (no rational deal)'}`);
      }
      writeOut(`${out.join('\n')}\n`);
    });
}
