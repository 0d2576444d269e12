import { ScenarioError, type Diagnostic } from '../../model/diagnostics.ts';
import type { Party } from '../../model/party.ts';
import type { Scenario, SkippedFile } from '../../model/scenario.ts';
import { validateScenario } from '../../model/validate.ts';
import { fileList, lineColumn, stem, type SourceFile } from '../source-file.ts';
import { classifyGeniusFile } from './classify.ts';
import { readDomain, type GeniusDomain } from './domain.ts';
import { readProfile, type GeniusProfile } from './profile.ts';
import { FileReporter } from './report.ts';
import { parseXml, type XmlDocument } from './xml.ts';
import { pushAll } from '../../util/arrays.ts';

const ENTITY_DECL = /<!(DOCTYPE|ENTITY)\b/i;

/**
 * Reads a GENIUS scenario: one domain file and its profiles. Given a folder's
 * files, every profile is a party (id and name = the profile's file name
 * without extension, role negotiator); files that are neither domain nor
 * profile are skipped and listed in `origin.skipped`. Semantics follow
 * GENIUS 10.4 (see profile.ts). Throws a ScenarioError listing every problem.
 */
export function readGenius(files: readonly SourceFile[]): Scenario {
  const diags: Diagnostic[] = [];
  const skipped: SkippedFile[] = [];
  const domains: SourceFile[] = [];
  const profiles: SourceFile[] = [];
  for (const f of files) {
    if (/\.xml$/i.test(f.path) && ENTITY_DECL.test(f.text)) {
      // Refused whatever the file is: parseXml gives the located message.
      pushAll(diags, parseXml(f).errors);
      continue;
    }
    const c = classifyGeniusFile(f);
    if (c.kind === 'domain') domains.push(f);
    else if (c.kind === 'profile') profiles.push(f);
    else skipped.push({ file: f.path, reason: c.reason });
  }
  if (domains.length === 0) {
    diags.push({
      message: `no GENIUS domain file among ${fileList(files)}: expected a <negotiation_template>, or a <utility_space> with issues but no weights or evaluations`,
    });
  } else if (domains.length > 1) {
    diags.push({
      message: `several GENIUS domain files: ${domains.map((f) => f.path).join(', ')}; pass the domain you mean and its profiles explicitly`,
    });
  }
  const refused = diags.length > 0;
  if (profiles.length === 0 && domains.length > 0 && !refused) {
    diags.push({ file: domains[0]!.path, message: 'no GENIUS profile (a <utility_space> with weights and evaluations, or a nonlinear one) beside the domain: a scenario needs at least one party' });
  }
  if (diags.length > 0 && domains.length !== 1) throw new ScenarioError(diags);

  const domainFile = domains[0]!;
  const domainDoc = parse(domainFile, diags);
  const domain = domainDoc ? readDomain(domainDoc, new FileReporter(domainFile, diags)) : undefined;
  if (!domain) throw new ScenarioError(diags);

  const read: { file: SourceFile; doc: XmlDocument; profile: GeniusProfile }[] = [];
  for (const f of profiles) {
    const doc = parse(f, diags);
    if (!doc) continue;
    const profile = readProfile(doc, domain, new FileReporter(f, diags));
    if (profile) read.push({ file: f, doc, profile });
  }
  if (diags.length > 0) throw new ScenarioError(diags);

  const parties: Party[] = read.map(({ file, profile }) => {
    const id = stem(file.path);
    return {
      id,
      name: id,
      role: 'negotiator',
      preferences: profile.preferences,
      reservation: profile.reservation,
      ...(profile.discount ? { discount: profile.discount } : {}),
    };
  });
  const scenario: Scenario = {
    name: domain.name,
    issues: domain.issues.map((d) => d.issue),
    parties,
    agreement: { type: 'unanimity' },
    origin: { format: 'genius', files: [domainFile.path, ...read.map((r) => r.file.path)], ...(skipped.length ? { skipped } : {}) },
  };
  const problems = validateScenario(scenario);
  if (problems.length > 0) throw new ScenarioError(problems.map((d) => locate(d, domainFile, domain, read)));
  return scenario;
}

function parse(file: SourceFile, diags: Diagnostic[]): XmlDocument | undefined {
  const { doc, errors } = parseXml(file);
  pushAll(diags, errors);
  return doc;
}

/** Maps a model path from validateScenario to the file and element it came from. */
function locate(d: Diagnostic, domainFile: SourceFile, domain: GeniusDomain, read: readonly { file: SourceFile; doc: XmlDocument; profile: GeniusProfile }[]): Diagnostic {
  const path = d.path ?? '';
  const at = (file: SourceFile, offset: number | undefined): Diagnostic => {
    if (offset === undefined) return { ...d, file: file.path };
    const { line, column } = lineColumn(file.text, offset);
    return { ...d, file: file.path, line, column };
  };
  const issue = /^issues\[(\d+)\]/.exec(path);
  if (issue) return at(domainFile, domain.issues[Number(issue[1])]?.element.offset);
  const party = /^parties\[(\d+)\](?:\.preferences\.(weights|values)\[(\d+)\])?/.exec(path);
  if (party) {
    const r = read[Number(party[1])];
    if (!r) return d;
    const k = party[3] === undefined ? undefined : Number(party[3]);
    const el = k === undefined ? undefined : party[2] === 'weights' ? r.profile.weightElements[k] : r.profile.issueElements[k];
    return at(r.file, (el ?? r.doc.root).offset);
  }
  return d;
}
