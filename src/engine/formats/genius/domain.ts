import { integerRangeSize, issueSizeProblem } from '../../model/limits.ts';
import type { Issue } from '../../model/issue.ts';
import { baseName, stem } from '../source-file.ts';
import { parseJavaDouble, parseJavaInt } from './numbers.ts';
import type { FileReporter } from './report.ts';
import { childrenNamed, firstChild, type XmlDocument, type XmlElement } from './xml.ts';
import { pushAll } from '../../util/arrays.ts';

/**
 * GENIUS discretises a real issue into this many evenly spaced values, both
 * bounds included, when it enumerates bids (IssueReal's
 * numberOfDiscretizationSteps = 21 and BidIterator's step
 * (upper − lower) / (steps − 1), GENIUS 10.4).
 */
export const GENIUS_REAL_STEPS = 21;

/** An issue as the domain file defines it, with its GENIUS issue number (`index`). */
export interface DomainIssue {
  readonly issue: Issue;
  /** The `index` attribute: how profiles and hyperrectangles refer to the issue. */
  readonly index: number;
  readonly element: XmlElement;
}

export interface GeniusDomain {
  readonly name: string;
  readonly issues: readonly DomainIssue[];
  /** Issue number → position in `issues`. */
  readonly positionOfIndex: ReadonlyMap<number, number>;
}

export type IssueKind = 'discrete' | 'integer' | 'real';

/** The issue type GENIUS would use: `type`, else `vtype`, else `etype`, else guessed from the content. */
export function issueKind(el: XmlElement): string {
  const declared = el.attrs.type ?? el.attrs.vtype ?? el.attrs.etype;
  if (declared !== undefined) return declared.trim().toLowerCase();
  if (childrenNamed(el, 'item').length > 0) return 'discrete';
  if (el.attrs.lowerbound !== undefined || firstChild(el, 'range')) return 'integer';
  return 'discrete';
}

/** The issues under an objective, depth first (GENIUS objectives may nest). */
export function issueElements(objective: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of objective.children) {
    if (c.name === 'issue') out.push(c);
    else if (c.name === 'objective') pushAll(out, issueElements(c));
  }
  return out;
}

/** `lowerbound`/`upperbound` from the issue's attributes, else from its `<range>` child. */
export function boundsElement(issue: XmlElement): XmlElement | undefined {
  if (issue.attrs.lowerbound !== undefined || issue.attrs.upperbound !== undefined) return issue;
  return firstChild(issue, 'range');
}

export function issuePath(el: XmlElement, position: number): string {
  const idx = el.attrs.index;
  return idx !== undefined && parseJavaInt(idx) !== undefined ? `objective.issue[index=${idx.trim()}]` : `objective.issue[${position}]`;
}

/** The scenario name: the domain's objective name unless generic, else the file name without a "domain" suffix. */
function domainName(path: string, objective: XmlElement): string {
  const obj = objective.name === 'objective' ? objective.attrs.name : undefined;
  if (obj?.trim() && !/^\s*(root|objective)\s*$/i.test(obj)) return obj;
  const s = stem(path).replace(/[-_ ]?(domain|template)$/i, '');
  if (s) return s;
  const parts = path.split(/[\\/]/);
  return parts.length >= 2 ? parts[parts.length - 2]! : baseName(path);
}

/** Reads a GENIUS domain (`<negotiation_template>` or `<utility_space>`). */
export function readDomain(doc: XmlDocument, report: FileReporter): GeniusDomain | undefined {
  const root = doc.root;
  const space = root.name === 'negotiation_template' ? firstChild(root, 'utility_space') : root.name === 'utility_space' ? root : undefined;
  if (!space) {
    report.at(root, root.name, `expected <utility_space> ${root.name === 'negotiation_template' ? 'inside <negotiation_template>' : 'or <negotiation_template> as the root element'}`);
    return undefined;
  }
  // Some old files put the issues directly in <utility_space>, without an <objective>.
  const objective = firstChild(space, 'objective') ?? space;
  const elements = issueElements(objective);
  if (elements.length === 0) report.at(objective, 'objective', 'the domain defines no issues');
  const issues: DomainIssue[] = [];
  const positionOfIndex = new Map<number, number>();
  const names = new Map<string, string>();
  elements.forEach((el, k) => {
    const path = issuePath(el, k);
    const index = parseJavaInt(el.attrs.index);
    if (index === undefined) report.at(el, `${path}.index`, `expected an integer issue number, got ${JSON.stringify(el.attrs.index ?? null)}`, 'index');
    else if (positionOfIndex.has(index)) report.at(el, `${path}.index`, `duplicate issue number ${index}`, 'index');
    const name = el.attrs.name?.trim() ? el.attrs.name : undefined;
    if (!name) report.at(el, `${path}.name`, 'expected an issue name');
    else if (names.has(name)) report.at(el, `${path}.name`, `duplicate issue name "${name}" (also ${names.get(name)})`, 'name');
    const issue = readIssue(el, name ?? '', path, report);
    if (name) names.set(name, path);
    if (!issue || index === undefined || !name || positionOfIndex.has(index)) return;
    positionOfIndex.set(index, issues.length);
    issues.push({ issue, index, element: el });
  });
  return { name: domainName(doc.file.path, objective), issues, positionOfIndex };
}

