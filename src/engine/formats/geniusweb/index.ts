import { ScenarioError, type Diagnostic } from '../../model/diagnostics.ts';
import type { Party } from '../../model/party.ts';
import type { Scenario, SkippedFile } from '../../model/scenario.ts';
import { validatedImport, type ScenarioImporter } from '../importer.ts';
import { baseName, fileList, stem, type SourceFile } from '../source-file.ts';
import { FieldReader, readerOrProblems } from '../yaml-positions.ts';
import { readDomain, sameDomain, type GeniusWebDomain } from './domain.ts';
import { profileKind, readProfile } from './profile.ts';
import { pushAll } from '../../util/arrays.ts';

const JSON_FILE = /\.json$/i;
const DOMAIN_MARK = /^\s*\{[\s\S]{0,400}?"issuesValues"\s*:/;
const PROFILE_MARK = /^\s*\{\s*"(?:[\w.]*\.)?LinearAdditiveUtilitySpace"\s*:/;

/** Looks like a GeniusWeb domain or LinearAdditiveUtilitySpace profile (content, not only the name). */
function looksGeniusWeb(f: SourceFile): boolean {
  const head = f.text.slice(0, 4096);
  return PROFILE_MARK.test(head) || DOMAIN_MARK.test(head);
}

/**
 * GeniusWeb JSON: a domain file `{name, issuesValues}` and profiles
 * `{"LinearAdditiveUtilitySpace": {...}}`, each profile a party whose id is
 * the profile's file name without `.json`. Without a domain file, the
 * profiles' embedded `domain` is used; every embedded domain must match.
 */
export const geniusWebImporter: ScenarioImporter = {
  format: 'geniusweb',
  detect(files) {
    const hits = files.filter(looksGeniusWeb);
    if (hits.length === 0) return 0;
    return hits.some((f) => PROFILE_MARK.test(f.text.slice(0, 4096))) ? 0.9 : 0.6;
  },
  read: readGeniusWeb,
};

export function readGeniusWeb(files: readonly SourceFile[]): Scenario {
  const problems: Diagnostic[] = [];
  const skipped: SkippedFile[] = [];
  const used: string[] = [];
  const domainFiles: { reader: FieldReader; file: SourceFile }[] = [];
  const profileFiles: { reader: FieldReader; file: SourceFile; key: string }[] = [];
  for (const f of files) {
    const isJson = JSON_FILE.test(f.path) || /^\s*\{/.test(f.text.slice(0, 64));
    if (!isJson) {
      skipped.push({ file: f.path, reason: 'not a JSON file' });
      continue;
    }
    const reader = readerOrProblems(f, problems);
    if (!reader) continue;
    const v = reader.doc.value;
    const key = profileKind(v);
    if (key) {
      const simple = key.slice(key.lastIndexOf('.') + 1);
      if (simple !== 'LinearAdditiveUtilitySpace') {
        problems.push(reader.doc.at([key], `profile type ${simple} is not supported (parley reads LinearAdditiveUtilitySpace)`, { key: true }));
        continue;
      }
      profileFiles.push({ reader, file: f, key });
    } else if (v && typeof v === 'object' && !Array.isArray(v) && 'issuesValues' in v) {
      domainFiles.push({ reader, file: f });
    } else {
      skipped.push({ file: f.path, reason: 'JSON that is neither a GeniusWeb domain (issuesValues) nor a LinearAdditiveUtilitySpace profile' });
    }
  }
  if (domainFiles.length > 1)
    problems.push({ file: domainFiles[1]!.file.path, message: `several domain files given (${domainFiles.map((d) => baseName(d.file.path)).join(', ')}); give one` });
  if (profileFiles.length === 0 && problems.length === 0) problems.push({ message: `no GeniusWeb profile (LinearAdditiveUtilitySpace JSON) among ${fileList(files)}` });

  let domain: GeniusWebDomain | undefined;
  const d0 = domainFiles[0];
  if (d0) {
    domain = readDomain(d0.reader, [], stem(d0.file.path));
    pushAll(problems, d0.reader.problems);
    used.push(d0.file.path);
  }
  const parties: Party[] = [];
  const partyFiles: string[] = [];
  for (const pf of profileFiles) {
    const r = pf.reader;
    const at = [pf.key];
    const embedded = r.has([...at, 'domain']) ? readDomain(r, [...at, 'domain'], stem(pf.file.path)) : undefined;
    if (embedded && domain) {
      const diff = sameDomain(domain, embedded);
      if (diff) r.error([...at, 'domain'], `the profile's domain differs from ${d0 ? baseName(d0.file.path) : 'the first profile\'s domain'}: ${diff}`);
    }
    if (!domain && embedded && r.problems.length === 0) domain = embedded;
    if (!domain) {
      if (!embedded) r.error(at, 'no domain: give the domain file, or a profile with an embedded domain');
      pushAll(problems, r.problems);
      continue;
    }
    const before = r.problems.length;
    const prof = readProfile(r, at, domain);
    pushAll(problems, r.problems);
    used.push(pf.file.path);
    if (!prof || r.problems.length > before) continue;
    const id = stem(pf.file.path);
    partyFiles.push(pf.file.path);
    parties.push({
      id,
      name: prof.name ?? id,
      role: 'negotiator',
      preferences: prof.preferences,
      ...(prof.reservation ? { reservation: prof.reservation } : {}),
    });
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  const scenario: Scenario = {
    name: domain!.name,
    issues: domain!.issues,
    parties,
    agreement: { type: 'unanimity' },
    origin: { format: 'geniusweb', files: used, ...(skipped.length ? { skipped } : {}) },
  };
  return validatedImport(scenario, used.map(baseName), partyFiles);
}
