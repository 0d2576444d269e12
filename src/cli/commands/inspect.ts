import type { Command } from 'commander';
import { summarizeScenario, type ScenarioSummary } from '../../engine/model/summary.ts';
import { loadScenario } from '../load-scenario.ts';
import { count, jsonText, num, table, wrap, writeOut } from '../format.ts';

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('Show a scenario: parties, issues, outcome count, best and worst outcomes, agreement rule, sources and assumptions. The format is detected.')
    .argument('<path...>', 'a scenario file, a scenario folder, or explicit domain/profile files')
    .option('--json', 'print stable JSON (see docs/cli.md)')
    .option('--variant <id>', 'apply one of the scenario\'s named variants first')
    .action((paths: string[], opts: { json?: boolean; variant?: string }) => {
      const summary = summarizeScenario(loadScenario(paths, opts.variant));
      if (opts.json) process.stdout.write(`${jsonText(summary)}\n`);
      else writeOut(renderSummary(summary));
    });
}

const outcomeText = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');

export function renderSummary(s: ScenarioSummary): string {
  const out: string[] = [];
  out.push(`${s.scenario}  (${s.format}${s.files.length ? `: ${s.files.join(', ')}` : ''})`);
  if (s.description) out.push(wrap(s.description, '  '));
  for (const k of s.skipped) out.push(`  skipped ${k.file}: ${k.reason}`);
  out.push('');
  out.push(`Outcomes: ${count(s.outcomes)}${s.enumerable ? '' : ' — too large to enumerate; parley uses exact structure or labelled search'}`);
  out.push('');
  out.push('Issues');
  out.push(table(['name', 'type', 'values', 'domain'], s.issues.map((i) => [i.name, i.type, String(i.size), i.domain.length > 70 ? `${i.domain.slice(0, 67)}...` : i.domain])));
  out.push('');
  out.push('Parties');
  out.push(
    table(
      ['id', 'name', 'role', 'preferences', 'reservation', 'discount', 'best', 'worst'],
      s.parties.map((p) => [
        p.id,
        p.name,
        p.role,
        p.preferences ?? '—',
        num(p.reservation),
        p.discount ? `${p.discount.factor} per ${p.discount.per}` : '—',
        p.best ? num(p.best.utility) + (p.extremesExact ? '' : ' ~') : '—',
        p.worst ? num(p.worst.utility) + (p.extremesExact ? '' : ' ~') : '—',
      ]),
    ),
  );
  if (s.parties.some((p) => !p.extremesExact)) out.push('  ~ found by search: the space is too large to enumerate and the utility is not additive');
  for (const p of s.parties) {
    if (!p.best || !p.worst) continue;
    if (s.issues.length <= 12) {
      out.push(`  ${p.id} best:  ${outcomeText(p.best.outcome)}`);
      out.push(`  ${p.id} worst: ${outcomeText(p.worst.outcome)}`);
    }
    for (const l of p.redLines) out.push(`  ${p.id} red line: ${l}`);
  }
  out.push('');
  out.push(`Agreement rule: ${s.agreement.description}`);
  if (s.variants.length) {
    out.push('');
    out.push('Variants');
    for (const v of s.variants) out.push(`  ${v.id}${v.description ? `: ${v.description}` : ''}`);
  }
  if (s.provenance.length) {
    out.push('');
    out.push('Sources and assumptions');
    for (const e of s.provenance) {
      out.push(`  ${e.subject}`);
      for (const src of e.provenance.sources ?? [])
        out.push(wrap(`source: "${src.quote}"${src.document ? ` (${src.document}${src.locator ? `, ${src.locator}` : ''})` : ''}`, '    '));
      if (e.provenance.assumption) out.push(wrap(`ASSUMPTION: ${e.provenance.assumption}`, '    '));
    }
  }
  return `${out.join('\n')}\n`;
}
