// Small pure helpers shared by the screens.
import { ruleVoters } from 'parley';
import type { Scenario } from 'parley';

/** Parties that can be plotted (they have preferences): negotiators first. */
export function plottableParties(s: Scenario): { id: string; name: string }[] {
  const withPrefs = s.parties.filter((p) => p.preferences);
  return [...withPrefs.filter((p) => p.role === 'negotiator'), ...withPrefs.filter((p) => p.role !== 'negotiator')].map((p) => ({ id: p.id, name: p.name }));
}

/** The first two plottable parties, or null. */
export function defaultPair(s: Scenario): [string, string] | null {
  const p = plottableParties(s);
  return p.length >= 2 ? [p[0]!.id, p[1]!.id] : null;
}

/** A utility with 3 decimals, or a dash. */
export function fmt(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);
}

export function utilitiesText(u: Readonly<Record<string, number>>, nameOf: (id: string) => string): string {
  return Object.entries(u)
    .map(([id, v]) => `${nameOf(id)} ${fmt(v)}`)
    .join(', ');
}

/** Participants of a negotiation: the agreement rule's voters, in scenario order. */
export function participantsOf(s: Scenario): string[] {
  const voters = new Set(ruleVoters(s.agreement, s.parties));
  return s.parties.filter((p) => voters.has(p.id)).map((p) => p.id);
}
