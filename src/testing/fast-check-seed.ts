// Property tests are reproducible: fast-check draws from one fixed seed unless
// PARLEY_FC_SEED says otherwise (set it to explore new cases locally).
import fc from 'fast-check';

const seed = Number(process.env.PARLEY_FC_SEED ?? 20261126);
if (!Number.isInteger(seed)) throw new Error(`PARLEY_FC_SEED must be an integer, got ${process.env.PARLEY_FC_SEED}`);
fc.configureGlobal({ seed });
