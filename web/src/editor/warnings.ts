// Warnings (not errors) about a scenario that reads but may not mean what was meant.
import type { ScenarioDoc } from './doc-model.ts';
import { changeProblem, describeChange, flattenPatch, type BaseNames } from './variant-follow.ts';

export type Path = readonly (string | number)[];

export interface Warning {
  /** The field it concerns, as the form addresses it (`parties[0].preferences.weights`…). */
  readonly path: Path;
  readonly message: string;
}

/** How far from 1 a sum of weights may be before it is worth a word. */
export const SUM_TOLERANCE = 1e-3;

const num = (t: string): number | null => {
  if (t.trim() === '') return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : null;
};

/** A party's weights added up (the ones that read as numbers), or null without any. */
export function weightSum(weights: Readonly<Record<string, string>>): number | null {
  const xs = Object.values(weights).map(num).filter((x): x is number => x !== null);
  return xs.length ? xs.reduce((a, b) => a + b, 0) : null;
}

export const outOfUnit = (x: number | null): boolean => x !== null && (x < 0 || x > 1);

/** Weights that do not sum to 1, values and reservations outside [0, 1], and variant changes that no longer apply to the base. */
export function warnings(doc: ScenarioDoc): Warning[] {
  const out: Warning[] = [];
  doc.parties.forEach((p, i) => {
    const who = p.name ?? p.id;
    if (p.preferences === 'linear') {
      const sum = weightSum(p.weights);
      if (sum !== null && Math.abs(sum - 1) > SUM_TOLERANCE) {
        out.push({ path: ['parties', i, 'preferences', 'weights'], message: `${who}'s weights sum to ${+sum.toFixed(4)}, not 1: utilities can reach ${+sum.toFixed(4)}. “Normalise” divides them by their sum.` });
      }
      for (const [issue, f] of Object.entries(p.values)) {
        if (f.kind !== 'table') continue;
        for (const [option, text] of Object.entries(f.entries)) {
          const x = num(text);
          if (outOfUnit(x)) out.push({ path: ['parties', i, 'preferences', 'values', issue, option], message: `${who} values ${issue} = ${option} at ${x}, outside 0…1.` });
        }
      }
    }
    if (p.reservation.kind === 'number' && outOfUnit(num(p.reservation.text))) {
      out.push({ path: ['parties', i, 'reservation'], message: `${who}'s reservation ${p.reservation.text} is outside 0…1: no deal (or every deal) passes it.` });
    }
  });
  const names: BaseNames = {
    parties: new Set(doc.parties.map((p) => p.id)),
    issues: new Map(doc.issues.map((is) => [is.name, is.kind === 'categorical' ? new Set(is.options.map((o) => o.name)) : null])),
  };
  const nameOf = (id: string) => doc.parties.find((p) => p.id === id)?.name ?? id;
  doc.variants.forEach((v, n) => {
    for (const c of flattenPatch(v.patch)) {
      const reason = c.path.length ? changeProblem(names, v.patch, c) : null;
      if (reason) out.push({ path: ['variants', n], message: `Variant ${v.id}: the change of ${describeChange(c.path, nameOf)} no longer applies (${reason}); remove it under Variants.` });
    }
  });
  return out;
}

/** The warnings on a path or under it. */
export const warningsAt = (ws: readonly Warning[], path: Path): Warning[] => ws.filter((w) => path.every((k, i) => w.path[i] === k));
