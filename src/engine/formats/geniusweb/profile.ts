import type { LinearAdditivePreferences } from '../../model/preferences.ts';
import type { Reservation } from '../../model/reservation.ts';
import type { ValueFunction } from '../../model/value-function.ts';
import type { FieldPath, FieldReader } from '../yaml-positions.ts';
import { valueIndex, type GeniusWebDomain } from './domain.ts';

/** The profile kinds parley reads, by the wrapper key GeniusWeb writes (simple or dotted class name). */
export function profileKind(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const k = keys[0]!;
  const simple = k.slice(k.lastIndexOf('.') + 1);
  return /(UtilitySpace|Profile)$/.test(simple) ? k : undefined;
}

export interface GeniusWebProfile {
  readonly name?: string;
  readonly preferences: LinearAdditivePreferences;
  readonly reservation?: Reservation;
}

/**
 * A LinearAdditiveUtilitySpace: U(bid) = Σᵢ issueWeights[i] · uᵢ(bid[i]),
 * weights and utilities as written (GeniusWeb does not renormalise).
 *
 * - `discreteutils` / `DiscreteValueSetUtilities`: `valueUtilities` maps each
 *   value to its utility; every value of the issue must have one.
 * - `numberutils` / `NumberValueSetUtilities`: GeniusWeb interpolates
 *   linearly from (lowValue, lowUtility) to (highValue, highUtility) and gives
 *   0 outside [lowValue, highValue]; parley tabulates that on the issue's
 *   values (GeniusWeb rounds each result to 8 decimals; parley keeps the
 *   exact interpolation).
 * - `reservationBid` `{issuevalues: {...}}`: a complete bid becomes the
 *   reservation outcome; a partial bid's utility counts only the issues it
 *   names (GeniusWeb gives a missing value utility 0), so it becomes that
 *   number.
 */
export function readProfile(r: FieldReader, at: FieldPath, domain: GeniusWebDomain): GeniusWebProfile | undefined {
  const name = r.has([...at, 'name']) ? r.text([...at, 'name']) : undefined;
  const iu = r.object([...at, 'issueUtilities'], 'a mapping of issue names to value utilities');
  const iw = r.object([...at, 'issueWeights'], 'a mapping of issue names to weights');
  const issues = domain.issues;
  const weights: number[] = new Array<number>(issues.length).fill(0);
  const values: ValueFunction[] = issues.map(() => ({ type: 'constant', value: 0 }) as ValueFunction);
  const known = new Set(issues.map((i) => i.name));
  for (const [container, label] of [
    [iu, 'issueUtilities'],
    [iw, 'issueWeights'],
  ] as const) {
    if (!container) continue;
    for (const k of Object.keys(container)) if (!known.has(k)) r.error([...at, label, k], `unknown issue "${k}" (not in the domain)`, { key: true });
  }
  issues.forEach((issue, i) => {
    if (iw) {
      const wp = [...at, 'issueWeights', issue.name];
      if (!(issue.name in iw)) r.error([...at, 'issueWeights'], `no weight for issue "${issue.name}"`);
      else {
        const w = r.number(wp, { what: 'a weight' });
        if (w !== undefined && w < 0) r.error(wp, `a weight must not be negative, got ${w}`);
        else if (w !== undefined) weights[i] = w;
      }
    }
    if (!iu) return;
    const up = [...at, 'issueUtilities', issue.name];
    if (!(issue.name in iu)) {
      r.error([...at, 'issueUtilities'], `no utilities for issue "${issue.name}"`);
      return;
    }
    const u = r.object(up, 'value utilities ({discreteutils: …} or {numberutils: …})');
    if (!u) return;
    const keys = Object.keys(u);
    const kind = keys.length === 1 ? keys[0]!.slice(keys[0]!.lastIndexOf('.') + 1) : '';
    const nums = domain.numbers[i];
    if (kind === 'discreteutils' || kind === 'DiscreteValueSetUtilities') {
      if (nums) {
        r.error(up, `issue "${issue.name}" is a number range: it needs numberutils, not discrete utilities`);
        return;
      }
      const vp = [...up, keys[0]!, 'valueUtilities'];
      const vu = r.object(vp, 'a mapping of values to utilities');
      if (!vu || issue.type !== 'categorical') return;
      const names = new Set(issue.options.map((o) => o.name));
      for (const k of Object.keys(vu)) if (!names.has(k)) r.error([...vp, k], `unknown value "${k}" of issue "${issue.name}"`, { key: true });
      const table = issue.options.map((o) => {
        if (!(o.name in vu)) {
          r.error(vp, `no utility for value "${o.name}" of issue "${issue.name}"`);
          return 0;
        }
        return r.number([...vp, o.name], { what: 'a utility' }) ?? 0;
      });
      values[i] = { type: 'table', values: table };
    } else if (kind === 'numberutils' || kind === 'NumberValueSetUtilities') {
      if (!nums) {
        r.error(up, `issue "${issue.name}" has discrete values: it needs discreteutils, not number utilities`);
        return;
      }
      const np = [...up, keys[0]!];
      const lowValue = r.number([...np, 'lowValue']);
      const lowUtility = r.number([...np, 'lowUtility']);
      const highValue = r.number([...np, 'highValue']);
      const highUtility = r.number([...np, 'highUtility']);
      if (lowValue === undefined || lowUtility === undefined || highValue === undefined || highUtility === undefined) return;
      if (!(highValue > lowValue)) {
        r.error([...np, 'highValue'], `highValue must be above lowValue ${lowValue}, got ${highValue}`);
        return;
      }
      const table = nums.map((x) => (x < lowValue || x > highValue ? 0 : lowUtility + ((highUtility - lowUtility) * (x - lowValue)) / (highValue - lowValue)));
      values[i] = { type: 'table', values: table };
    } else {
      r.error(up, `expected discreteutils or numberutils, got ${keys.length ? keys.join(', ') : 'nothing'}`);
    }
  });
  const preferences: LinearAdditivePreferences = { type: 'linear-additive', weights, values };
  let reservation: Reservation | undefined;
  const rbPath = [...at, 'reservationBid'];
  if (r.has(rbPath) && r.get(rbPath) !== null) {
    const ivp = [...rbPath, 'issuevalues'];
    const iv = r.object(ivp, 'a mapping of issue names to values');
    if (iv) {
      const outcome: number[] = new Array<number>(issues.length).fill(-1);
      let complete = true;
      const issueAt = new Map(issues.map((x, i) => [x.name, i]));
      for (const k of Object.keys(iv)) {
        const i = issueAt.get(k) ?? -1;
        if (i < 0) {
          r.error([...ivp, k], `unknown issue "${k}" (not in the domain)`, { key: true });
          continue;
        }
        const idx = valueIndex(domain, i, iv[k]);
        if (idx < 0) r.error([...ivp, k], `"${String(iv[k])}" is not a value of issue "${k}"`);
        outcome[i] = idx;
      }
      if (outcome.some((d) => d < 0)) complete = false;
      if (complete) reservation = { outcome };
      else {
        // A partial bid: its utility is the sum over the issues it names.
        let u = 0;
        outcome.forEach((d, i) => {
          const f = values[i]!;
          if (d >= 0 && f.type === 'table') u += weights[i]! * (f.values[d] ?? 0);
        });
        reservation = { value: u, provenance: { assumption: 'utility of the partial reservation bid (issues it does not name count 0, as in GeniusWeb)' } };
      }
    }
  }
  return { ...(name !== undefined ? { name } : {}), preferences, ...(reservation ? { reservation } : {}) };
}
