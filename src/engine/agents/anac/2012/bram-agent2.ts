import { anacKind } from '../../agent-kind.ts';
import { BRAMAgent } from '../2011/bram-agent.ts';

export const bramAgent2 = anacKind({
  name: 'BRAMAgent2',
  year: 2012,
  rank: 5,
  strategy: 'BRAMAgent with discounting and reservation values: larger threshold steps under a strong discount',
  description: 'BRAMAgent2: BRAMAgent’s bids built from the opponent’s frequent values, with threshold steps that grow as the discount gets stronger',
  citation:
    'Williams, Robu, Gerding & Jennings, "An overview of the results and insights from the third automated negotiating agents competition (ANAC2012)", Novel Insights in Agent-based Complex Automated Negotiation, SCI 535, Springer 2014',
  create: (view) => new BRAMAgent(view, true),
});
