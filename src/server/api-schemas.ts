// Request bodies and parameters of the JSON API, validated with zod (see docs/api.md).
import { z } from 'zod';

/** Largest request body the API reads. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Largest body of a saved run (parsed on the main thread, so kept small). */
export const RUN_BODY_BYTES = 4 * 1024 * 1024;
/** Largest body of a variant (a patch; parsed on the main thread, so kept small). */
export const VARIANT_BODY_BYTES = 1024 * 1024;
/** Largest body of a draft (the scenario text being edited; parsed on the main thread, so bounded). */
export const DRAFT_BODY_BYTES = 8 * 1024 * 1024;
/** Most files one import may carry. */
export const MAX_IMPORT_FILES = 200;

export const importBody = z
  .object({
    files: z
      .array(
        z
          .object({
            path: z.string().min(1).max(1000),
            text: z.string(),
          })
          .strict(),
      )
      .min(1, 'give at least one file')
      .max(MAX_IMPORT_FILES, `give at most ${MAX_IMPORT_FILES} files`),
  })
  .strict();

export const sourceBody = z.object({ source: z.string().min(1, 'the scenario text is empty') }).strict();

export const draftBody = z.object({ source: z.string() }).strict();

export const variantBody = z
  .object({
    description: z.string().max(10_000).optional(),
    patch: z.record(z.string(), z.unknown()),
  })
  .strict();

export const runBody = z
  .object({
    kind: z.enum(['simulation', 'play', 'analysis', 'what-if']),
    config: z.unknown(),
    result: z.unknown(),
  })
  .strict();

export const exportQuery = z.object({ format: z.enum(['yaml', 'json', 'genius']).default('yaml'), variant: z.string().optional() }).strict();

export const idParam = z.object({ id: z.string().min(1).max(200) });
export const variantParam = z.object({ id: z.string().min(1).max(200), variant: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'variant ids are letters, digits, _ . -') });
export const runParam = z.object({ id: z.coerce.number().int().positive() });

/** Zod problems as `path: message` lines. */
export function zodProblems(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Play (docs/api.md): a session is one person's seat against built-in strategies. */
export const playStartBody = z
  .object({
    scenarioId: z.string().min(1).max(200),
    variant: z.string().min(1).max(100).optional(),
    seat: z.string().min(1).max(200),
    opponents: z.string().min(1).max(200).default('boulware'),
    rounds: z.number().int().min(1).max(1000).default(20),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(0),
  })
  .strict();

const playOutcome = z.array(z.number().int().min(0)).min(1).max(1000);

export const playMoveBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('offer'), outcome: playOutcome }).strict(),
  z.object({ type: z.literal('accept') }).strict(),
  z.object({ type: z.literal('end') }).strict(),
]);

export const playEvaluateBody = z.object({ outcome: playOutcome }).strict();

export const playParam = z.object({ id: z.string().min(1).max(100) });
