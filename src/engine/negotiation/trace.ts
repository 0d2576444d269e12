import type { TraceEvent } from './events.ts';

/** The event log as JSON Lines: one event per line. */
export function traceToJsonLines(events: readonly TraceEvent[]): string {
  let out = '';
  for (const e of events) out += JSON.stringify(e) + '\n';
  return out;
}

const TYPES = new Set(['start', 'offer', 'accept', 'end', 'skip', 'propose', 'vote', 'text', 'fault', 'finish']);

/** Reads a JSON Lines event log. Throws an Error naming the line of the first bad entry. */
export function traceFromJsonLines(text: string): TraceEvent[] {
  const events: TraceEvent[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new Error(`trace line ${i + 1}: not JSON (${e instanceof Error ? e.message : String(e)})`, { cause: e });
    }
    if (!v || typeof v !== 'object' || !TYPES.has((v as { type?: string }).type ?? '')) throw new Error(`trace line ${i + 1}: not a trace event`);
    events.push(v as TraceEvent);
  });
  return events;
}
