import { z } from 'zod';
import { definitionFields } from '../../model/definition.ts';

/**
 * The native scenario format, version 1 (`parley: 1`), as YAML or JSON: a
 * scenario definition (`model/definition.ts`, which checks the shape of
 * everything else) with the format's version and an optional `$schema`.
 */
export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    parley: z.literal(1, { message: 'expected `parley: 1` (the format version)' }),
    ...definitionFields,
  })
  .strict();

export type NativeScenario = z.infer<typeof scenarioSchema>;

/** The JSON Schema of the native format, for editors. */
export function nativeJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }), title: 'parley scenario, version 1' } as Record<string, unknown>;
}
