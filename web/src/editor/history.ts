// Undo and redo over the scenario text: every edit is a step; typing in one field within a moment is one step.

export interface History {
  readonly past: readonly string[];
  readonly present: string;
  readonly future: readonly string[];
  /** What made the last step (a field's name), and when: the next edit of the same field soon after joins it. */
  readonly lastKey?: string;
  readonly lastAt?: number;
}

/** Steps kept for undo. */
export const HISTORY_LIMIT = 200;
/** Edits of one field closer than this (ms) are one step. */
export const COALESCE_MS = 1500;

export const startHistory = (present: string): History => ({ past: [], present, future: [] });

/** Records an edit. `key` names the field typed in (keystrokes in it join one step); without a key, every edit is a step. */
export function record(h: History, next: string, key?: string, now = Date.now()): History {
  if (next === h.present) return h;
  const join = key !== undefined && key === h.lastKey && h.lastAt !== undefined && now - h.lastAt < COALESCE_MS && h.future.length === 0 && h.past.length > 0;
  const past = join ? h.past : [...h.past, h.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], ...(key !== undefined ? { lastKey: key, lastAt: now } : {}) };
}

export function undo(h: History): History {
  if (h.past.length === 0) return h;
  return { past: h.past.slice(0, -1), present: h.past[h.past.length - 1]!, future: [h.present, ...h.future] };
}

export function redo(h: History): History {
  if (h.future.length === 0) return h;
  return { past: [...h.past, h.present], present: h.future[0]!, future: h.future.slice(1) };
}
