// `npm run bench`: runs each benchmark module (numbers are printed, never asserted).
import { benchAgents } from './agents.ts';
import { benchAnalysis } from './analysis.ts';
import { benchFrontier } from './frontier.ts';
import { benchInspectWalk } from './inspect-walk.ts';
import { benchLimits } from './limits.ts';
import { benchNegotiation } from './negotiation.ts';
import { benchReport } from './report.ts';
import { benchTournament } from './tournament.ts';
import { benchWorkbench } from './workbench.ts';
import { benchLive } from './live.ts';

benchAnalysis();
benchInspectWalk();
benchFrontier();
benchNegotiation();
benchReport();
benchAgents();
await benchWorkbench();
await benchTournament();
await benchLive();
benchLimits();
