import { ScenarioError, type Diagnostic } from '../../model/diagnostics.ts';
import type { Issue } from '../../model/issue.ts';
import { OutcomeSpace } from '../../model/outcome-space.ts';
import type { Party } from '../../model/party.ts';
import type { ConstraintPreferences, LinearAdditivePreferences } from '../../model/preferences.ts';
import type { Scenario } from '../../model/scenario.ts';
import { compileUtility } from '../../model/utility-function.ts';
import type { SourceFile } from '../source-file.ts';
import { GENIUS_REAL_STEPS } from './domain.ts';
import { formatDouble } from './numbers.ts';
import { maxOf } from '../../util/arrays.ts';

/**
 * What a GENIUS export leaves out, in words (empty when nothing): red lines,
 * a non-default agreement rule, roles other than negotiator, parties without
 * preferences, sources and assumptions, variants.
 */
export function geniusExportLosses(scenario: Scenario): string[] {
  const notes: string[] = [];
  const lines = scenario.parties.filter((p) => (p.redLines?.length ?? 0) > 0);
  if (lines.length) notes.push(`red lines are not written (${lines.map((p) => `${p.id}: ${p.redLines!.length}`).join(', ')})`);
  const rule = scenario.agreement;
  if (rule.type !== 'unanimity' || rule.voters) notes.push('the agreement rule is not written (GENIUS assumes every profile must agree)');
  const roles = scenario.parties.filter((p) => p.role !== 'negotiator' && p.preferences);
  if (roles.length) notes.push(`roles are not written: ${roles.map((p) => `${p.id} (${p.role})`).join(', ')} becomes an ordinary profile`);
  const without = scenario.parties.filter((p) => !p.preferences);
  if (without.length) notes.push(`parties without preferences are left out: ${without.map((p) => p.id).join(', ')}`);
  const json = JSON.stringify(scenario, (k, v) => (k === 'origin' ? undefined : v));
  if (/"(sources|assumption)":/.test(json)) notes.push('sources and assumptions are not written');
  if (scenario.variants?.length) notes.push(`variants are not written (${scenario.variants.map((v) => v.id).join(', ')})`);
  return notes;
}

/**
 * Writes a scenario as GENIUS XML: `<name>-domain.xml` plus one profile
 * `<partyId>.xml` per party with preferences. Reading the files back gives
 * the same issues and the same utility for every outcome, reservation and
 * discount. What GENIUS cannot express (a table on an integer or real issue,
 * per-round discounting, hyperrectangles on non-integer issues, negative
 * evaluations) is refused with a ScenarioError rather than approximated.
 * GENIUS has no roles, agreement rules or red lines: those are not written
 * (`geniusExportLosses` lists what a given scenario loses).
 */
