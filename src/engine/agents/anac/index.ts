// The ANAC agents, by year (see docs/agents.md): each module holds one agent written from its published description.
import type { AgentKind } from '../agent-kind.ts';
import { agentK } from './2010/agent-k.ts';
import { agentSmith } from './2010/agent-smith.ts';
import { fsega } from './2010/fsega.ts';
import { iamcrazyhaggler } from './2010/iamcrazyhaggler.ts';
import { iamhaggler } from './2010/iamhaggler.ts';
import { nozomi } from './2010/nozomi.ts';
import { yushu } from './2010/yushu.ts';

/** The ANAC agents in the registry, by year and final rank. */
export const ANAC_AGENTS: readonly AgentKind[] = [agentK, yushu, nozomi, iamhaggler, fsega, iamcrazyhaggler, agentSmith];
