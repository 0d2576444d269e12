import type { Bound, Hyperrectangle, Preferences } from '../../model/preferences.ts';
import type { Discount, Reservation } from '../../model/reservation.ts';
import type { ValueFunction } from '../../model/value-function.ts';
import { boundsElement, issueElements, issueKind, issuePath, type GeniusDomain } from './domain.ts';
import { parseJavaDouble, parseJavaInt } from './numbers.ts';
import type { FileReporter } from './report.ts';
import { childrenNamed, firstChild, type XmlDocument, type XmlElement } from './xml.ts';

/** What a GENIUS profile file gives a party. */
export interface GeniusProfile {
  readonly preferences: Preferences;
  readonly reservation: Reservation;
  readonly discount?: Discount;
  /** Per domain issue position: the element its weight (or value function) came from, for locating later problems. */
  readonly weightElements: readonly (XmlElement | undefined)[];
  readonly issueElements: readonly (XmlElement | undefined)[];
}

/**
 * GENIUS normalises a discrete evaluation by the largest evaluation of the
 * issue, but returns 0 for every value when that maximum is below 0.00001
 * (EvaluatorDiscrete.normalize).
 */
const DISCRETE_MAX_EPSILON = 0.00001;

/** Reads a GENIUS profile against its domain. Returns undefined when it has errors (already reported). */
export function readProfile(doc: XmlDocument, domain: GeniusDomain, report: FileReporter): GeniusProfile | undefined {
  const root = doc.root;
  if (root.name !== 'utility_space') {
    report.at(root, root.name, `expected <utility_space> as the root element of a profile, got <${root.name}>`);
    return undefined;
  }
  const before = report.count;
  const reservation = readReservation(root, report);
  const discount = readDiscount(root);
  // Some old files put issues and weights directly in <utility_space>, without an <objective>.
  const objective = firstChild(root, 'objective') ?? root;
  const utility = firstChild(objective, 'utility');
  const nonlinear = root.attrs.type?.trim().toLowerCase() === 'nonlinear' || utility !== undefined;
  const read = nonlinear ? readNonlinear(objective, utility, domain, report) : readAdditive(objective, domain, report);
  if (!read || report.count > before) return undefined;
  return { ...read, reservation, ...(discount ? { discount } : {}) };
}

/** GENIUS treats a missing reservation value as 0. */
function readReservation(root: XmlElement, report: FileReporter): Reservation {
  const el = firstChild(root, 'reservation');
  if (!el) return { value: 0 };
  const v = parseJavaDouble(el.attrs.value, true);
  if (v === undefined) {
    report.at(el, 'reservation.value', `expected a number, got ${JSON.stringify(el.attrs.value ?? null)}`, 'value');
    return { value: 0 };
  }
  return { value: v };
}

/** A discount factor outside (0, 1), unparsable ("s") or missing means no discounting (GENIUS validateDiscount / isDiscounted). */
function readDiscount(root: XmlElement): Discount | undefined {
  const el = firstChild(root, 'discount_factor');
  const d = parseJavaDouble(el?.attrs.value);
  return d !== undefined && d > 0 && d < 1 ? { factor: d, per: 'time' } : undefined;
}

type Body = Pick<GeniusProfile, 'preferences' | 'weightElements' | 'issueElements'>;

