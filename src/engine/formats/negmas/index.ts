import { ScenarioError, type Diagnostic } from '../../model/diagnostics.ts';
import type { Party } from '../../model/party.ts';
import type { Scenario, SkippedFile } from '../../model/scenario.ts';
import { validatedImport, type ScenarioImporter } from '../importer.ts';
import { baseName, fileList, stem, type SourceFile } from '../source-file.ts';
import { FieldReader, readerOrProblems } from '../yaml-positions.ts';
import { readIssues, simpleType, type NegmasIssue } from './issues.ts';
import { readUfun } from './ufun.ts';
import { pushAll } from '../../util/arrays.ts';

const YAML_FILE = /\.ya?ml$/i;
const DOMAIN_TYPES = ['DiscreteCartesianOutcomeSpace', 'CartesianOutcomeSpace'];
const PROFILE_TYPES = ['LinearAdditiveUtilityFunction', 'ExpDiscountedUFun'];
/** A top-level `type:` naming a NegMAS outcome space or utility function (cheap content check for detect). */
const MARK = /^type:\s*["']?(?:[\w.]*\.)?(DiscreteCartesianOutcomeSpace|CartesianOutcomeSpace|LinearAdditiveUtilityFunction|ExpDiscountedUFun|[A-Za-z]*UtilityFunction|[A-Za-z]*UFun)["']?\s*$/m;

/**
 * NegMAS YAML scenario folders: one outcome-space file
 * (`type: DiscreteCartesianOutcomeSpace`) and utility function files, each a
 * party whose id is its file name without the extension.
 */
export const negmasImporter: ScenarioImporter = {
  format: 'negmas',
  detect(files) {
    const marks = files.filter((f) => YAML_FILE.test(f.path)).map((f) => MARK.exec(f.text.slice(0, 1 << 16))?.[1]);
    const domain = marks.some((m) => m !== undefined && DOMAIN_TYPES.includes(m));
    const profile = marks.some((m) => m !== undefined && !DOMAIN_TYPES.includes(m));
    return domain && profile ? 0.95 : domain || profile ? 0.6 : 0;
  },
  read: readNegmas,
};

export function readNegmas(files: readonly SourceFile[]): Scenario {
  const problems: Diagnostic[] = [];
  const skipped: SkippedFile[] = [];
  const domains: { r: FieldReader; f: SourceFile }[] = [];
  const profiles: { r: FieldReader; f: SourceFile }[] = [];
  for (const f of files) {
    if (!YAML_FILE.test(f.path)) {
      skipped.push({ file: f.path, reason: 'not a YAML file' });
      continue;
    }
    const r = readerOrProblems(f, problems);
    if (!r) continue;
    const v = r.doc.value;
    const type = v && typeof v === 'object' && !Array.isArray(v) ? simpleType((v as Record<string, unknown>).type) : undefined;
    if (type && DOMAIN_TYPES.includes(type)) domains.push({ r, f });
    else if (type && (PROFILE_TYPES.includes(type) || /(UtilityFunction|UFun)$/.test(type))) profiles.push({ r, f });
    else skipped.push({ file: f.path, reason: type ? `YAML of type ${type}, neither a NegMAS outcome space nor a utility function` : 'YAML without a NegMAS type' });
  }
  if (domains.length === 0 && problems.length === 0) problems.push({ message: `no NegMAS outcome space file (type: DiscreteCartesianOutcomeSpace) among ${fileList(files)}` });
  if (domains.length > 1) problems.push({ file: domains[1]!.f.path, message: `several outcome space files given (${domains.map((d) => baseName(d.f.path)).join(', ')}); give one` });
  if (profiles.length === 0 && problems.length === 0) problems.push({ message: `no NegMAS utility function file among ${fileList(files)}` });
  const dom = domains[0];
  let issues: NegmasIssue[] = [];
  const used: string[] = [];
  if (dom) {
    issues = readIssues(dom.r, []);
    pushAll(problems, dom.r.problems);
    used.push(dom.f.path);
  }
  const parties: Party[] = [];
  const partyFiles: string[] = [];
  if (problems.length === 0) {
    for (const { r, f } of profiles) {
      const prof = readUfun(r, [], issues);
      pushAll(problems, r.problems);
      used.push(f.path);
      if (!prof) continue;
      const id = stem(f.path);
      partyFiles.push(f.path);
      parties.push({
        id,
        name: prof.name ?? id,
        role: 'negotiator',
        preferences: prof.preferences,
        ...(prof.reservation ? { reservation: prof.reservation } : {}),
        ...(prof.discount ? { discount: prof.discount } : {}),
      });
    }
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  const domainValue = dom!.r.doc.value as Record<string, unknown>;
  const scenario: Scenario = {
    name: typeof domainValue.name === 'string' ? domainValue.name : stem(dom!.f.path),
    issues: issues.map((i) => i.issue),
    parties,
    agreement: { type: 'unanimity' },
    origin: { format: 'negmas', files: used, ...(skipped.length ? { skipped } : {}) },
  };
  return validatedImport(scenario, used.map(baseName), partyFiles);
}
