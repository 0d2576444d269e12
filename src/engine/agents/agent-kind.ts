import type { Agent, AgentView } from '../negotiation/agent.ts';

export type AgentParams = Readonly<Record<string, string>>;

/** A built-in agent: its name, what it does, where it comes from, and how to make one. */
export interface AgentKind {
  /** The name `--agents` takes (matched case-insensitively). */
  readonly name: string;
  readonly description: string;
  /** Parameters it takes, with their defaults. */
  readonly params: Readonly<Record<string, string>>;
  /** ANAC year of the agent; null for the baselines. */
  readonly year: number | null;
  /** Its rank in that year's final (ties share a rank); null for baselines or when it had none. */
  readonly rank: number | null;
  /** The strategy in one line. */
  readonly strategy: string;
  /** The published source it was written from; null when there is none. */
  readonly citation: string | null;
  /** True when the agent was designed for multilateral (three or more party) SAOP. */
  readonly multilateral?: boolean;
  create(view: AgentView, params: AgentParams): Agent;
}

/** An ANAC agent kind without parameters. */
export function anacKind(k: {
  name: string;
  year: number;
  rank: number | null;
  strategy: string;
  description: string;
  citation: string;
  multilateral?: boolean;
  create: (view: AgentView) => Agent;
}): AgentKind {
  return {
    name: k.name,
    description: k.description,
    params: {},
    year: k.year,
    rank: k.rank,
    strategy: k.strategy,
    citation: k.citation,
    ...(k.multilateral ? { multilateral: true } : {}),
    create: (view) => k.create(view),
  };
}
