// Picking a quote from a document's text: the passage chosen (a selection, or a sentence found by
// a search) and where it is, in the locator style the scenarios use ("line 5", "lines 16-17").

/** A passage of a document: its text as quoted and its place. */
export interface Passage {
  readonly quote: string;
  readonly locator: string;
  /** Offsets in the document's text (the quote is text.slice(start, end), trimmed). */
  readonly start: number;
  readonly end: number;
}

/** The line (from 1) an offset falls on. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const stop = Math.max(0, Math.min(offset, text.length));
  for (let i = 0; i < stop; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** "line 5" or "lines 16-17" for the text between two offsets. */
export function locatorOf(text: string, start: number, end: number): string {
  const a = lineAt(text, start);
  const b = lineAt(text, Math.max(start, end - 1));
  return a === b ? `line ${a}` : `lines ${a}-${b}`;
}

/** The passage between two offsets (a selection): white space trimmed off both ends, inner line breaks made spaces; null when empty. */
export function passageOf(text: string, start: number, end: number): Passage | null {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (s === e) return null;
  return { quote: text.slice(s, e).replace(/\s*\n\s*/g, ' '), locator: locatorOf(text, s, e), start: s, end: e };
}

/**
 * The sentences of a text, each within one line (a line break ends a sentence too), with their
 * offsets. A sentence ends at . ! ? or … (with any closing quotes) followed by white space, except
 * after initials such as "U.S.".
 */
export function sentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  const push = (end: number) => {
    if (text.slice(start, end).trim()) out.push({ start, end });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      push(i);
      start = i + 1;
      continue;
    }
    if (!/[.!?…]/.test(c)) continue;
    let j = i + 1;
    while (j < text.length && /[.!?…”’"')\]]/.test(text[j]!)) j++;
    if (j < text.length && !/\s/.test(text[j]!)) continue;
    if (c === '.' && /(?:^|[\s(“"])(?:[A-Z]\.)*[A-Z]$/.test(text.slice(start, i))) continue;
    push(j);
    i = j - 1;
  }
  push(text.length);
  return out;
}

/** The sentences that hold every word of `query` (case-insensitive), in document order, at most `limit`. */
export function findPassages(text: string, query: string, limit = 20): Passage[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const out: Passage[] = [];
  for (const s of sentences(text)) {
    const lower = text.slice(s.start, s.end).toLowerCase();
    if (!words.every((w) => lower.includes(w))) continue;
    const p = passageOf(text, s.start, s.end);
    if (p) out.push(p);
    if (out.length >= limit) break;
  }
  return out;
}
