// Reads a tournament's configuration from a file and flags, with file:line:field errors, and prepares it (Node only).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { importScenario, nativeImporter } from '../engine/formats/index.ts';
import { checkFileSize } from '../engine/formats/source-file.ts';
import { ScenarioError, type Diagnostic } from '../engine/model/diagnostics.ts';
import type { Scenario } from '../engine/model/scenario.ts';
import type { AgentFactory } from '../engine/negotiation/agent.ts';
import type { AgentResolver } from '../engine/negotiation/negotiate.ts';
import {
  agentLabelOf,
  agentSpecOf,
  checkTournamentConfig,
  readTournamentConfigDocument,
  TournamentConfigError,
  type TournamentAgentInput,
  type TournamentConfig,
  type TournamentConfigFile,
} from '../engine/negotiation/tournament/config.ts';
import { prepareTournament, type TournamentSpec } from '../engine/negotiation/tournament/spec.ts';
import { agentModuleOf } from '../node/agent-module.ts';
import { loadSourceFiles } from '../node/load-files.ts';
import { loadAgentModules, nodeAgentResolver } from './agents.ts';

/** Configuration keys as command-line flags give them (text, as typed). */
export interface TournamentFlags {
  readonly agents?: string;
  readonly scenarios?: string;
  readonly repetitions?: string;
  readonly rounds?: string;
  readonly seed?: string;
  readonly protocol?: string;
  readonly selfPlay?: boolean;
  /** false with --no-discounting. */
  readonly discounting?: boolean;
  readonly timeLimit?: string;
  readonly turnLimit?: string;
  readonly negotiationLimit?: string;
  readonly mediator?: string;
}

/** The flag of each configuration key. */
export const FLAG_OF: Readonly<Record<keyof TournamentConfigFile, string>> = {
  agents: '--agents',
  scenarios: '--scenarios',
  repetitions: '--repetitions',
  rounds: '--rounds',
  seed: '--seed',
  protocol: '--protocol',
  selfPlay: '--self-play',
  discounting: '--no-discounting',
  timeLimit: '--time-limit',
  turnLimit: '--turn-limit',
  negotiationLimit: '--negotiation-limit',
  mediator: '--mediator',
};

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const numeric = (s: string) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s);

/** The configuration keys the flags set. */
export function flagValues(flags: TournamentFlags): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  if (flags.agents !== undefined) v.agents = list(flags.agents);
  if (flags.scenarios !== undefined) v.scenarios = list(flags.scenarios);
  for (const k of ['repetitions', 'rounds', 'seed', 'timeLimit', 'turnLimit', 'negotiationLimit'] as const) if (flags[k] !== undefined) v[k] = numeric(flags[k]);
  if (flags.protocol !== undefined) v.protocol = flags.protocol;
  if (flags.mediator !== undefined) v.mediator = flags.mediator;
  if (flags.selfPlay) v.selfPlay = true;
  if (flags.discounting === false) v.discounting = false;
  return v;
}

/** A tournament read and prepared, ready to run. */
export interface LoadedTournament {
  readonly spec: TournamentSpec;
  readonly resolveAgent: AgentResolver;
}

const IGNORED = /^(\.|~)|\.(DS_Store)$/;
const SCENARIO_SUBFOLDERS = new Set(['scores_files']);

/** A scenario found under a configured path: its id and the paths to read it from. */
interface FoundScenario {
  readonly id: string;
  readonly paths: readonly string[];
}

/**
 * Expands a configured scenario path: a file is one scenario; a folder is one
 * scenario when it directly holds scenario files (as `parley run` reads it),
 * except a folder of several native scenario files, where each file is one;
 * its sub-folders (other than LLM-Deliberation's `scores_files`) are expanded
 * the same way, so a folder of scenario folders gives all of them.
 */
