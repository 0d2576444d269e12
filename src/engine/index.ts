// parley's engine: pure TypeScript, no Node APIs, runs unchanged in Node and the browser.
export * from './model/index.ts';
export * from './formats/index.ts';
export * from './analysis/index.ts';
export { analyzeToJson as analyze, analyze as analyzeSpace } from './analysis/index.ts';
export { createRng, type Rng } from './util/rng.ts';
export * from './negotiation/index.ts';
export * from './agents/index.ts';
export * from './what-if/index.ts';
export * from './report/index.ts';
