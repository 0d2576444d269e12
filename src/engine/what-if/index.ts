// What-if analysis: variants side by side, sensitivity to the assumptions, and the questions a scenario declares (see docs/what-if.md).
export * from './outcome-table.ts';
export * from './headline.ts';
export * from './sensitivity.ts';
export * from './compare.ts';
export * from './concessions.ts';
export * from './mediator-tradeoff.ts';
export * from './rule-comparison.ts';
export * from './questions.ts';
export * from './variant.ts';
