// A chart drawn by the engine's shared SVG module (src/engine/report/svg.ts): the same picture as
// in the report. Every text in the string is escaped there. Hover a mark for its values (SVG
// <title>); the data table below is the chart's text alternative.
import type { ReactNode } from 'react';

export interface DataTable {
  readonly caption: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

export function SvgChart({ svg, caption, table, testId }: { svg: string; caption?: ReactNode; table?: DataTable; testId?: string }) {
  return (
    <figure className="chart" data-testid={testId}>
      <div className="chart-svg" dangerouslySetInnerHTML={{ __html: svg }} />
      {caption && <figcaption>{caption}</figcaption>}
      {table && <DataTableDetails table={table} />}
    </figure>
  );
}

/** A chart's data as a table, folded under "Data table". */
export function DataTableDetails({ table }: { table: DataTable }) {
  return (
    <details className="data-table">
      <summary>Data table</summary>
      <div className="scroll">
        <table>
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              {table.header.map((h, i) => (
                <th scope="col" key={i}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, k) =>
                  k === 0 ? (
                    <th scope="row" key={k}>
                      {typeof c === 'number' ? c.toFixed(3) : c}
                    </th>
                  ) : (
                    <td key={k}>{typeof c === 'number' ? c.toFixed(3) : c}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
