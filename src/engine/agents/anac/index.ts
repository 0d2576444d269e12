// The ANAC agents, by year (see docs/agents.md): each module holds one agent written from its published description.
import type { AgentKind } from '../agent-kind.ts';
import { agentK } from './2010/agent-k.ts';
import { agentSmith } from './2010/agent-smith.ts';
import { fsega } from './2010/fsega.ts';
import { iamcrazyhaggler } from './2010/iamcrazyhaggler.ts';
import { iamhaggler } from './2010/iamhaggler.ts';
import { nozomi } from './2010/nozomi.ts';
import { yushu } from './2010/yushu.ts';
import { agentK2 } from './2011/agent-k2.ts';
import { bramAgent } from './2011/bram-agent.ts';
import { gahboninho } from './2011/gahboninho.ts';
import { hardHeaded } from './2011/hardheaded.ts';
import { iamhaggler2011 } from './2011/iamhaggler2011.ts';
import { niceTitForTat } from './2011/nice-tit-for-tat.ts';
import { theNegotiator } from './2011/the-negotiator.ts';
import { valueModelAgent } from './2011/value-model-agent.ts';

/** The ANAC agents in the registry, by year and final rank. */
export const ANAC_AGENTS: readonly AgentKind[] = [
  // 2010
  agentK,
  yushu,
  nozomi,
  iamhaggler,
  fsega,
  iamcrazyhaggler,
  agentSmith,
  // 2011
  hardHeaded,
  gahboninho,
  iamhaggler2011,
  bramAgent,
  agentK2,
  theNegotiator,
  niceTitForTat,
  valueModelAgent,
];