export function printGenius(scenario: Scenario): SourceFile[] {
  const problems: Diagnostic[] = [];
  const issues = scenario.issues;
  const space = new OutcomeSpace(issues);
  const used = new Set<string>();
  const fileName = (base: string, suffix: string): string => {
    // Keep the id readable (spaces are fine); replace only what file systems refuse.
    const safe =
      [...base]
        .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
        .join('')
        .replace(/^\.+/, '_') || 'scenario';
    let name = `${safe}${suffix}.xml`;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${safe}${suffix}-${k}.xml`;
    used.add(name.toLowerCase());
    return name;
  };
  const domainPath = fileName(scenario.name, '-domain');
  const out: SourceFile[] = [{ path: domainPath, text: printDomain(scenario.name, issues) }];
  scenario.parties.forEach((party, pi) => {
    if (!party.preferences) return;
    const report = (path: string, message: string) => problems.push({ path: `parties[${pi}].${path}`, message: `party "${party.id}": ${message}` });
    const text = printProfile(scenario.name, issues, space, party, report);
    if (text !== undefined) out.push({ path: fileName(party.id, ''), text });
  });
  if (problems.length > 0) throw new ScenarioError(problems);
  return out;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

const n = formatDouble;

function typeAttrs(issue: Issue): string {
  const t = issue.type === 'categorical' ? 'discrete' : issue.type;
  return `etype="${t}" type="${t}" vtype="${t}"`;
}

/** The start of an issue element (without its closing), as domains and profiles write it. */
function issueOpen(issue: Issue, i: number): string {
  const head = `<issue index="${i + 1}" name="${esc(issue.name)}" ${typeAttrs(issue)}`;
  if (issue.type === 'integer') return `${head} lowerbound="${issue.min}" upperbound="${issue.max}"`;
  if (issue.type === 'real' && issue.steps !== GENIUS_REAL_STEPS) return `${head} steps="${issue.steps}"`;
  return head;
}

function rangeChild(issue: Issue): string {
  return issue.type === 'real' ? `\n      <range lowerbound="${n(issue.min)}" upperbound="${n(issue.max)}"/>` : '';
}

function objectiveOpen(name: string): string {
  return `<objective index="0" etype="objective" type="objective" description="" name="${esc(name)}">`;
}

/** The issue elements, as a domain file (and a nonlinear profile, which repeats them) lists them. */
function issueLines(issues: readonly Issue[]): string[] {
  const lines: string[] = [];
  issues.forEach((issue, i) => {
    if (issue.type === 'categorical') {
      lines.push(`    ${issueOpen(issue, i)}>`);
      issue.options.forEach((o, k) => lines.push(`      <item index="${k + 1}" value="${esc(o.name)}"/>`));
      lines.push('    </issue>');
    } else if (issue.type === 'integer') lines.push(`    ${issueOpen(issue, i)}/>`);
    else lines.push(`    ${issueOpen(issue, i)}>${rangeChild(issue)}\n    </issue>`);
  });
  return lines;
}

function printDomain(name: string, issues: readonly Issue[]): string {
  const lines = ['<negotiation_template>', `<utility_space number_of_issues="${issues.length}">`, objectiveOpen(name), ...issueLines(issues)];
  lines.push('</objective>', '</utility_space>', '</negotiation_template>', '');
  return lines.join('\n');
}

type Report = (path: string, message: string) => void;

function printProfile(name: string, issues: readonly Issue[], space: OutcomeSpace, party: Party, report: Report): string | undefined {
  const prefs = party.preferences!;
  const body = prefs.type === 'linear-additive' ? additiveBody(issues, prefs, report) : nonlinearBody(issues, prefs, report);
  if (body === undefined) return undefined;
  const lines = [prefs.type === 'constraints' ? '<utility_space type="nonlinear">' : '<utility_space>', objectiveOpen(name), ...body, '</objective>'];
  const d = party.discount;
  if (d && d.factor > 0 && d.factor < 1) {
    if (d.per !== 'time') report('discount.per', 'GENIUS discounts by relative time only; a per-round discount cannot be written');
    lines.push(`<discount_factor value="${n(d.factor)}"/>`);
  }
  const r = party.reservation;
  let rv = 0;
  if (r && 'value' in r) rv = r.value;
  else if (r && 'outcome' in r) rv = compileUtility(space, prefs).utility(r.outcome);
  lines.push(`<reservation value="${n(rv)}"/>`, '</utility_space>', '');
  return lines.join('\n');
}

function additiveBody(issues: readonly Issue[], prefs: LinearAdditivePreferences, report: Report): string[] | undefined {
  const lines: string[] = [];
  const weights: number[] = [];
  let ok = true;
  issues.forEach((issue, i) => {
    const f = prefs.values[i];
    let w = prefs.weights[i] ?? 0;
    const path = `preferences.values[${i}]`;
    if (!f) {
      report(path, `no value function for issue "${issue.name}"`);
      ok = false;
      return;
    }
    if (issue.type === 'categorical') {
      const vals = f.type === 'table' ? f.values : f.type === 'constant' ? issue.options.map(() => f.value) : undefined;
      if (!vals) {
        report(path, `issue "${issue.name}" is discrete: GENIUS needs an evaluation per value, not a ${f.type} function`);
        ok = false;
        return;
      }
      if (vals.some((v) => !(v >= 0))) {
        report(path, `GENIUS evaluations must be ≥ 0; issue "${issue.name}" has ${vals.find((v) => !(v >= 0))}`);
        ok = false;
        return;
      }
      // GENIUS divides by the largest evaluation: write evaluations scaled to a maximum of 1 and move the scale into the weight.
      const max = maxOf(vals);
      const scale = max > 0 ? max : 1;
      if (max > 0 && max !== 1) w *= max;
      lines.push(`    ${issueOpen(issue, i)}>`);
      issue.options.forEach((o, k) => lines.push(`      <item index="${k + 1}" value="${esc(o.name)}" evaluation="${n(vals[k]! / scale)}"/>`));
      lines.push('    </issue>');
    } else if (issue.type === 'integer') {
      let slope: number;
      let offset: number;
      if (f.type === 'linear') {
        slope = f.slope;
        offset = f.origin === issue.min ? f.offset : f.offset + f.slope * (issue.min - f.origin);
      } else if (f.type === 'constant' && f.value >= 0 && f.value <= 1) {
        slope = 0;
        offset = f.value;
      } else {
        report(path, `integer issue "${issue.name}": GENIUS evaluates integer issues with a clipped linear function only, not ${f.type === 'constant' ? `the constant ${f.value}` : `a ${f.type} function`}`);
        ok = false;
        return;
      }
      lines.push(`    ${issueOpen(issue, i)}>`, `      <evaluator ftype="linear" slope="${n(slope)}" offset="${n(offset)}"/>`, '    </issue>');
    } else {
      let ev: string;
      if (f.type === 'linear') ev = `ftype="linear" parameter0="${n(f.offset - f.slope * f.origin)}" parameter1="${n(f.slope)}"`;
      else if (f.type === 'constant') ev = `ftype="constant" parameter0="${n(f.value)}"`;
      else if (f.type === 'triangular') ev = `ftype="triangular" parameter0="${n(f.low)}" parameter1="${n(f.high)}" parameter2="${n(f.peak)}"`;
      else {
        report(path, `real issue "${issue.name}": GENIUS cannot evaluate a real issue with a table`);
        ok = false;
        return;
      }
      lines.push(`    ${issueOpen(issue, i)}>${rangeChild(issue)}`, `      <evaluator ${ev}/>`, '    </issue>');
    }
    weights.push(w);
  });
  if (!ok) return undefined;
  weights.forEach((w, i) => lines.push(`    <weight index="${i + 1}" value="${n(w)}"/>`));
  return lines;
}

function nonlinearBody(issues: readonly Issue[], prefs: ConstraintPreferences, report: Report): string[] | undefined {
  const lines = issueLines(issues);
  lines.push(`    <utility maxutility="${n(prefs.normalizer)}">`, `      <ufun type="PlainUfun" weight="1" aggregation="${prefs.aggregation}">`);
  let ok = true;
  prefs.constraints.forEach((c, ci) => {
    // An exclusive rectangle without bounds pays 0 everywhere (and still counts for min/max); GENIUS would read an
    // empty one as paying always, so write the equivalent: a rectangle paying 0 everywhere.
    if (c.mode === 'excludes' && c.bounds.length === 0) {
      lines.push('        <hyperRectangle utility="0"/>');
      return;
    }
    const weight = c.weight === 1 ? '' : ` weight="${n(c.weight)}"`;
    lines.push(`        <hyperRectangle utility="${n(c.utility)}"${weight}>`);
    const tag = c.mode === 'includes' ? 'INCLUDES' : 'EXCLUDES';
    c.bounds.forEach((b, bi) => {
      const issue = issues[b.issue];
      if (!Number.isInteger(b.min) || !Number.isInteger(b.max)) {
        report(`preferences.constraints[${ci}].bounds[${bi}]`, `GENIUS hyperrectangle bounds are whole numbers, got ${b.min}..${b.max}`);
        ok = false;
        return;
      }
      if (!issue || issue.type !== 'integer') {
        report(`preferences.constraints[${ci}].bounds[${bi}]`, `GENIUS hyperrectangles bound integer issues only; ${issue ? `"${issue.name}" is ${issue.type}` : `there is no issue ${b.issue}`}`);
        ok = false;
        return;
      }
      lines.push(`          <${tag} index="${b.issue + 1}" min="${b.min + issue.min}" max="${b.max + issue.min}"/>`);
    });
    lines.push('        </hyperRectangle>');
  });
  lines.push('      </ufun>', '    </utility>');
  return ok ? lines : undefined;
}
