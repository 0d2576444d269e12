// Simulation: protocols, the agent interface, traces and replay (see docs/simulation.md).
export * from './agent.ts';
export { createAgentView, type PreparedParty } from './agent-view.ts';
export * from './clock.ts';
export * from './events.ts';
export * from './negotiate.ts';
export * from './replay.ts';
export * from './live.ts';
export * from './play-game.ts';
export * from './trace.ts';
export * from './distances.ts';
export * from './model-trace.ts';
export * from './model-accuracy.ts';
export { sortOutcomes, lowerBound, type SortedOutcomes, DEFAULT_EXACT_SORT_LIMIT } from './sorted-outcomes.ts';
export type { MediatorStrategy } from './single-text.ts';
export * from './tournament/index.ts';