function readAdditive(objective: XmlElement, domain: GeniusDomain, report: FileReporter): Body | undefined {
  const n = domain.issues.length;
  const weights = new Array<number | undefined>(n).fill(undefined);
  const weightElements = new Array<XmlElement | undefined>(n).fill(undefined);
  const weightEls: XmlElement[] = [];
  const collect = (obj: XmlElement) => {
    for (const c of obj.children) {
      if (c.name === 'weight') weightEls.push(c);
      else if (c.name === 'objective') collect(c);
    }
  };
  collect(objective);
  // Objectives are numbered too, and may carry a weight; GENIUS's additive utility sums issue weights only.
  const objectiveIndices = new Set<number>();
  const collectObjectives = (obj: XmlElement) => {
    const i = parseJavaInt(obj.attrs.index);
    if (i !== undefined) objectiveIndices.add(i);
    childrenNamed(obj, 'objective').forEach(collectObjectives);
  };
  if (objective.name === 'objective') collectObjectives(objective);
  weightEls.forEach((w, k) => {
    const idxText = w.attrs.index;
    const idx = parseJavaInt(idxText);
    const path = idx === undefined ? `objective.weight[${k}]` : `objective.weight[index=${idx}]`;
    if (idx === undefined) {
      report.at(w, `${path}.index`, `expected an integer issue number, got ${JSON.stringify(idxText ?? null)}`, 'index');
      return;
    }
    const pos = domain.positionOfIndex.get(idx);
    if (pos === undefined && objectiveIndices.has(idx)) return;
    if (pos === undefined) {
      report.at(w, `${path}.index`, `unknown issue index ${idx}: the domain's issues are numbered ${[...domain.positionOfIndex.keys()].join(', ')}`, 'index');
      return;
    }
    if (weightElements[pos]) {
      report.at(w, `${path}.index`, `a second weight for issue ${idx}`, 'index');
      return;
    }
    weightElements[pos] = w;
    const raw = w.attrs.value;
    const v = parseJavaDouble(raw);
    if (v === undefined) report.at(w, `${path}.value`, `expected a weight (a number ≥ 0), got ${JSON.stringify(raw ?? null)}`, 'value');
    else if (v < 0) report.at(w, `${path}.value`, `expected a weight ≥ 0, got ${v}`, 'value');
    else weights[pos] = v;
  });

  const values = new Array<ValueFunction | undefined>(n).fill(undefined);
  const issueEls = new Array<XmlElement | undefined>(n).fill(undefined);
  issueElements(objective).forEach((el, k) => {
    const path = issuePath(el, k);
    const idx = parseJavaInt(el.attrs.index);
    if (idx === undefined) {
      report.at(el, `${path}.index`, `expected an integer issue number, got ${JSON.stringify(el.attrs.index ?? null)}`, 'index');
      return;
    }
    const pos = domain.positionOfIndex.get(idx);
    if (pos === undefined) {
      report.at(el, `${path}.index`, `the profile refers to issue ${idx}${el.attrs.name ? ` ("${el.attrs.name}")` : ''}, which the domain does not define (its issues are numbered ${[...domain.positionOfIndex.keys()].join(', ')})`, 'index');
      return;
    }
    if (issueEls[pos]) {
      report.at(el, `${path}.index`, `issue ${idx} appears twice in the profile`, 'index');
      return;
    }
    issueEls[pos] = el;
    values[pos] = readValueFunction(el, domain, pos, path, report);
  });
  domain.issues.forEach((d, pos) => {
    const path = `objective.issue[index=${d.index}]`;
    if (!issueEls[pos]) report.at(objective, path, `the profile does not evaluate issue ${d.index} ("${d.issue.name}") of the domain`);
    if (!weightElements[pos]) report.at(objective, `objective.weight[index=${d.index}]`, `the profile gives no weight for issue ${d.index} ("${d.issue.name}")`);
  });
  if (weights.some((w) => w === undefined) || values.some((v) => v === undefined)) return undefined;
  return {
    preferences: { type: 'linear-additive', weights: weights as number[], values: values as ValueFunction[] },
    weightElements,
    issueElements: issueEls,
  };
}

