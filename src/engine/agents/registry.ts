import type { AgentFactory } from '../negotiation/agent.ts';
import type { AgentKind, AgentParams } from './agent-kind.ts';
import { ANAC_AGENTS } from './anac/index.ts';
import { acCombi, acNext, acTime, type AcceptanceCondition } from './acceptance.ts';
import { boaAgent } from './boa.ts';
import {
  hardlinerBidding,
  naiveTitForTatBidding,
  niceTitForTatBidding,
  randomBidding,
  timeDependentBidding,
  type BiddingFactory,
} from './bidding.ts';
import { microAgent } from './micro.ts';

export type { AgentKind, AgentParams } from './agent-kind.ts';

function num(params: AgentParams, key: string, fallback: number): number {
  const v = params[key];
  if (v === undefined) return fallback;
  const x = Number(v);
  if (!Number.isFinite(x)) throw new RangeError(`parameter ${key} must be a number, got "${v}"`);
  return x;
}

function acceptanceFrom(params: AgentParams): AcceptanceCondition {
  const ac = params.ac ?? 'next';
  const T = num(params, 'T', 0.98);
  switch (ac) {
    case 'next':
      return acNext(num(params, 'alpha', 1), num(params, 'beta', 0));
    case 'time':
      return acTime(T);
    case 'combi':
      return acCombi(T);
    default:
      throw new RangeError(`unknown acceptance condition "${ac}" (next, time, combi)`);
  }
}

function modelFrom(params: AgentParams): 'frequency' | undefined {
  const m = params.model ?? 'none';
  if (m === 'none') return undefined;
  if (m === 'frequency') return 'frequency';
  throw new RangeError(`unknown opponent model "${m}" (none, frequency)`);
}

const FARATIN = 'Faratin, Sierra & Jennings, "Negotiation decision functions for autonomous agents", Robotics and Autonomous Systems 24(3–4), 1998';

function timeDependent(name: string, e: number, description: string): AgentKind {
  return {
    name,
    description,
    year: null,
    rank: null,
    strategy: description,
    citation: FARATIN,
    params: { e: String(e), ac: 'next', T: '0.98', model: 'none' },
    create: (view, p) => boaAgent(name, view, { bidding: timeDependentBidding(num(p, 'e', e)), acceptance: acceptanceFrom(p), model: modelFrom(p) }),
  };
}

function composed(name: string, bidding: BiddingFactory, description: string, citation: string | null, defaults: Record<string, string> = {}): AgentKind {
  const params = { ac: 'next', T: '0.98', model: 'none', ...defaults };
  return {
    name,
    description,
    year: null,
    rank: null,
    strategy: description,
    citation,
    params,
    create: (view, p) => {
      const merged = { ...params, ...p };
      return boaAgent(name, view, { bidding, acceptance: acceptanceFrom(merged), model: modelFrom(merged) });
    },
  };
}

