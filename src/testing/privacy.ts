// Test support: a party's private numbers (preferences, reservation), to check that no message
// another seat receives holds one of them (live sessions, tournament lobbies).
import type { Scenario } from '../engine/model/scenario.ts';

/** Numbers distinctive enough that finding one in a message means it leaked (short ones like 0.5 could be anything). */
export const distinctive = (x: number): string | undefined => {
  const s = JSON.stringify(x);
  return s.replace(/^-?0\.?/, '').length >= 5 ? s : undefined;
};

/** A party's private numbers, as JSON writes them: its preference numbers and reservation. */
export function privateNumbers(s: Scenario, id: string): Set<string> {
  const p = s.parties.find((x) => x.id === id)!;
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'number') {
      const d = distinctive(v);
      if (d) out.add(d);
    } else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(p.preferences);
  walk(p.reservation);
  return out;
}

/** Every number written in some messages, as written. */
export function numbersIn(messages: unknown): Set<string> {
  return new Set(JSON.stringify(messages).match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi) ?? []);
}