function readValueFunction(el: XmlElement, domain: GeniusDomain, pos: number, path: string, report: FileReporter): ValueFunction | undefined {
  const d = domain.issues[pos]!;
  const issue = d.issue;
  const kind = issueKind(el);
  const declared = issue.type === 'categorical' ? 'discrete' : issue.type;
  if (kind !== declared) {
    report.at(el, `${path}.type`, `the domain declares issue ${d.index} ("${issue.name}") ${declared}, the profile ${kind}`);
    return undefined;
  }
  if (issue.type === 'categorical') {
    const evals = new Map<string, number>();
    let max = -Infinity;
    childrenNamed(el, 'item').forEach((item, k) => {
      const value = item.attrs.value;
      const ipath = value !== undefined ? `${path}.item[value=${JSON.stringify(value)}].evaluation` : `${path}.item[${k}].evaluation`;
      const text = item.attrs.evaluation;
      if (text === undefined || text.trim() === 'null') return; // GENIUS skips items without an evaluation
      const v = parseJavaDouble(text);
      if (v === undefined) report.at(item, ipath, `expected an evaluation (a number ≥ 0), got ${JSON.stringify(text)}`, 'evaluation');
      else if (v < 0) report.at(item, ipath, `expected an evaluation ≥ 0, got ${v}`, 'evaluation');
      else if (value !== undefined) {
        evals.set(value, v);
        max = Math.max(max, v);
      }
    });
    const out: number[] = [];
    let ok = true;
    for (const o of issue.options) {
      const v = evals.get(o.name);
      if (v === undefined) {
        report.at(el, `${path}.item[value=${JSON.stringify(o.name)}].evaluation`, `the profile gives no evaluation for value "${o.name}" of issue "${issue.name}"`);
        ok = false;
      } else out.push(max < DISCRETE_MAX_EPSILON ? 0 : v / max);
    }
    return ok ? { type: 'table', values: out } : undefined;
  }
  const ev = firstChild(el, 'evaluator');
  if (issue.type === 'integer') {
    // GENIUS 10.4 (EvaluatorInteger): clip(slope·(x − lowerbound) + offset, 0, 1), lowerbound read from the profile's issue.
    if (!ev) return { type: 'linear', slope: 0, offset: 0, origin: issue.min };
    const b = boundsElement(el);
    const origin = parseJavaInt(b?.attrs.lowerbound) ?? issue.min;
    if (ev.attrs.slope !== undefined || ev.attrs.offset !== undefined) {
      const slope = num(ev, 'slope', `${path}.evaluator`, report);
      const offset = num(ev, 'offset', `${path}.evaluator`, report);
      return slope === undefined || offset === undefined ? undefined : { type: 'linear', slope, offset, origin };
    }
    // Older GENIUS files give parameter0 (constant) and parameter1 (slope) on the raw value: clip(p1·x + p0, 0, 1).
    const ftype = (ev.attrs.ftype ?? 'linear').trim().toLowerCase();
    if (ftype === 'linear') {
      const p0 = num(ev, 'parameter0', `${path}.evaluator`, report);
      const p1 = num(ev, 'parameter1', `${path}.evaluator`, report);
      return p0 === undefined || p1 === undefined ? undefined : { type: 'linear', slope: p1, offset: p0, origin: 0 };
    }
    if (ftype === 'constant') {
      const p0 = num(ev, 'parameter0', `${path}.evaluator`, report);
      return p0 === undefined ? undefined : { type: 'linear', slope: 0, offset: p0, origin: 0 };
    }
    report.at(ev, `${path}.evaluator.ftype`, `an integer issue's evaluator must be linear (slope/offset or parameter0/parameter1), got "${ftype}"`, 'ftype');
    return undefined;
  }
  // Real issue (EvaluatorReal).
  if (!ev) {
    report.at(el, `${path}.evaluator`, `real issue "${issue.name}" needs an <evaluator>`);
    return undefined;
  }
  const ftype = ev.attrs.ftype?.trim().toLowerCase();
  const p = `${path}.evaluator`;
  if (ftype === 'linear') {
    const p0 = num(ev, 'parameter0', p, report);
    const p1 = num(ev, 'parameter1', p, report);
    return p0 === undefined || p1 === undefined ? undefined : { type: 'linear', slope: p1, offset: p0, origin: 0 };
  }
  if (ftype === 'constant') {
    const p0 = num(ev, 'parameter0', p, report);
    return p0 === undefined ? undefined : { type: 'constant', value: p0 };
  }
  if (ftype === 'triangular') {
    // EVALFUNCTYPE.evalTriangular(x, lowerBound = parameter0, upperBound = parameter1, top = parameter2).
    const low = num(ev, 'parameter0', p, report);
    const high = num(ev, 'parameter1', p, report);
    const peak = num(ev, 'parameter2', p, report);
    return low === undefined || high === undefined || peak === undefined ? undefined : { type: 'triangular', low, peak, high };
  }
  report.at(ev, `${p}.ftype`, `expected ftype linear, constant or triangular, got ${JSON.stringify(ev.attrs.ftype ?? null)}`, 'ftype');
  return undefined;
}

