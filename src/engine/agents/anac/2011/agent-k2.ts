import { anacKind } from '../../agent-kind.ts';
import { AgentK } from '../2010/agent-k.ts';

export const agentK2 = anacKind({
  name: 'AgentK2',
  year: 2011,
  rank: 5,
  strategy: 'AgentK with discounting: the concession exponent shrinks with the discount factor',
  description: 'AgentK2: AgentK’s estimated-maximum target and probabilistic acceptance, conceding earlier the stronger the time discount',
  citation:
    'Kawaguchi, Fujita & Ito, "AgentK2: compromising strategy based on estimated maximum utility for automated negotiating agents", Complex Automated Negotiations, SCI 435, Springer 2013, pp. 235–241',
  create: (view) => new AgentK(view, true),
});
