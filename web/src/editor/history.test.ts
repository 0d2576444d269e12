import { describe, expect, it } from 'vitest';
import { COALESCE_MS, HISTORY_LIMIT, record, redo, startHistory, undo } from './history.ts';

describe('edit history', () => {
  it('undoes and redoes each edit, and a new edit drops what could be redone', () => {
    let h = startHistory('a');
    h = record(h, 'b');
    h = record(h, 'c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe('b');
    h = record(h, 'x');
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(undo(h).present).toBe('b');
  });

  it('joins keystrokes in one field into one step, but not in another field or after a pause', () => {
    let h = startHistory('0');
    h = record(h, '0.', 'w', 1000);
    h = record(h, '0.4', 'w', 1100);
    expect(h.past).toEqual(['0']);
    h = record(h, '0.4 y', 'v', 1200);
    expect(h.past).toEqual(['0', '0.4']);
    h = record(h, '0.4 yz', 'v', 1200 + COALESCE_MS + 1);
    expect(h.past).toEqual(['0', '0.4', '0.4 y']);
    expect(record(h, h.present, 'v')).toBe(h);
  });

  it('keeps at most the limit of steps', () => {
    let h = startHistory('s');
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) h = record(h, `s${i}`);
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0]).toBe('s9');
  });
});
