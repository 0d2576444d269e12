import type { Block } from './blocks.ts';
import { escapeXml } from './svg.ts';

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:1em 0;font-size:.86em;display:block;overflow-x:auto}
th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}
th{background:#f3f3f3}caption{text-align:left;font-weight:bold;padding:.3em 0}
blockquote{margin:.4em 0 .4em 1.5em;padding:.2em .8em;border-left:3px solid #999;color:#333;font-style:italic}
blockquote cite{display:block;font-style:normal;font-size:.85em;color:#666}
p.answer{background:#eef5ec;border-left:4px solid #2e8b57;padding:.5em .8em}
p.note{color:#555;font-size:.92em}
p.disclaimer{background:#fff6e0;border:1px solid #e0c070;padding:.6em .8em}
figure{margin:1em 0}figcaption{font-size:.88em;color:#444;max-width:640px}
pre{background:#f6f6f6;padding:.5em .8em;overflow-x:auto}
`;

/** A self-contained HTML page: inline CSS and inline SVG, no scripts, no external reference of any kind. */
export function renderHtml(title: string, blocks: readonly Block[]): string {
  const out: string[] = [];
  out.push('<!DOCTYPE html>');
  out.push('<html lang="en">');
  out.push('<head>');
  out.push('<meta charset="utf-8">');
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<style>${CSS}</style>`);
  out.push('</head>');
  out.push('<body>');
  for (const b of blocks) out.push(renderBlock(b));
  out.push('</body>');
  out.push('</html>');
  return `${out.join('\n')}\n`;
}

function renderBlock(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `<h${b.level}${b.id ? ` id="${escapeXml(b.id)}"` : ''}>${escapeXml(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p${b.style ? ` class="${b.style}"` : ''}>${escapeXml(b.text)}</p>`;
    case 'table': {
      const head = `<tr>${b.header.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr>`;
      const rows = b.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`).join('\n');
      return `<table>${b.caption ? `<caption>${escapeXml(b.caption)}</caption>` : ''}\n<thead>${head}</thead>\n<tbody>\n${rows}\n</tbody></table>`;
    }
    case 'quote':
      return `<blockquote>“${escapeXml(b.text)}”${b.cite ? `<cite>${escapeXml(b.cite)}</cite>` : ''}</blockquote>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeXml(i)}</li>`).join('')}</ul>`;
    case 'figure':
      return `<figure id="fig-${escapeXml(b.name)}">\n${b.svg}\n<figcaption>${escapeXml(b.caption)}</figcaption></figure>`;
    case 'code':
      return `<pre><code>${escapeXml(b.text)}</code></pre>`;
  }
}
