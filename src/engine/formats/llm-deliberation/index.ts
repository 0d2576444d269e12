import { ScenarioError, type Diagnostic } from '../../model/diagnostics.ts';
import type { CategoricalIssue } from '../../model/issue.ts';
import type { Party } from '../../model/party.ts';
import type { Scenario, SkippedFile } from '../../model/scenario.ts';
import { validateScenario } from '../../model/validate.ts';
import type { ScenarioImporter } from '../importer.ts';
import { baseName, checkFileSize, fileList, stem, type SourceFile } from '../source-file.ts';
import { looksLikeConfig, readConfig, type GameAgent } from './config.ts';
import { readInstructions } from './instructions.ts';
import { readScores, type ScoresFile } from './scores.ts';

const isConfig = (f: SourceFile) => baseName(f.path).toLowerCase() === 'config.txt';
const isScores = (f: SourceFile) => /(^|[\\/])scores_files[\\/][^\\/]+\.txt$/i.test(f.path);
const folderOf = (path: string) => {
  const parts = path.split(/[\\/]/);
  return parts.length >= 2 ? parts[parts.length - 2]! : '';
};

/**
 * LLM-Deliberation games: `config.txt` names the parties
 * (`Display name,file,role,incentive,model`), `scores_files/<file>.txt` holds
 * each party's scores per option and its threshold.
 *
 * Utilities are the scores as written: U(deal) = Σ the party's scores of the
 * chosen options (weights 1, value tables = the score lines), and the
 * reservation is the threshold in the same points. parley does not rescale
 * them to [0, 1]: sums of integer scores are exact in floating point, so
 * "score ≥ threshold" is decided exactly, where a division (by 100 or by the
 * party's best total) would round and could flip a deal that meets a
 * threshold exactly. (In the shipped games every party's best total is 100.)
 *
 * The pass rule — at least n−1 of the n parties score at or above their
 * threshold, p1 and p2 among them — is a quorum rule with k = n−1 over all
 * parties and p1, p2 required. Issues are named A, B, … and options A1, A2, …
 * (the codes deals use); global_instructions.txt supplies their descriptions.
 */
export const llmDeliberationImporter: ScenarioImporter = {
  format: 'llm-deliberation',
  detect(files) {
    const config = files.find(isConfig);
    if (!config || !looksLikeConfig(config.text)) return 0;
    return files.some(isScores) ? 0.95 : 0.7;
  },
  read: readLlmDeliberation,
};