/** The built-in agents, by name: the baselines, then the ANAC agents by year (see docs/agents.md). */
export const AGENT_KINDS: readonly AgentKind[] = [
  timeDependent('boulware', 0.2, 'time-dependent, concedes late: u(t) = max − (max − min)·t^(1/e), e = 0.2 (GENIUS Boulware)'),
  timeDependent('linear', 1, 'time-dependent, concedes linearly in time (e = 1)'),
  timeDependent('conceder', 2, 'time-dependent, concedes early (e = 2, GENIUS Conceder)'),
  timeDependent('time-dependent', 1, 'time-dependent with the exponent as parameter e'),
  composed('hardliner', hardlinerBidding, 'always offers its best outcome; accepts only as good an offer', null),
  {
    name: 'random',
    description: 'offers random outcomes at or above its reservation value; accepts a rational offer with probability p',
    year: null,
    rank: null,
    strategy: 'random outcome at or above its reservation value; accepts with probability p',
    citation: null,
    params: { p: '0.1' },
    create: (view, p) => {
      const prob = num(p, 'p', 0.1);
      return boaAgent('random', view, {
        bidding: randomBidding,
        acceptance: { name: `random(${prob})`, accepts: () => view.rng.float() < prob },
        vote: (v, turn) => (turn.final ? !v.crossesRedLine(turn.proposal) && v.utility(turn.proposal) >= (v.reservationValue ?? -Infinity) : v.rng.float() < 0.5),
      });
    },
  },
  composed('naive-tft', naiveTitForTatBidding, 'naive tit-for-tat: mirrors the opponent’s concession in its own utility', 'as NegMAS NaiveTitForTatNegotiator'),
  composed(
    'nice-tft',
    niceTitForTatBidding,
    'nice tit-for-tat: mirrors the opponent’s concession in the opponent’s estimated utility, frequency model',
    'after Baarslag, Hindriks & Jonker, "A tit for tat negotiation strategy for real-time bilateral negotiations", Complex Automated Negotiations, SCI 435, 2013 (simplified)',
    { model: 'frequency', ac: 'combi' },
  ),
  {
    name: 'micro',
    description: 'MiCRO (de Jonge 2022): concedes one outcome only after receiving as many distinct offers',
    year: null,
    rank: null,
    strategy: 'concedes one outcome at a time, only after receiving as many distinct offers as it made',
    citation: 'de Jonge, "An analysis of the linear bilateral ANAC domains using the MiCRO benchmark strategy", IJCAI 2022',
    params: {},
    create: (view) => microAgent(view),
  },
  ...ANAC_AGENTS,
];

/** The names of the built-in agents (baselines and ANAC agents), as `negotiateSync`'s `agents` and `parley agents` take them. */
export const AGENT_NAMES: readonly string[] = AGENT_KINDS.map((k) => k.name);

/** Unknown agent name or bad parameter. */
export class AgentSpecError extends Error {
  override name = 'AgentSpecError';
}

/**
 * Reads an agent spec: a name, optionally with parameters, as
 * `name:key=value:key=value` (e.g. `time-dependent:e=0.5`, `boulware:model=frequency:ac=combi`).
 */
export function parseAgentSpec(spec: string): { kind: AgentKind; params: AgentParams } {
  const [rawName, ...rest] = spec.trim().split(':');
  const name = (rawName ?? '').trim().toLowerCase();
  const kind = AGENT_KINDS.find((k) => k.name.toLowerCase() === name) ?? (name === 'tit-for-tat' ? AGENT_KINDS.find((k) => k.name === 'naive-tft') : undefined);
  if (!kind) throw new AgentSpecError(`unknown agent "${rawName}"; available: ${AGENT_NAMES.join(', ')}`);
  const params: Record<string, string> = {};
  for (const kv of rest) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new AgentSpecError(`agent "${spec}": parameter "${kv}" is not key=value`);
    const key = kv.slice(0, eq).trim();
    if (!(key in kind.params)) throw new AgentSpecError(`agent "${kind.name}" has no parameter "${key}"${Object.keys(kind.params).length ? ` (it takes ${Object.keys(kind.params).join(', ')})` : ''}`);
    params[key] = kv.slice(eq + 1).trim();
  }
  return { kind, params };
}

/** An agent factory from a spec string; parameters are checked at once (bad values throw AgentSpecError). */
export function agentFactory(spec: string): AgentFactory {
  const { kind, params } = parseAgentSpec(spec);
  for (const [k, v] of Object.entries(params)) {
    if (['e', 'T', 'alpha', 'beta', 'p'].includes(k) && !Number.isFinite(Number(v))) throw new AgentSpecError(`agent "${kind.name}": ${k} must be a number, got "${v}"`);
  }
  if (params.e !== undefined && !(Number(params.e) > 0)) throw new AgentSpecError(`agent "${kind.name}": e must be > 0`);
  if (params.ac !== undefined && !['next', 'time', 'combi'].includes(params.ac)) throw new AgentSpecError(`agent "${kind.name}": ac must be next, time or combi`);
  if (params.model !== undefined && !['none', 'frequency'].includes(params.model)) throw new AgentSpecError(`agent "${kind.name}": model must be none or frequency`);
  const label = spec.trim();
  const f: AgentFactory = (view) => kind.create(view, params);
  Object.defineProperty(f, 'agentName', { value: label });
  return f;
}
