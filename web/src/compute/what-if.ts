// What-if for the workbench: calls the engine's what-if functions and keeps what the screen shows.
import { answerQuestions, BASE, compareVariants, sensitivity } from 'parley';
import type { Comparison, QuestionAnswer, Scenario, SensitivityResult } from 'parley';

export interface WhatIfResult {
  readonly comparison: Comparison;
  readonly sensitivity: SensitivityResult;
  /** The questions the scenario declares, answered by the engine (empty when it declares none). */
  readonly questions: readonly QuestionAnswer[];
}

/** Variants side by side (the base first), the sensitivity analysis, and the scenario's declared questions. */
export function whatIf(scenario: Scenario, variants: readonly string[], seed: number): WhatIfResult {
  const ids = [BASE, ...variants.filter((v) => v !== BASE)];
  const comparison = compareVariants(scenario, ids, { seed });
  const sens = sensitivity(scenario, { seed, samples: 200 });
  const questions = answerQuestions(scenario, { seed });
  return { comparison, sensitivity: sens, questions };
}
