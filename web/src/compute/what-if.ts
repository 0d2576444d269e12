// What-if for the workbench: calls the engine's what-if functions and keeps what the screen shows.
import { BASE, compareVariants, fourQuestions, sensitivity } from 'parley';
import type { Comparison, Scenario, SensitivityResult } from 'parley';

export interface WhatIfResult {
  readonly comparison: Comparison;
  readonly sensitivity: SensitivityResult;
  /** The seed article's four questions with their one-paragraph answers; null when the scenario lacks the ceasefire cast. */
  readonly questions: readonly { readonly key: string; readonly question: string; readonly summary: string }[] | null;
}

/** Variants side by side (the base first), the sensitivity analysis, and the four questions. */
export function whatIf(scenario: Scenario, variants: readonly string[], seed: number): WhatIfResult {
  const ids = [BASE, ...variants.filter((v) => v !== BASE)];
  const comparison = compareVariants(scenario, ids, { seed });
  const sens = sensitivity(scenario, { seed, samples: 200 });
  const q = fourQuestions(scenario, { seed });
  const questions = q
    ? (['concessions', 'balance', 'demands', 'authority'] as const).map((key) => ({ key, question: q[key].question, summary: q[key].summary }))
    : null;
  return { comparison, sensitivity: sens, questions };
}
