import { anacKind } from '../../agent-kind.ts';
import { IAMhaggler2011 } from '../2011/iamhaggler2011.ts';

export const iamhaggler2012 = anacKind({
  name: 'IAMhaggler2012',
  year: 2012,
  rank: 7,
  strategy: 'IAMhaggler2011 with reservation values: aims no lower than its reservation and walks away when that pays',
  description:
    'IAMhaggler2012: IAMhaggler2011’s Gaussian-process concession, never aiming below its reservation value, and walking away when the discounted reservation value beats the best expected deal',
  citation:
    'Williams, Robu, Gerding & Jennings, "An overview of the results and insights from the third automated negotiating agents competition (ANAC2012)", Novel Insights in Agent-based Complex Automated Negotiation, SCI 535, Springer 2014',
  create: (view) => new IAMhaggler2011(view, true),
});
