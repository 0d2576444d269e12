export * from './acceptance.ts';
export * from './bidding.ts';
export * from './boa.ts';
export * from './micro.ts';
export * from './opponent-model.ts';
export * from './registry.ts';
export * from './negotiate.ts';
export * from './tournament.ts';
