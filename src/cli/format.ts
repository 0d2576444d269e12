/** Small helpers for human-readable CLI output. */

/** A plain text table with aligned columns. */
export function table(header: readonly string[], rows0: readonly (readonly string[])[]): string {
  const rows = rows0.map((r) => r.map((c) => safeName(c ?? '')));
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

/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts
 * escape sequences that set the window title, clear the screen, …), DEL, C1
 * controls (U+009B is a one-character CSI), and the bidirectional overrides
 * and isolates that reorder what is shown.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A control character as something visible: C0 as its control picture (␛ for ESC), others as U+FFFD. */
function visible(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\ufffd';
}

/** Human text made safe for a terminal: every control character but line breaks and tabs shown as a visible sign. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, visible);
}

/** A name from a scenario made safe to print on one line: line breaks and tabs too become visible signs. */
export function safeName(name: string): string {
  return name.replace(CONTROL_IN_NAME, visible);
}

/**
 * JSON for stdout: as JSON.stringify (which escapes C0 controls), with DEL,
 * C1 controls and bidirectional controls escaped as well (\u009b); the value
 * read back is the same.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Writes human output to stdout, terminal-safe. */
export function writeOut(text: string): void {
  process.stdout.write(terminalSafe(text));
}

/** Writes human messages to stderr, terminal-safe. */
export function writeErr(text: string): void {
  process.stderr.write(terminalSafe(text));
}