function readIssue(el: XmlElement, name: string, path: string, report: FileReporter): Issue | undefined {
  const kind = issueKind(el);
  if (kind === 'discrete') {
    const items = childrenNamed(el, 'item');
    if (items.length === 0) {
      report.at(el, `${path}.item`, `discrete issue "${name}" has no <item> values`);
      return undefined;
    }
    const tooMany = issueSizeProblem(name, items.length);
    if (tooMany) {
      report.at(el, `${path}.item`, tooMany);
      return undefined;
    }
    const seen = new Set<string>();
    const options: { name: string }[] = [];
    let ok = true;
    items.forEach((item, k) => {
      const v = item.attrs.value;
      if (v === undefined) {
        report.at(item, `${path}.item[${k}].value`, 'expected a value attribute naming the option');
        ok = false;
      } else if (seen.has(v)) {
        report.at(item, `${path}.item[${k}].value`, `duplicate value "${v}" in issue "${name}"`, 'value');
        ok = false;
      } else {
        seen.add(v);
        options.push({ name: v });
      }
    });
    return ok ? { type: 'categorical', name, options } : undefined;
  }
  if (kind === 'integer' || kind === 'real') {
    const b = boundsElement(el);
    if (!b) {
      report.at(el, `${path}.lowerbound`, `${kind} issue "${name}" needs lowerbound and upperbound (attributes or a <range> child)`);
      return undefined;
    }
    const where = b === el ? path : `${path}.range`;
    const parse = kind === 'integer' ? parseJavaInt : (s: string | undefined) => parseJavaDouble(s);
    const lo = parse(b.attrs.lowerbound);
    const hi = parse(b.attrs.upperbound);
    const expected = kind === 'integer' ? 'an integer' : 'a number';
    if (lo === undefined) report.at(b, `${where}.lowerbound`, `expected ${expected}, got ${JSON.stringify(b.attrs.lowerbound ?? null)}`, 'lowerbound');
    if (hi === undefined) report.at(b, `${where}.upperbound`, `expected ${expected}, got ${JSON.stringify(b.attrs.upperbound ?? null)}`, 'upperbound');
    if (lo === undefined || hi === undefined) return undefined;
    if (hi < lo) {
      report.at(b, `${where}.upperbound`, `upperbound ${hi} is below lowerbound ${lo}: the issue would have no values`, 'upperbound');
      return undefined;
    }
    if (kind === 'integer') {
      // Computed in BigInt: −2^31..2^31−1 has 2^32 values, which an Int32 would wrap to 0.
      const tooBig = issueSizeProblem(name, integerRangeSize(lo, hi));
      if (tooBig) {
        report.at(b, `${where}.upperbound`, tooBig, 'upperbound');
        return undefined;
      }
      return { type: 'integer', name, min: lo, max: hi };
    }
    const stepsText = el.attrs.steps;
    let steps = GENIUS_REAL_STEPS;
    if (stepsText !== undefined) {
      const s = parseJavaInt(stepsText);
      if (s === undefined || s < 1) report.at(el, `${path}.steps`, `expected a whole number of grid points ≥ 1, got ${JSON.stringify(stepsText)}`, 'steps');
      else if (issueSizeProblem(name, s)) {
        report.at(el, `${path}.steps`, issueSizeProblem(name, s)!, 'steps');
        return undefined;
      } else steps = s;
    }
    return { type: 'real', name, min: lo, max: hi, steps: lo === hi ? 1 : steps };
  }
  report.at(el, `${path}.type`, `unknown issue type "${kind}": expected discrete, integer or real`, el.attrs.type !== undefined ? 'type' : el.attrs.vtype !== undefined ? 'vtype' : 'etype');
  return undefined;
}