function num(el: XmlElement, attr: string, path: string, report: FileReporter): number | undefined {
  const v = parseJavaDouble(el.attrs[attr]);
  if (v === undefined) report.at(el, `${path}.${attr}`, `expected a number, got ${JSON.stringify(el.attrs[attr] ?? null)}`, el.attrs[attr] !== undefined ? attr : undefined);
  return v;
}

/**
 * ANAC 2014 nonlinear profiles (NonlinearUtilitySpace): U = min(1, f(bid) / maxutility)
 * where f is the root <ufun>: its rectangles' payments (utility · weight)
 * aggregated by sum, min or max, plus nested ufuns weighted by their weight.
 * The root ufun's own weight is not applied (GENIUS ignores it).
 */
function readNonlinear(objective: XmlElement, utility: XmlElement | undefined, domain: GeniusDomain, report: FileReporter): Body | undefined {
  if (!utility) {
    report.at(objective, 'objective.utility', 'a nonlinear profile needs <utility maxutility="..."> holding a <ufun>');
    return undefined;
  }
  const normalizer = parseJavaDouble(utility.attrs.maxutility);
  if (normalizer === undefined || normalizer <= 0)
    report.at(utility, 'utility.maxutility', `expected a positive number, got ${JSON.stringify(utility.attrs.maxutility ?? null)}`, utility.attrs.maxutility !== undefined ? 'maxutility' : undefined);
  const ufun = firstChild(utility, 'ufun');
  if (!ufun) {
    report.at(utility, 'utility.ufun', 'expected a <ufun> element');
    return undefined;
  }
  const aggregation = readAggregation(ufun, 'utility.ufun', report);
  const constraints: Hyperrectangle[] = [];
  readUfun(ufun, 'utility.ufun', 1, aggregation, domain, report, constraints);
  if (normalizer === undefined || normalizer <= 0 || aggregation === undefined) return undefined;
  const n = domain.issues.length;
  return {
    preferences: { type: 'constraints', aggregation, constraints, normalizer },
    weightElements: new Array<XmlElement | undefined>(n).fill(undefined),
    issueElements: new Array<XmlElement | undefined>(n).fill(undefined),
  };
}

function readAggregation(ufun: XmlElement, path: string, report: FileReporter): 'sum' | 'min' | 'max' | undefined {
  const a = ufun.attrs.aggregation?.trim().toLowerCase();
  if (a === 'sum' || a === 'min' || a === 'max') return a;
  report.at(ufun, `${path}.aggregation`, `expected aggregation sum, min or max, got ${JSON.stringify(ufun.attrs.aggregation ?? null)}`, ufun.attrs.aggregation !== undefined ? 'aggregation' : undefined);
  return undefined;
}

