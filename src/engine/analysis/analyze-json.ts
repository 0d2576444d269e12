import type { Scenario } from '../model/scenario.ts';
import { analyze } from './analyze.ts';
import { analysisToJson, type AnalysisJson } from './analysis-json.ts';
import type { AnalysisOptions } from './analysis-types.ts';

/**
 * Analyses a scenario's outcome space and returns the result in its stable JSON form: exactly what
 * `parley analyze --json` prints (docs/analysis.md). Outcomes are `{issue: value}` records,
 * utilities are keyed by party id, and the result survives `JSON.stringify` unchanged.
 *
 * It reports the rational set (every negotiator accepts), the passing set (the agreement rule
 * accepts), the Pareto frontier and its top points, the Nash, Kalai–Smorodinsky, utilitarian and
 * egalitarian solutions, how opposed the parties are and, given `from`, the Pareto improvements
 * over a tentative agreement.
 *
 * @example
 * ```ts
 * import { analyze } from 'parley';
 * const a = analyze(scenario);
 * console.log(a.rational.count, a.solutions.nash?.outcome);
 * ```
 */
export function analyzeToJson(scenario: Scenario, options: AnalysisOptions = {}): AnalysisJson {
  return analysisToJson(analyze(scenario, options), scenario.issues);
}
