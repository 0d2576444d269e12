import type { LinearAdditivePreferences } from '../../model/preferences.ts';
import type { Discount, Reservation } from '../../model/reservation.ts';
import type { ValueFunction } from '../../model/value-function.ts';
import type { FieldPath, FieldReader } from '../yaml-positions.ts';
import { simpleType, type NegmasIssue } from './issues.ts';

/** The utility function types parley reads. */
export const UFUN_TYPES = ['LinearAdditiveUtilityFunction', 'ExpDiscountedUFun'];

export interface NegmasProfile {
  readonly name?: string;
  readonly preferences: LinearAdditivePreferences;
  readonly reservation?: Reservation;
  readonly discount?: Discount;
}

/**
 * A NegMAS utility function file.
 *
 * LinearAdditiveUtilityFunction: u(o) = Σᵢ weights[i] · values[i](oᵢ), as
 * written: NegMAS does not normalise a ufun when it loads it, and neither does
 * parley. `values[i]` is a TableFun `{mapping: {value: u}}` (keys are the
 * values' text) or, for integer issues, IdentityFun / LinearFun / AffineFun /
 * ConstFun, which parley tabulates exactly on the issue's integers.
 *
 * reserved_value: a number is the reservation value; `-.inf` (NegMAS's
 * default, "no reservation") or an absent value leaves the reservation
 * undefined, which analysis treats as no reservation.
 *
 * ExpDiscountedUFun `{discount, ufun, factor?}`: NegMAS multiplies the inner
 * utility by discount^factor, where factor names a mechanism-state field and
 * defaults to `step` (the round number), so it becomes
 * `{factor: discount, per: 'round'}`; `factor: relative_time` becomes
 * `per: 'time'`. Its no-agreement utility: with `dynamic_reservation: true`
 * (NegMAS's default) NegMAS evaluates the inner ufun at "no outcome", which
 * gives the inner `reserved_value` (times the discount, which parley's
 * reservation does not model); with `false` it is the wrapper's own
 * `reserved_value`. parley takes the reservation from the same place.
 */
export function readUfun(r: FieldReader, at: FieldPath, issues: readonly NegmasIssue[], depth = 0): NegmasProfile | undefined {
  const type = simpleType(r.get([...at, 'type']));
  const name = r.has([...at, 'name']) ? r.text([...at, 'name']) : undefined;
  const reservation = readReservedValue(r, [...at, 'reserved_value']);
  if (type === 'ExpDiscountedUFun') {
    if (depth > 0) {
      r.error([...at, 'type'], 'nested discounted utility functions are not supported');
      return undefined;
    }
    const inner = r.object([...at, 'ufun'], 'the discounted utility function');
    if (!inner) return undefined;
    const d = r.has([...at, 'discount']) && r.get([...at, 'discount']) !== null ? r.number([...at, 'discount'], { what: 'a discount factor', min: 0 }) : undefined;
    let per: Discount['per'] = 'round';
    if (r.has([...at, 'factor'])) {
      const f = r.get([...at, 'factor']);
      if (f === 'relative_time') per = 'time';
      else if (f !== 'step') r.error([...at, 'factor'], `expected step or relative_time, got ${String(f)}`);
    }
    const base = readUfun(r, [...at, 'ufun'], issues, depth + 1);
    if (!base) return undefined;
    const dynamic = r.get([...at, 'dynamic_reservation']) !== false;
    const res = dynamic ? base.reservation : reservation;
    return {
      ...(name !== undefined ? { name } : {}),
      preferences: base.preferences,
      ...(res ? { reservation: res } : {}),
      ...(d !== undefined ? { discount: { factor: d, per } } : {}),
    };
  }
  if (type !== 'LinearAdditiveUtilityFunction') {
    r.error([...at, 'type'], `utility function type ${String(r.get([...at, 'type']))} is not supported (expected ${UFUN_TYPES.join(' or ')})`);
    return undefined;
  }
  if (r.has([...at, 'bias'])) {
    const b = r.number([...at, 'bias']);
    if (b !== undefined && b !== 0) r.error([...at, 'bias'], `a non-zero bias is not supported, got ${b}`);
  }
  const weights: number[] = [];
  const wl = r.array([...at, 'weights'], 'a list of weights, one per issue');
  if (wl) {
    if (wl.length !== issues.length) r.error([...at, 'weights'], `expected ${issues.length} weights (one per issue), got ${wl.length}`);
    wl.forEach((_, i) => {
      const w = r.number([...at, 'weights', i], { what: 'a weight' });
      if (w !== undefined && w < 0) r.error([...at, 'weights', i], `a weight must not be negative, got ${w}`);
      weights.push(w ?? 0);
    });
  }
  const values: ValueFunction[] = [];
  const vl = r.get([...at, 'values']);
  const byName = vl !== null && typeof vl === 'object' && !Array.isArray(vl);
  if (!byName) {
    const arr = r.array([...at, 'values'], 'a list of value functions, one per issue');
    if (arr && arr.length !== issues.length) r.error([...at, 'values'], `expected ${issues.length} value functions (one per issue), got ${arr.length}`);
  }
  issues.forEach((iss, i) => {
    const p = [...at, 'values', byName ? iss.issue.name : i];
    values.push(r.has(p) ? readValueFunction(r, p, iss) : { type: 'constant', value: 0 });
    if (byName && !r.has(p)) r.error([...at, 'values'], `no value function for issue "${iss.issue.name}"`);
  });
  return { ...(name !== undefined ? { name } : {}), preferences: { type: 'linear-additive', weights, values }, ...(reservation ? { reservation } : {}) };
}

