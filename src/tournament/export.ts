// Exports a tournament's results as CSV or Parquet, one line per negotiator seat, streamed from the store (Node only).
import { closeSync, openSync, writeSync } from 'node:fs';
import { fileWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';
import { OutcomeSpace } from '../engine/model/outcome-space.ts';
import type { NegotiationRow } from '../engine/negotiation/tournament/job.ts';
import type { TournamentSpec } from '../engine/negotiation/tournament/spec.ts';

/** One exported line: a negotiator seat of a negotiation. */
export interface ExportLine {
  readonly negotiation: number;
  readonly scenario: string;
  readonly repetition: number;
  readonly seed: number;
  readonly seat: number;
  readonly party: string;
  readonly agent: string;
  /** The other seats' agents, in seat order, joined by `+`. */
  readonly opponents: string;
  readonly utility: number;
  readonly reservation: number;
  readonly advantage: number;
  readonly agreement: boolean;
  /** The agreement as JSON (issue → value), empty without one. */
  readonly outcome: string;
  readonly rounds: number;
  readonly endReason: string;
  /** This seat's fault kind, empty when none. */
  readonly fault: string;
  /** Sum of all seats' utilities. */
  readonly welfare: number;
  readonly pareto: number | null;
  readonly nash: number | null;
}

/** The export's columns, in order (CSV header and Parquet schema). */
export const EXPORT_COLUMNS = [
  'negotiation',
  'scenario',
  'repetition',
  'seed',
  'seat',
  'party',
  'agent',
  'opponents',
  'utility',
  'reservation',
  'advantage',
  'agreement',
  'outcome',
  'rounds',
  'endReason',
  'fault',
  'welfare',
  'pareto',
  'nash',
] as const satisfies readonly (keyof ExportLine)[];

/** The lines of rows (given in id order), one per seat. */
export function* exportLines(spec: TournamentSpec, rows: Iterable<NegotiationRow>): Iterable<ExportLine> {
  const spaces = spec.scenarios.map((s) => new OutcomeSpace(s.scenario.issues));
  const labels = spec.agents.map((a) => a.label);
  for (const r of rows) {
    const sc = spec.scenarios[r.scenario]!;
    const welfare = r.utilities.reduce((s, u) => s + u, 0);
    const outcome = r.agreement ? JSON.stringify(spaces[r.scenario]!.toRecord(r.agreement)) : '';
    for (let seat = 0; seat < r.agents.length; seat++) {
      const u = r.utilities[seat]!;
      yield {
        negotiation: r.id,
        scenario: sc.id,
        repetition: r.repetition,
        seed: r.seed,
        seat,
        party: sc.seats[seat]!,
        agent: labels[r.agents[seat]!]!,
        opponents: r.agents
          .filter((_, j) => j !== seat)
          .map((a) => labels[a]!)
          .join('+'),
        utility: u,
        reservation: sc.reservations[seat]!,
        advantage: u - sc.reservations[seat]!,
        agreement: r.agreement !== null,
        outcome,
        rounds: r.rounds,
        endReason: r.endReason,
        fault: r.faults.find((f) => f.seat === seat)?.kind ?? '',
        welfare,
        pareto: r.pareto,
        nash: r.nash,
      };
    }
  }
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes the lines as CSV (RFC 4180, header first), streamed in chunks. Returns the number of lines. */
export function writeCsv(path: string, lines: Iterable<ExportLine>): number {
  const fd = openSync(path, 'w');
  let n = 0;
  try {
    let chunk = EXPORT_COLUMNS.join(',') + '\n';
    for (const line of lines) {
      chunk += EXPORT_COLUMNS.map((c) => csvField(line[c])).join(',') + '\n';
      n++;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return n;
}

const PARQUET_TYPES: Record<(typeof EXPORT_COLUMNS)[number], 'INT32' | 'DOUBLE' | 'STRING' | 'BOOLEAN'> = {
  negotiation: 'INT32',
  scenario: 'STRING',
  repetition: 'INT32',
  seed: 'INT32',
  seat: 'INT32',
  party: 'STRING',
  agent: 'STRING',
  opponents: 'STRING',
  utility: 'DOUBLE',
  reservation: 'DOUBLE',
  advantage: 'DOUBLE',
  agreement: 'BOOLEAN',
  outcome: 'STRING',
  rounds: 'INT32',
  endReason: 'STRING',
  fault: 'STRING',
  welfare: 'DOUBLE',
  pareto: 'DOUBLE',
  nash: 'DOUBLE',
};

/** Writes the lines as Parquet (snappy), in row groups of `rowGroup` lines, never all in memory. Returns the number of lines. */
export function writeParquet(path: string, lines: Iterable<ExportLine>, rowGroup = 100_000): number {
  const columns = () => Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, [] as unknown[]])) as Record<(typeof EXPORT_COLUMNS)[number], unknown[]>;
  const columnData = (cols: ReturnType<typeof columns>) => EXPORT_COLUMNS.map((c) => ({ name: c, data: cols[c], type: PARQUET_TYPES[c], nullable: c === 'pareto' || c === 'nash' }));
  const schema = schemaFromColumnData({ columnData: columnData(columns()) });
  const writer = new ParquetWriter({ writer: fileWriter(path), schema, createdBy: 'parley' });
  let cols = columns();
  let inGroup = 0;
  let n = 0;
  const flush = () => {
    if (inGroup === 0) return;
    void writer.write({ columnData: columnData(cols), rowGroupSize: inGroup });
    cols = columns();
    inGroup = 0;
  };
  for (const line of lines) {
    for (const c of EXPORT_COLUMNS) cols[c].push(line[c]);
    inGroup++;
    n++;
    if (inGroup >= rowGroup) flush();
  }
  flush();
  writer.finish();
  return n;
}

/** Exports rows to a file; the format follows the extension (`.csv` or `.parquet`). */
export function exportResults(path: string, spec: TournamentSpec, rows: Iterable<NegotiationRow>): number {
  const lines = exportLines(spec, rows);
  if (/\.parquet$/i.test(path)) return writeParquet(path, lines);
  if (/\.csv$/i.test(path)) return writeCsv(path, lines);
  throw new Error(`cannot tell the export format of "${path}": name it .csv or .parquet`);
}
