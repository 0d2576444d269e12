import { stringify } from 'yaml';
import type { Scenario } from '../../model/scenario.ts';
import { scenarioDefinition } from '../../model/definition-of.ts';

/** The scenario as a native-format document (plain data, ready for YAML or JSON): its definition with the format version. */
export function toNativeDocument(s: Scenario): Record<string, unknown> {
  return { parley: 1, ...scenarioDefinition(s) };
}

/** The scenario in the native format, as YAML or JSON text. */
export function printNative(s: Scenario, as: 'yaml' | 'json' = 'yaml'): string {
  const doc = toNativeDocument(s);
  return as === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
}
