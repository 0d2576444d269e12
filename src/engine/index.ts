// parley's engine, the package's main entry (`import … from 'parley'`): pure TypeScript, no Node
// APIs, runs unchanged in Node and the browser. The public API is named here on purpose, one line
// per module, grouped by layer; anything not listed is internal. To publish a symbol, give it a
// TSDoc comment where it is declared and add it to its module's line (or add a line). The API
// reference (docs/api/) is generated from this file by `npm run docs`.

// Scenarios: the model
export type { Scenario, ScenarioFormat, ScenarioVariant, SourceDocument, SkippedFile } from './model/scenario.ts';
export type { Issue, CategoricalIssue, IntegerIssue, RealIssue, IssueValue, Option } from './model/issue.ts';
export type { Party, Role } from './model/party.ts';
export type { Preferences, LinearAdditivePreferences, ConstraintPreferences, Hyperrectangle, Bound } from './model/preferences.ts';
export type { ValueFunction } from './model/value-function.ts';
export type { RedLine } from './model/red-line.ts';
export { crossesRedLine } from './model/red-line.ts';
export type { Reservation, Discount } from './model/reservation.ts';
export type { AgreementRule } from './model/agreement-rule.ts';
export type { Question, QuestionType, ConcessionQuestion, MediatorTradeoffQuestion, VariantQuestion, RuleQuestion } from './model/question.ts';
export { ruleVoters } from './model/agreement-rule.ts';
export type { Provenance, Source } from './model/provenance.ts';
export { OutcomeSpace, type Outcome, type OutcomeRecord } from './model/outcome-space.ts';
export { compileUtility } from './model/utility-function.ts';
export { compileParty } from './model/party-evaluator.ts';
export { ScenarioError, formatDiagnostic, formatPath, type Diagnostic } from './model/diagnostics.ts';
export { validateScenario } from './model/validate.ts';
export { summarizeScenario, collectProvenance, type ScenarioSummary } from './model/summary.ts';

// Reading and writing scenarios (GENIUS, GeniusWeb, NegMAS, LLM-Deliberation, native YAML/JSON)
export { importScenario, IMPORTERS } from './formats/index.ts';
export { MAX_FILE_BYTES, MAX_TOTAL_BYTES, type SourceFile } from './formats/source-file.ts';
export type { ScenarioImporter } from './formats/importer.ts';
export { readNative, printNative, nativeJsonSchema } from './formats/native/index.ts';
export { printGenius, geniusExportLosses } from './formats/genius/index.ts';

// Analysis: rational and passing sets, Pareto frontier, bargaining solutions
export { analyzeToJson as analyze, type AnalysisJson } from './analysis/index.ts';
export { analyze as analyzeSpace, type AnalysisOptions, type AnalysisResult, type FrontierEntry } from './analysis/index.ts';
export { parseOutcome } from './analysis/parse-outcome.ts';

// Negotiation: protocols, agents, traces
export type { Agent, AgentFactory, AgentView, Action, Bid, OfferTurn, VoteTurn, TurnInfo, ProtocolName } from './negotiation/agent.ts';
export type { NegotiationOptions, NegotiationResult, AgentSpec } from './negotiation/negotiate.ts';
export { negotiate, negotiateSync } from './agents/negotiate.ts';
export { AGENT_NAMES, AGENT_KINDS, agentFactory, parseAgentSpec, AgentSpecError } from './agents/registry.ts';
export { boaAgent } from './agents/boa.ts';
export type { TraceEvent, EndReason } from './negotiation/events.ts';
export { traceToJsonLines, traceFromJsonLines } from './negotiation/trace.ts';
export { replay } from './negotiation/replay.ts';
export { opponentModelAccuracy, type OpponentModelReport } from './negotiation/model-accuracy.ts';
export { runTournament, resumeTournament } from './agents/tournament.ts';
export type { TournamentSpec } from './negotiation/tournament/spec.ts';
export { createRng, type Rng } from './util/rng.ts';

// What-if: variants, sensitivity, the questions a scenario declares
export { applyVariant, applyPatch } from './what-if/variant.ts';
export { compareVariants, BASE, type Comparison } from './what-if/compare.ts';
export { sensitivity, type SensitivityOptions, type SensitivityResult } from './what-if/sensitivity.ts';
export { mediatorTradeoff, type TradeoffAnalysis } from './what-if/mediator-tradeoff.ts';
export { answerQuestions, type QuestionAnswer, type QuestionDetails, type QuestionOptions } from './what-if/questions.ts';

// Reports and figures
export { htmlReport, markdownReport, buildReport, collectReport, type ReportData, type ReportOptions, type MarkdownReport } from './report/index.ts';
export { plot, tornadoChart, type PlotLayer } from './report/svg.ts';
export { humanise, outcomeRows, outcomeText, parameterLabel, titleLabel, valueLabel, type OutcomeRow } from './report/labels.ts';
export { CHART, OKABE_ITO, SERIES, SOLUTION_STYLE, seriesColour, markerPath, coinciding, jointLabel, type MarkerShape, type SolutionKey } from './report/chart-style.ts';