export function expandScenarioPath(written: string, absolute: string): FoundScenario[] {
  const st = statSync(absolute);
  if (!st.isDirectory()) return [{ id: written, paths: [absolute] }];
  const out: FoundScenario[] = [];
  const walk = (dir: string, id: string) => {
    const entries = readdirSync(dir)
      .filter((e) => !IGNORED.test(e))
      .sort();
    const files = entries.filter((e) => statSync(join(dir, e)).isFile());
    if (files.length) {
      const natives = files.filter((f) => {
        const full = join(dir, f);
        if (!/\.(ya?ml|json)$/i.test(f)) return false;
        const size = statSync(full).size;
        if (size > 16 * 1024 * 1024) return false;
        return nativeImporter.detect([{ path: full, text: readFileSync(full, 'utf8').slice(0, 4096) }]) > 0;
      });
      if (natives.length > 1 && natives.length === files.length) for (const f of natives) out.push({ id: join(id, f), paths: [join(dir, f)] });
      else out.push({ id, paths: [dir] });
    }
    for (const e of entries) if (!SCENARIO_SUBFOLDERS.has(e) && statSync(join(dir, e)).isDirectory()) walk(join(dir, e), join(id, e));
  };
  walk(absolute, written);
  return out;
}

/**
 * Reads the configuration (file, then flags over it), checks it, reads the
 * scenarios (folders expanded) and agent modules, and prepares the
 * tournament. Every problem is collected and thrown as one ScenarioError:
 * problems in the file name the file, line:column and field; problems in a
 * flag name the flag. Nothing is written.
 */
