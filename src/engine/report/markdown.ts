import type { Block } from './blocks.ts';
import { standaloneSvg } from './svg.ts';

/** A Markdown report and the SVG files it links to (to be written beside it). */
export interface MarkdownReport {
  readonly markdown: string;
  /** File name (relative to the Markdown file) → SVG text. */
  readonly files: Readonly<Record<string, string>>;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** Renders the blocks as Markdown; figures become `prefix-name.svg` files beside it. */
export function renderMarkdown(blocks: readonly Block[], prefix = 'report'): MarkdownReport {
  const out: string[] = [];
  const files: Record<string, string> = {};
  for (const b of blocks) {
    switch (b.type) {
      case 'heading':
        out.push(`${'#'.repeat(b.level)} ${b.text}`, '');
        break;
      case 'paragraph':
        out.push(b.style === 'answer' ? `**Answer.** ${b.text}` : b.style === 'disclaimer' ? `> **${b.text}**` : b.style === 'note' ? `*${b.text}*` : b.text, '');
        break;
      case 'table':
        if (b.caption) out.push(`**${b.caption}**`, '');
        out.push(`| ${b.header.map(cell).join(' | ')} |`, `|${b.header.map(() => ' --- ').join('|')}|`);
        for (const r of b.rows) out.push(`| ${r.map(cell).join(' | ')} |`);
        out.push('');
        break;
      case 'quote':
        out.push(`> “${b.text}”${b.cite ? ` — ${b.cite}` : ''}`, '');
        break;
      case 'list':
        for (const i of b.items) out.push(`- ${i}`);
        out.push('');
        break;
      case 'figure': {
        const name = `${prefix}-${b.name}.svg`;
        files[name] = standaloneSvg(b.svg);
        out.push(`![${b.caption}](${name})`, '', `*${b.caption}*`, '');
        break;
      }
      case 'code':
        out.push('```', b.text, '```', '');
        break;
    }
  }
  return { markdown: `${out.join('\n').trimEnd()}\n`, files };
}
