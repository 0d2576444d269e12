// Tournaments: agents × scenarios × role orders × repetitions, scored ANAC-style (see docs/tournaments.md).
export * from './config.ts';
export * from './pairings.ts';
export * from './spec.ts';
export * from './job.ts';
export * from './statistics.ts';
export * from './scoring.ts';
export * from './run.ts';