export function readLlmDeliberation(files: readonly SourceFile[]): Scenario {
  const problems: Diagnostic[] = [];
  const skipped: SkippedFile[] = [];
  for (const f of files) checkFileSize(f.path, f.text.length);
  const configs = files.filter(isConfig);
  if (configs.length !== 1) {
    throw new ScenarioError([{ message: configs.length === 0 ? `no config.txt (the LLM-Deliberation game's party list) among ${fileList(files)}` : `several config.txt files given (${configs.map((c) => c.path).join(', ')}); give one game` }]);
  }
  const config = configs[0]!;
  const agents = readConfig(config, problems);
  const used = [config.path];
  const scoreFiles = new Map<string, SourceFile>();
  for (const f of files) {
    if (f === config) continue;
    const name = baseName(f.path).toLowerCase();
    if (isScores(f)) {
      if (agents.some((a) => a.file === stem(f.path))) scoreFiles.set(stem(f.path), f);
      else skipped.push({ file: f.path, reason: 'scores file of no party in config.txt' });
    } else if (name === 'global_instructions.txt') {
      // read below for issue and option descriptions
    } else if (name === 'initial_deal.txt') {
      skipped.push({ file: f.path, reason: "the game's opening deal, not part of the scenario model" });
    } else if (/(^|[\\/])individual_instructions[\\/]/.test(f.path)) {
      skipped.push({ file: f.path, reason: 'prose instructions for one party, not a profile' });
    } else {
      skipped.push({ file: f.path, reason: 'not an LLM-Deliberation game file (config.txt, scores_files/*.txt, global_instructions.txt)' });
    }
  }
  const read: { agent: GameAgent; file: SourceFile; scores: ScoresFile }[] = [];
  for (const agent of agents) {
    const f = scoreFiles.get(agent.file);
    if (!f) {
      problems.push({ file: config.path, line: agent.line, column: 1, path: 'file', message: `no scores file scores_files/${agent.file}.txt for "${agent.displayName}"` });
      continue;
    }
    used.push(f.path);
    const scores = readScores(f, problems);
    if (scores) read.push({ agent, file: f, scores });
  }
  // Every party must score the same issues with the same number of options.
  const shape = read[0]?.scores.scores.map((row) => row.length);
  for (const { file, scores } of read.slice(1)) {
    const mine = scores.scores.map((row) => row.length);
    if (mine.length !== shape!.length) problems.push({ file: file.path, message: `${mine.length} issues, but ${baseName(read[0]!.file.path)} has ${shape!.length}` });
    else
      mine.forEach((n, i) => {
        if (n !== shape![i]) problems.push({ file: file.path, line: lineOfIssue(file.text, i), column: 1, path: String.fromCharCode(65 + i), message: `issue ${String.fromCharCode(65 + i)} has ${n} options, but ${baseName(read[0]!.file.path)} gives ${shape![i]}` });
      });
  }
  if (problems.length > 0) throw new ScenarioError(problems);

  const global = files.find((f) => baseName(f.path).toLowerCase() === 'global_instructions.txt');
  const texts = global ? readInstructions(global.text) : undefined;
  if (global) used.push(global.path);
  const issues: CategoricalIssue[] = shape!.map((n, i) => {
    const code = String.fromCharCode(65 + i);
    const description = texts?.issues.get(code);
    return {
      type: 'categorical',
      name: code,
      ...(description ? { description } : {}),
      options: Array.from({ length: n }, (_, k) => {
        const oc = `${code}${k + 1}`;
        const d = texts?.options.get(oc);
        return { name: oc, ...(d ? { description: d } : {}) };
      }),
    };
  });
  const parties: Party[] = read.map(({ agent, file, scores }) => ({
    id: agent.file,
    name: agent.displayName,
    role: 'negotiator',
    description: [
      agent.role === 'p1' ? 'proposer (p1): opens and closes the deliberation; its consent is required' : agent.role === 'p2' ? 'veto party (p2): its consent is required' : 'player',
      agent.incentive ? `incentive: ${agent.incentive}` : '',
      agent.model ? `model: ${agent.model}` : '',
    ]
      .filter(Boolean)
      .join('; '),
    preferences: {
      type: 'linear-additive',
      weights: scores.scores.map(() => 1),
      values: scores.scores.map((row) => ({ type: 'table', values: [...row] })),
    },
    reservation: {
      value: scores.threshold,
      provenance: { sources: [{ quote: String(scores.threshold), document: file.path, locator: 'last line (the minimum score the party accepts)' }] },
    },
  }));
  const ids = parties.map((p) => p.id);
  const p1 = agents.find((a) => a.role === 'p1')!.file;
  const p2 = agents.find((a) => a.role === 'p2')!.file;
  const scenario: Scenario = {
    name: folderOf(config.path) || 'llm-deliberation game',
    ...(global ? { description: firstParagraph(global.text) } : {}),
    issues,
    parties,
    agreement: {
      type: 'quorum',
      k: ids.length - 1,
      voters: ids,
      required: [p1, p2],
      provenance: { assumption: 'LLM-Deliberation pass rule: a deal passes when at least n−1 parties score at or above their thresholds, p1 and p2 among them' },
    },
    origin: { format: 'llm-deliberation', files: used, ...(skipped.length ? { skipped } : {}) },
  };
  const invalid = validateScenario(scenario);
  if (invalid.length > 0) throw new ScenarioError(invalid.map((d) => ({ ...d, message: `${d.message} (in the game read from ${config.path})` })));
  return scenario;
}

function lineOfIssue(text: string, issue: number): number {
  let seen = -1;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) if (lines[i]!.trim() !== '' && ++seen === issue) return i + 1;
  return 1;
}

function firstParagraph(text: string): string {
  const p = text.trim().split(/\r?\n\s*\r?\n/)[0] ?? '';
  return p.replace(/\s+/g, ' ').trim();
}
