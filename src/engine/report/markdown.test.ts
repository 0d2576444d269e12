import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderMarkdown, slugFileName } from './markdown.ts';

describe('Markdown report: scenario text is inert, figure files stay beside the report', () => {
  it('slugs figure names from party ids into plain file names, unique', () => {
    const r = renderMarkdown(
      [
        { type: 'figure', name: 'tornado-/../../../x', svg: '<svg></svg>', caption: 'c' },
        { type: 'figure', name: 'tornado-\\..\\x', svg: '<svg></svg>', caption: 'c' },
        { type: 'figure', name: '../../..', svg: '<svg></svg>', caption: 'c' },
      ],
      'report',
    );
    expect(Object.keys(r.files)).toEqual(['report-tornado-x.svg', 'report-tornado-x-2.svg', 'report-figure.svg']);
    for (const name of Object.keys(r.files)) expect(name).toMatch(/^[A-Za-z0-9_-]+\.svg$/);
    expect(slugFileName('')).toBe('figure');
    expect(slugFileName('a'.repeat(500)).length).toBe(80);
  });

  it('escapes HTML and Markdown in every kind of block', () => {
    const evil = '<script>alert(1)</script> [x](javascript:alert(1)) ![i](http://e/x.png) **b** `c` | d';
    const r = renderMarkdown([
      { type: 'heading', level: 2, text: evil },
      { type: 'paragraph', text: evil, style: 'answer' },
      { type: 'table', header: [evil], rows: [[evil]], caption: evil },
      { type: 'quote', text: evil, cite: evil },
      { type: 'list', items: [evil] },
      { type: 'figure', name: 'f', svg: '<svg></svg>', caption: evil },
    ]);
    expect(r.markdown).not.toMatch(/<script|<\/script/);
    expect(r.markdown).not.toMatch(/[^\\]\]\(javascript:/);
    expect(r.markdown).not.toMatch(/!\[i\]/);
    expect(r.markdown.split('\n').filter((l) => l.startsWith('|')).every((l) => !/[^\\]\| d/.test(l))).toBe(true);
  });

  it('keeps line starts from becoming headings, quotes or lists, and line breaks from splitting blocks', () => {
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
    expect(escapeMarkdown('> quote')).toBe('&gt; quote');
    expect(escapeMarkdown('a\n# b')).toBe('a # b');
  });

  it('a code block is fenced longer than any backtick run in it', () => {
    const r = renderMarkdown([{ type: 'code', text: 'a ```` b' }]);
    expect(r.markdown).toContain('`````\na ```` b\n`````');
  });
});