function readReservedValue(r: FieldReader, p: FieldPath): Reservation | undefined {
  const v = r.get(p);
  if (v === undefined || v === null) return undefined;
  const x = r.number(p, { what: 'a reservation value', infinite: true });
  if (x === undefined || x === -Infinity) return undefined;
  if (x === Infinity) {
    r.error(p, 'a reservation value of +∞ accepts nothing; expected a number or -.inf');
    return undefined;
  }
  return { value: x };
}

function readValueFunction(r: FieldReader, p: FieldPath, iss: NegmasIssue): ValueFunction {
  const issue = iss.issue;
  const fail = (): ValueFunction => ({ type: 'constant', value: 0 });
  if (!r.object(p, 'a value function ({type: TableFun, mapping})')) return fail();
  const type = simpleType(r.get([...p, 'type'])) ?? (r.has([...p, 'mapping']) ? 'TableFun' : undefined);
  if (type === 'TableFun' || type === 'MappingFun') {
    const mp = [...p, 'mapping'];
    const m = r.object(mp, 'a mapping of values to utilities');
    if (!m) return fail();
    const numeric = issue.type === 'integer';
    const lookup = new Map<string, string>();
    for (const k of Object.keys(m)) lookup.set(numeric && k.trim() !== '' && Number.isFinite(Number(k)) ? String(Number(k)) : k, k);
    const known = new Set(iss.keys);
    for (const [norm, k] of lookup) if (!known.has(norm)) r.error([...mp, k], `unknown value "${k}" of issue "${issue.name}"`, { key: true });
    const table = iss.keys.map((key) => {
      const k = lookup.get(key);
      if (k === undefined) {
        r.error(mp, `no utility for value "${key}" of issue "${issue.name}"`);
        return 0;
      }
      return r.number([...mp, k], { what: 'a utility' }) ?? 0;
    });
    return { type: 'table', values: table };
  }
  if (type === 'ConstFun') {
    const b = r.number([...p, 'bias'], { what: 'a constant utility' });
    return { type: 'constant', value: b ?? 0 };
  }
  if (type === 'IdentityFun' || type === 'LinearFun' || type === 'AffineFun') {
    if (issue.type !== 'integer') {
      r.error([...p, 'type'], `${type} needs a numeric issue; "${issue.name}" is categorical`);
      return fail();
    }
    const slope = type === 'IdentityFun' ? 1 : r.number([...p, 'slope'], { what: 'a slope' });
    const bias = r.has([...p, 'bias']) ? r.number([...p, 'bias'], { what: 'a bias' }) : 0;
    if (slope === undefined || bias === undefined) return fail();
    return { type: 'table', values: Array.from({ length: issue.max - issue.min + 1 }, (_, k) => slope * (issue.min + k) + bias) };
  }
  r.error([...p, 'type'], `value function type ${String(r.get([...p, 'type']))} is not supported (expected TableFun, ConstFun, IdentityFun, LinearFun or AffineFun)`);
  return fail();
}
