/** The report as format-neutral blocks: the HTML and Markdown renderers turn the same blocks into text. */
export type Block =
  | { readonly type: 'heading'; readonly level: 1 | 2 | 3; readonly text: string; readonly id?: string }
  | { readonly type: 'paragraph'; readonly text: string; readonly style?: 'answer' | 'note' | 'disclaimer' }
  | { readonly type: 'table'; readonly header: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly caption?: string }
  | { readonly type: 'quote'; readonly text: string; readonly cite?: string }
  | { readonly type: 'list'; readonly items: readonly string[] }
  | { readonly type: 'figure'; readonly name: string; readonly svg: string; readonly caption: string }
  | { readonly type: 'code'; readonly text: string };

export const heading = (level: 1 | 2 | 3, text: string, id?: string): Block => ({ type: 'heading', level, text, ...(id ? { id } : {}) });
export const paragraph = (text: string, style?: 'answer' | 'note' | 'disclaimer'): Block => ({ type: 'paragraph', text, ...(style ? { style } : {}) });
export const table = (header: readonly string[], rows: readonly (readonly string[])[], caption?: string): Block => ({ type: 'table', header, rows, ...(caption ? { caption } : {}) });
export const quote = (text: string, cite?: string): Block => ({ type: 'quote', text, ...(cite ? { cite } : {}) });
export const list = (items: readonly string[]): Block => ({ type: 'list', items });
export const figure = (name: string, svg: string, caption: string): Block => ({ type: 'figure', name, svg, caption });
export const code = (text: string): Block => ({ type: 'code', text });
