import { SERIES } from '../chart-style.ts';
import { collectProvenance, type ProvenanceEntry } from '../../model/summary.ts';
import type { ReportData } from '../report-data.ts';

/** What every report section shares: the data, number formats and the assumption marks. */
export interface SectionContext {
  readonly data: ReportData;
  readonly entries: readonly ProvenanceEntry[];
  /** A → A# label per provenance subject that states an assumption. */
  readonly labels: ReadonlyMap<string, string>;
  /** ` [assumption A#]` for the first subject that has one (empty when the scenario states no provenance). */
  readonly mark: (...subjects: string[]) => string;
  /** Ids of the parties with preferences, in analysis order. */
  readonly ids: readonly string[];
}

export const COLORS = SERIES;
export const f3 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(3));
export const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
export const rec = (o: Readonly<Record<string, unknown>>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');

/** Numbers every provenance entry that states an assumption (A1, A2, …), keyed by subject. */
function assumptionLabels(entries: readonly ProvenanceEntry[]): Map<string, string> {
  const out = new Map<string, string>();
  let k = 0;
  for (const e of entries) if (e.provenance.assumption) out.set(e.subject, `A${++k}`);
  return out;
}

export function sectionContext(data: ReportData): SectionContext {
  const entries = collectProvenance(data.scenario);
  const labels = assumptionLabels(entries);
  const mark = (...subjects: string[]) => {
    // A scenario that states no provenance at all (e.g. imported research files): numbers are as given.
    if (entries.length === 0) return '';
    for (const s of subjects) {
      const l = labels.get(s);
      if (l) return ` [assumption ${l}]`;
    }
    return ' [assumption, no reason stated]';
  };
  return { data, entries, labels, mark, ids: data.analysis.parties.map((p) => p.id) };
}
