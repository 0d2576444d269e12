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
import { agentLG } from './2012/agent-lg.ts';
import { agentMR } from './2012/agent-mr.ts';
import { bramAgent2 } from './2012/bram-agent2.ts';
import { cuhkAgent } from './2012/cuhk-agent.ts';
import { iamhaggler2012 } from './2012/iamhaggler2012.ts';
import { metaAgent } from './2012/meta-agent.ts';
import { omacAgent } from './2012/omac-agent.ts';
import { theNegotiatorReloaded } from './2012/the-negotiator-reloaded.ts';
import { inoxAgent } from './2013/inox-agent.ts';
import { theFawkes } from './2013/the-fawkes.ts';
import { agentM } from './2014/agent-m.ts';
import { dona } from './2014/dona.ts';
import { atlas3 } from './2015/atlas3.ts';
import { parsAgent } from './2015/pars-agent.ts';
import { caduceus } from './2016/caduceus.ts';
import { ponPokoAgent } from './2017/ponpoko-agent.ts';
import { agreeableAgent2018 } from './2018/agreeable-agent2018.ts';
import { agentGG } from './2019/agent-gg.ts';

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
  // 2012
  cuhkAgent,
  agentLG,
  omacAgent,
  theNegotiatorReloaded,
  bramAgent2,
  metaAgent,
  iamhaggler2012,
  agentMR,
  // 2013
  theFawkes,
  inoxAgent,
  // 2014
  agentM,
  dona,
  // 2015
  atlas3,
  parsAgent,
  // 2016
  caduceus,
  // 2017
  ponPokoAgent,
  // 2018
  agreeableAgent2018,
  // 2019
  agentGG,
];
