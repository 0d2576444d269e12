// The analysis of a scenario's outcome space (see docs/analysis.md).
export { analyze } from './analyze.ts';
export * from './analysis-types.ts';
export { analysisToJson, type AnalysisJson, type ScoredOutcomeJson } from './analysis-json.ts';
export { analyzeToJson } from './analyze-json.ts';
export { parseOutcome } from './parse-outcome.ts';
export { kendallTauB, pearson, spearman, ranks } from './correlation.ts';
export * from './frontier-types.ts';
