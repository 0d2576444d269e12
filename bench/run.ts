// `npm run bench`: runs each benchmark module (numbers are printed, never asserted).
import { benchAnalysis } from './analysis.ts';

benchAnalysis();
