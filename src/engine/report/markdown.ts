import type { Block } from './blocks.ts';
import { standaloneSvg } from './svg.ts';
import { maxOf } from '../util/arrays.ts';

/** A Markdown report and the SVG files it links to (to be written beside it). */
export interface MarkdownReport {
  readonly markdown: string;
  /** File name (relative to the Markdown file) → SVG text. */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * Text from the scenario as inert Markdown: HTML is escaped (`<script>` shows
 * as text in every viewer), Markdown punctuation is backslash-escaped (no
 * link, image, emphasis or code span can be made by a name), a line break
 * becomes a space, and a leading `#`, `>`, `-`, `+`, `=` or `1.` cannot start
 * a heading, quote or list.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_[\]{}()!|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)\./, '$1\\.');
}

const cell = escapeMarkdown;
const md = escapeMarkdown;

/**
 * A file name made from scenario text (a figure name holds party ids): only
 * letters, digits, `_` and `-`, at most 80 characters, never empty. It can
 * hold no folder separator and no `..`, so it names a file beside the report.
 */
export function slugFileName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 80);
  return slug || 'figure';
}

/** A fence for a code block: longer than any run of backticks in the text. */
function fence(text: string): string {
  const longest = Math.max(0, maxOf([...text.matchAll(/`+/g)].map((m) => m[0].length)));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** Renders the blocks as Markdown; figures become `prefix-name.svg` files beside it. */
export function renderMarkdown(blocks: readonly Block[], prefix = 'report'): MarkdownReport {
  const out: string[] = [];
  const files: Record<string, string> = {};
  const base = slugFileName(prefix);
  for (const b of blocks) {
    switch (b.type) {
      case 'heading':
        out.push(`${'#'.repeat(b.level)} ${md(b.text)}`, '');
        break;
      case 'paragraph':
        out.push(b.style === 'answer' ? `**Answer.** ${md(b.text)}` : b.style === 'disclaimer' ? `> **${md(b.text)}**` : b.style === 'note' ? `*${md(b.text)}*` : md(b.text), '');
        break;
      case 'table':
        if (b.caption) out.push(`**${md(b.caption)}**`, '');
        out.push(`| ${b.header.map(cell).join(' | ')} |`, `|${b.header.map(() => ' --- ').join('|')}|`);
        for (const r of b.rows) out.push(`| ${r.map(cell).join(' | ')} |`);
        out.push('');
        break;
      case 'quote':
        out.push(`> “${md(b.text)}”${b.cite ? ` — ${md(b.cite)}` : ''}`, '');
        break;
      case 'list':
        for (const i of b.items) out.push(`- ${md(i)}`);
        out.push('');
        break;
      case 'figure': {
        // The file name comes from scenario text (party ids): slugged, and made unique.
        let name = `${base}-${slugFileName(b.name)}.svg`;
        for (let k = 2; name in files; k++) name = `${base}-${slugFileName(b.name)}-${k}.svg`;
        files[name] = standaloneSvg(b.svg);
        out.push(`![${md(b.caption)}](${name})`, '', `*${md(b.caption)}*`, '');
        break;
      }
      case 'code':
        out.push(fence(b.text), b.text, fence(b.text), '');
        break;
    }
  }
  return { markdown: `${out.join('\n').trimEnd()}\n`, files };
}
