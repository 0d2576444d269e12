// The HTML report, built from the engine's report blocks (collectReport → reportBlocks).
import { collectReport } from '../../../src/engine/formats/report/report-data.ts';
import { reportBlocks } from '../../../src/engine/formats/report/report-document.ts';
import type { Block } from '../../../src/engine/formats/report/blocks.ts';
import type { Scenario } from '../../../src/engine/model/scenario.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function block(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `<h${b.level}${b.id ? ` id="${esc(b.id)}"` : ''}>${esc(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p${b.style ? ` class="${b.style}"` : ''}>${esc(b.text)}</p>`;
    case 'table':
      return `<table>${b.caption ? `<caption>${esc(b.caption)}</caption>` : ''}<thead><tr>${b.header.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'quote':
      return `<blockquote>${esc(b.text)}${b.cite ? `<footer>${esc(b.cite)}</footer>` : ''}</blockquote>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'figure':
      return `<figure>${b.svg}<figcaption>${esc(b.caption)}</figcaption></figure>`;
    case 'code':
      return `<pre><code>${esc(b.text)}</code></pre>`;
  }
}

/** A self-contained HTML page of the report. */
export function renderReportHtml(blocks: readonly Block[], title: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left}caption{text-align:left;font-weight:600}blockquote{border-left:4px solid #0072B2;margin:1rem 0;padding:.25rem 1rem;color:#333}.answer{font-weight:600}.note,.disclaimer{color:#444;font-style:italic}figure{margin:1rem 0}pre{background:#f4f4f4;padding:.5rem;overflow:auto}</style>
</head><body>
${blocks.map(block).join('\n')}
</body></html>
`;
}

export function htmlReport(scenario: Scenario, seed: number): { html: string; fileName: string } {
  const data = collectReport(scenario, { seed, command: 'parley serve → Report' });
  const html = renderReportHtml(reportBlocks(data), `parley report: ${scenario.name}`);
  return { html, fileName: `${scenario.name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'scenario'}-report.html` };
}
