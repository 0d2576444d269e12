// What-if analysis: variants side by side, sensitivity to the assumptions, and the seed article's four questions (see docs/what-if.md).
export * from './outcome-table.ts';
export * from './headline.ts';
export * from './sensitivity.ts';
export * from './compare.ts';
export * from './concessions.ts';
export * from './mediator-tradeoff.ts';
export * from './rule-comparison.ts';
export * from './four-questions.ts';