export async function loadTournament(configPath: string | undefined, flags: TournamentFlags, options: { cwd?: string; onScenario?: (i: number, n: number, id: string) => void } = {}): Promise<LoadedTournament> {
  const cwd = options.cwd ?? process.cwd();
  let fileValue: Record<string, unknown> = {};
  let at: (path: (string | number)[], message: string, options?: { key?: boolean }) => Diagnostic = (_path, message) => ({ message });
  let fileDir = cwd;
  if (configPath !== undefined) {
    const abs = resolve(cwd, configPath);
    let text: string;
    try {
      const size = statSync(abs).size;
      checkFileSize(configPath, size);
      text = readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
    } catch (e) {
      if (e instanceof ScenarioError) throw e;
      throw new ScenarioError([{ file: configPath, message: 'cannot read the tournament configuration: no such file' }]);
    }
    const doc = readTournamentConfigDocument({ path: configPath, text });
    fileValue = doc.value;
    at = doc.at;
    fileDir = dirname(abs);
  }
  const fromFlags = flagValues(flags);
  const origin = (key: string | number | undefined) => (typeof key === 'string' && key in fromFlags ? 'flag' : 'file');
  const locate = (path: readonly (string | number)[], message: string, atKey = false): Diagnostic => {
    const key = path[0];
    if (origin(key) === 'flag') {
      const rest = path.slice(1);
      return { message: `${FLAG_OF[key as keyof TournamentConfigFile] ?? String(key)}${rest.length ? ` (item ${Number(rest[0]) + 1})` : ''}: ${message}` };
    }
    return at([...path], message, atKey ? { key: true } : undefined);
  };
  const baseOf = (key: string) => (origin(key) === 'flag' ? cwd : fileDir);

  let file: TournamentConfigFile;
  try {
    file = checkTournamentConfig({ ...fileValue, ...fromFlags });
  } catch (e) {
    if (e instanceof TournamentConfigError) throw new ScenarioError(e.problems.map((p) => locate(p.path, p.message, p.key)));
    throw e;
  }
  const problems: Diagnostic[] = [];
  const where = configPath ?? 'the command line';
  if (!file.agents) problems.push({ ...(configPath ? { file: configPath } : {}), message: `no agents: list them under agents: in ${where}, or with --agents` });
  if (!file.scenarios) problems.push({ ...(configPath ? { file: configPath } : {}), message: `no scenarios: list them under scenarios: in ${where}, or with --scenarios` });

  const checkRegistry = nodeAgentResolver(new Map());
  // Agents: module paths are relative to where they were written (the file's folder, or the working directory for flags).
  const agents: TournamentAgentInput[] = [];
  const agentIndex: number[] = [];
  (file.agents ?? []).forEach((entry, i) => {
    const spec = agentSpecOf(entry);
    const m = agentModuleOf(typeof entry === 'string' ? entry : entry.name);
    if (!m) {
      try {
        checkRegistry(spec);
      } catch (e) {
        problems.push(locate(['agents', i], e instanceof Error ? e.message : String(e)));
      }
      agents.push(entry);
      agentIndex.push(i);
      return;
    }
    if (typeof entry !== 'string' && entry.params && Object.keys(entry.params).length)
      return problems.push(locate(['agents', i, 'params'], 'an agent module takes no parameters (read them in your module instead)'));
    const abs = isAbsolute(m.path) ? m.path : resolve(baseOf('agents'), m.path);
    if (!existsSync(abs)) return problems.push(locate(['agents', i], `no agent module "${m.path}" (looked for ${abs})`));
    agents.push({ name: `${abs}${m.exportName === 'default' ? '' : `#${m.exportName}`}`, label: agentLabelOf(entry) });
    agentIndex.push(i);
  });
  const modules = await loadAgentModules(agents.map((a) => agentSpecOf(a)));
  agents.forEach((a, k) => {
    const p = modules.problems.get(agentSpecOf(a));
    if (p) problems.push(locate(['agents', agentIndex[k]!], p));
  });

  // Scenarios: read each (folders expanded); a scenario's own problems keep their file:line.
  const scenarios: { id: string; scenario: Scenario }[] = [];
  const scenarioIndex: number[] = [];
  (file.scenarios ?? []).forEach((written, i) => {
    const abs = isAbsolute(written) ? written : resolve(baseOf('scenarios'), written);
    if (!existsSync(abs)) return problems.push(locate(['scenarios', i], `no such scenario file or folder: ${written}${abs !== resolve(cwd, written) ? ` (looked for ${abs})` : ''}`));
    const found = expandScenarioPath(written, abs);
    if (found.length === 0) return problems.push(locate(['scenarios', i], `no scenario files in the folder ${written}`));
    for (const f of found) {
      try {
        scenarios.push({ id: f.id, scenario: importScenario(loadSourceFiles(f.paths)) });
        scenarioIndex.push(i);
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        problems.push(locate(['scenarios', i], `the scenario ${f.id === written ? written : `${f.id} (in ${written})`} cannot be read:`));
        problems.push(...e.diagnostics.map((d) => ({ ...d, file: d.file ? relativeTo(cwd, d.file) : d.file })));
      }
    }
  });
  if (problems.length) throw new ScenarioError(problems);

  const resolveAgent = nodeAgentResolver(modules.factories as Map<string, AgentFactory>);
  const config: TournamentConfig = {
    agents,
    scenarios,
    ...(file.repetitions !== undefined ? { repetitions: file.repetitions } : {}),
    ...(file.rounds !== undefined ? { rounds: file.rounds } : {}),
    ...(file.seed !== undefined ? { seed: file.seed } : {}),
    ...(file.protocol !== undefined ? { protocol: file.protocol } : {}),
    ...(file.selfPlay !== undefined ? { selfPlay: file.selfPlay } : {}),
    ...(file.discounting !== undefined ? { discounting: file.discounting } : {}),
    ...(file.timeLimit !== undefined ? { timeLimitMs: file.timeLimit } : {}),
    ...(file.turnLimit !== undefined ? { turnTimeLimitMs: file.turnLimit } : {}),
    ...(file.negotiationLimit !== undefined ? { negotiationTimeLimitMs: file.negotiationLimit } : {}),
    ...(file.mediator !== undefined ? { mediator: file.mediator } : {}),
  };
  try {
    return { spec: prepareTournament(config, resolveAgent, { ...(options.onScenario ? { onScenario: options.onScenario } : {}) }), resolveAgent };
  } catch (e) {
    if (!(e instanceof TournamentConfigError)) throw e;
    const keyOf: Record<string, string> = { timeLimit: 'timeLimit', turnLimit: 'turnLimit', negotiationLimit: 'negotiationLimit' };
    throw new ScenarioError(
      e.problems.map((p) => {
        const [key, index, ...rest] = p.path;
        if (key === 'agents' && typeof index === 'number') return locate(['agents', agentIndex[index]!, ...rest], p.message);
        if (key === 'scenarios' && typeof index === 'number') return locate(['scenarios', scenarioIndex[index]!, ...rest], p.message);
        return locate([keyOf[String(key)] ?? key ?? '', ...(index !== undefined ? [index] : []), ...rest].filter((x) => x !== ''), p.message);
      }),
    );
  }
}

function relativeTo(cwd: string, file: string): string {
  const r = relative(cwd, file);
  return r.startsWith('..') && isAbsolute(file) ? file : r || file;
}
