// Test support: run something that must fail with a ScenarioError, and return the error.
import { ScenarioError } from '../engine/model/diagnostics.ts';

export function scenarioErrorOf(f: () => unknown): ScenarioError {
  try {
    f();
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}
