/** Small helpers for human-readable CLI output. */

/** A plain text table with aligned columns. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (c ?? '').padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

/** A number with 4 decimals, or a dash. */
export function num(x: number | null | undefined, digits = 4): string {
  return x === null || x === undefined || Number.isNaN(x) ? '—' : x === -Infinity ? '−∞' : x.toFixed(digits);
}

/** Big counts with thousands separators (works for decimal strings too). */
export function count(x: number | bigint | string): string {
  const s = typeof x === 'string' ? x : x.toString();
  if (s.length > 21) return `${s[0]}.${s.slice(1, 4)}e${s.length - 1} (${s})`;
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Wraps text to a width with an indent. */
export function wrap(text: string, indent = '    ', width = 100): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if ((indent + cur + ' ' + w).length > width && cur) {
      lines.push(indent + cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(indent + cur);
  return lines.join('\n');
}