function readUfun(
  ufun: XmlElement,
  path: string,
  weight: number,
  aggregation: 'sum' | 'min' | 'max' | undefined,
  domain: GeniusDomain,
  report: FileReporter,
  out: Hyperrectangle[],
): void {
  childrenNamed(ufun, 'hyperRectangle').forEach((r, k) => {
    const rect = readRectangle(r, `${path}.hyperRectangle[${k}]`, domain, report);
    if (rect) out.push({ ...rect, weight: rect.weight * weight });
  });
  childrenNamed(ufun, 'ufun').forEach((inner, k) => {
    const p = `${path}.ufun[${k}]`;
    const agg = readAggregation(inner, p, report);
    const w = inner.attrs.weight === undefined ? 1 : parseJavaDouble(inner.attrs.weight);
    if (w === undefined) {
      report.at(inner, `${p}.weight`, `expected a number, got ${JSON.stringify(inner.attrs.weight)}`, 'weight');
      return;
    }
    // A nested sum inside a sum flattens exactly (weights multiply); other nestings do not.
    if (agg !== undefined && (agg !== 'sum' || aggregation !== 'sum')) {
      report.at(inner, p, `a nested <ufun> with aggregation "${agg}" inside "${aggregation}" is not supported (only sum inside sum)`);
      return;
    }
    readUfun(inner, p, weight * w, agg, domain, report, out);
  });
}

function readRectangle(r: XmlElement, path: string, domain: GeniusDomain, report: FileReporter): Hyperrectangle | undefined {
  const utility = parseJavaDouble(r.attrs.utility);
  if (utility === undefined) report.at(r, `${path}.utility`, `expected a number, got ${JSON.stringify(r.attrs.utility ?? null)}`, r.attrs.utility !== undefined ? 'utility' : undefined);
  const weight = r.attrs.weight === undefined ? 1 : parseJavaDouble(r.attrs.weight);
  if (weight === undefined) report.at(r, `${path}.weight`, `expected a number, got ${JSON.stringify(r.attrs.weight)}`, 'weight');
  // GENIUS: any EXCLUDES makes the rectangle exclusive (its INCLUDES are then ignored); none at all pays always.
  const excludes = childrenNamed(r, 'EXCLUDES');
  const mode = excludes.length > 0 ? 'excludes' : 'includes';
  const boundEls = mode === 'excludes' ? excludes : childrenNamed(r, 'INCLUDES');
  const bounds: Bound[] = [];
  let ok = utility !== undefined && weight !== undefined;
  boundEls.forEach((b) => {
    const idx = parseJavaInt(b.attrs.index);
    const bpath = `${path}.${b.name}[index=${b.attrs.index ?? '?'}]`;
    if (idx === undefined) {
      report.at(b, `${bpath}.index`, `expected an integer issue number, got ${JSON.stringify(b.attrs.index ?? null)}`, b.attrs.index !== undefined ? 'index' : undefined);
      ok = false;
      return;
    }
    const pos = domain.positionOfIndex.get(idx);
    const di = pos === undefined ? undefined : domain.issues[pos];
    if (pos === undefined || !di) {
      report.at(b, `${bpath}.index`, `unknown issue index ${idx}: the domain's issues are numbered ${[...domain.positionOfIndex.keys()].join(', ')}`, 'index');
      ok = false;
      return;
    }
    if (di.issue.type !== 'integer') {
      report.at(b, `${bpath}.index`, `hyperrectangle bounds need an integer issue; issue ${idx} ("${di.issue.name}") is ${di.issue.type}`, 'index');
      ok = false;
      return;
    }
    const min = parseJavaInt(b.attrs.min);
    const max = parseJavaInt(b.attrs.max);
    if (min === undefined) report.at(b, `${bpath}.min`, `expected an integer, got ${JSON.stringify(b.attrs.min ?? null)}`, b.attrs.min !== undefined ? 'min' : undefined);
    if (max === undefined) report.at(b, `${bpath}.max`, `expected an integer, got ${JSON.stringify(b.attrs.max ?? null)}`, b.attrs.max !== undefined ? 'max' : undefined);
    if (min === undefined || max === undefined) {
      ok = false;
      return;
    }
    // Bounds are issue values; the model keeps value positions (value − lowerbound).
    bounds.push({ issue: pos, min: min - di.issue.min, max: max - di.issue.min });
  });
  return ok ? { utility: utility!, weight: weight!, mode, bounds } : undefined;
}
