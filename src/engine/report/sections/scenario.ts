import { issueValueAt } from '../../model/issue.ts';
import { heading, list, paragraph, quote, table, type Block } from '../blocks.ts';
import { f3, type SectionContext } from './context.ts';

/** The scenario: issues, parties, weights, values, the agreement rule, variants, sources and assumptions. */
export function scenarioSection(ctx: SectionContext): Block[] {
  const { data, mark, entries, labels } = ctx;
  const { scenario, summary } = data;
  const b: Block[] = [];

  b.push(heading(2, 'The scenario', 'scenario'));
  b.push(
    table(
      ['issue', 'options', 'source'],
      scenario.issues.map((i) => [
        i.name,
        i.type === 'categorical' ? i.options.map((o) => o.name).join(' | ') : summary.issues.find((x) => x.name === i.name)?.domain ?? '',
        (i.provenance?.sources ?? []).map((s) => `“${s.quote}”${s.locator ? ` (${s.locator})` : ''}`).join(' '),
      ]),
      `Issues (${summary.outcomes} possible deals)`,
    ),
  );
  b.push(
    table(
      ['party', 'role', 'reservation (utility of no deal)', 'red lines'],
      scenario.parties.map((p) => {
        const s = summary.parties.find((x) => x.id === p.id)!;
        return [p.name === p.id ? p.id : `${p.name} (${p.id})`, p.role, s.reservation === null ? '—' : `${f3(s.reservation)}${mark(`party ${p.id} › reservation`)}`, s.redLines.join('; ') || '—'];
      }),
      'Parties',
    ),
  );
  const linear = scenario.parties.filter((p) => p.preferences?.type === 'linear-additive');
  if (linear.length) {
    b.push(
      table(
        ['issue', ...linear.map((p) => `${p.id} weight`)],
        scenario.issues.map((issue, i) => [
          issue.name,
          ...linear.map((p) => {
            const pr = p.preferences!;
            if (pr.type !== 'linear-additive') return '';
            return `${f3(pr.weights[i] ?? 0)}${mark(`party ${p.id} › weight ${issue.name}`, `party ${p.id} › preferences`)}`;
          }),
        ]),
        'Weights (utility = Σ weight × value; weights as written)',
      ),
    );
    const rows: string[][] = [];
    for (const p of linear) {
      const pr = p.preferences!;
      if (pr.type !== 'linear-additive') continue;
      scenario.issues.forEach((issue, i) => {
        const f = pr.values[i];
        if (!f) return;
        let text: string;
        if (f.type === 'table') text = f.values.map((v, k) => `${String(issueValueAt(issue, k))}: ${f3(v)}`).join(', ');
        else if (f.type === 'linear') text = `linear: slope ${f.slope}, offset ${f.offset}, origin ${f.origin}`;
        else if (f.type === 'triangular') text = `triangular: ${f.low} / ${f.peak} / ${f.high}`;
        else text = `constant ${f.value}`;
        rows.push([p.id, issue.name, `${text}${mark(`party ${p.id} › values ${issue.name}`, `party ${p.id} › preferences`)}`]);
      });
    }
    b.push(table(['party', 'issue', 'values'], rows.length > 400 ? rows.slice(0, 400) : rows, 'Values of each option'));
  }
  for (const p of scenario.parties.filter((x) => x.preferences?.type === 'constraints'))
    b.push(paragraph(`${p.id} has constraint (hyperrectangle) preferences with ${p.preferences?.type === 'constraints' ? p.preferences.constraints.length : 0} constraints; see the scenario file.`));
  b.push(paragraph(`Agreement rule: ${summary.agreement.description}${scenario.agreement.provenance?.assumption ? mark('agreement rule') : ''}.`));
  if (summary.variants.length) b.push(list(summary.variants.map((v) => `variant ${v.id}: ${v.description ?? ''}`)));

  b.push(heading(3, 'Sources and assumptions', 'sources'));
  if (!entries.length) b.push(paragraph('The scenario files state no sources or assumptions: every number above is taken as given in them.', 'note'));
  for (const e of entries) {
    const label = labels.get(e.subject);
    b.push(paragraph(`${e.subject}${label ? ` — assumption ${label}` : ''}`));
    for (const s of e.provenance.sources ?? []) b.push(quote(s.quote, [s.document, s.locator].filter(Boolean).join(', ')));
    if (e.provenance.assumption) b.push(paragraph(`ASSUMPTION ${label}: ${e.provenance.assumption}`, 'note'));
  }

  return b;
}
