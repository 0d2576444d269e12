import { z } from 'zod';

/**
 * A scenario definition: the scenario as an analyst writes it, independent of
 * any file format. Issues, options, parties and documents are lists of
 * elements with a name or id; weights, value tables, red lines, reservations
 * and the agreement rule name issues, options and parties rather than giving
 * positions. The native format (YAML/JSON, `formats/native/`) is this
 * definition plus its version field; variant patches (`what-if/variant.ts`)
 * are merged into it. `build-scenario.ts` checks a definition and turns its
 * names into the model's positions (the `Scenario`); `scenarioDefinition`
 * (`definition-of.ts`) is the way back.
 *
 * This schema checks the shape; `build-scenario.ts` checks meaning (unknown
 * issues and options, weights, agreement rule) and builds the model.
 */

const name = z.string().min(1, 'must not be empty');

export const sourceSchema = z
  .object({
    quote: z.string().min(1).describe('The quoted words, verbatim.'),
    document: z.string().optional().describe('Id of an entry in `documents`, or a citation.'),
    locator: z.string().optional().describe('Where in the document: line, paragraph or heading.'),
  })
  .strict();

/** Provenance fields that any party, issue, option, weight, reservation or red line may carry. */
const provenance = {
  sources: z.array(sourceSchema).optional().describe('Quotes this element rests on.'),
  assumption: z.string().optional().describe('What is assumed, and why. Mark every number not stated by a source.'),
};

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** A number, or a number with provenance. */
export const annotatedNumber = z.union([finite, z.object({ value: finite, ...provenance }).strict()]);

export const optionSchema = z.union([name, z.object({ name, description: z.string().optional(), ...provenance }).strict()]);

const issueBase = { name, description: z.string().optional(), ...provenance };

export const issueSchema = z.union([
  z.object({ ...issueBase, type: z.literal('categorical').optional(), options: z.array(optionSchema).min(1, 'an issue needs at least one option') }).strict(),
  z.object({ ...issueBase, type: z.literal('integer'), min: z.number().int(), max: z.number().int() }).strict(),
  z.object({ ...issueBase, type: z.literal('real'), min: finite, max: finite, steps: z.number().int().min(1).optional() }).strict(),
]);

/** A value function for one issue. A plain map is a table: option → value. */
export const valueFunctionSchema = z.union([
  z.record(z.string(), annotatedNumber).describe('Table: option name (or integer value) → evaluation.'),
  z.object({ type: z.literal('table'), values: z.record(z.string(), annotatedNumber), ...provenance }).strict(),
  z.object({ type: z.literal('linear'), slope: finite, offset: finite, origin: finite.optional(), ...provenance }).strict()
    .describe('clip(slope·(x − origin) + offset, 0, 1); origin defaults to the issue minimum.'),
  z.object({ type: z.literal('triangular'), low: finite, peak: finite, high: finite, ...provenance }).strict(),
  z.object({ type: z.literal('constant'), value: finite, ...provenance }).strict(),
]);

/** Issue name → a list of option names, or a numeric range [min, max] in values. */
const regionSchema = z.record(z.string(), z.union([z.array(z.union([z.string(), z.number()])).min(1), z.object({ min: finite, max: finite }).strict()]));

export const linearPreferencesSchema = z
  .object({
    type: z.literal('linear-additive').optional(),
    weights: z.record(z.string(), annotatedNumber).describe('Issue name → weight. Utility = Σ weight · value; weights are used as written.'),
    values: z.record(z.string(), valueFunctionSchema).describe('Issue name → value function.'),
    ...provenance,
  })
  .strict();

export const constraintPreferencesSchema = z
  .object({
    type: z.literal('constraints'),
    aggregation: z.enum(['sum', 'min', 'max']).optional(),
    normalizer: z.number().positive().optional().describe('Divisor bringing utilities to [0, 1]; defaults to an upper bound of the aggregate.'),
    constraints: z.array(
      z.object({
        utility: finite,
        weight: finite.optional(),
        includes: regionSchema.optional(),
        excludes: regionSchema.optional(),
        ...provenance,
      }).strict(),
    ),
    ...provenance,
  })
  .strict();

export const preferencesSchema = z.union([linearPreferencesSchema, constraintPreferencesSchema]);

export const redLineSchema = z
  .object({
    id: z.string().optional(),
    description: z.string().min(1),
    when: regionSchema.describe('The red line is crossed when every listed issue takes one of the listed values.'),
    ...provenance,
  })
  .strict();

const reservationSchema = z.union([
  finite,
  z.object({ value: finite, ...provenance }).strict(),
  z.object({ outcome: z.record(z.string(), z.union([z.string(), z.number()])), ...provenance }).strict(),
]);

const discountSchema = z.union([finite, z.object({ factor: finite, per: z.enum(['time', 'round']).optional() }).strict()]);

export const partySchema = z
  .object({
    id: name,
    name: z.string().optional(),
    role: z.enum(['negotiator', 'mediator', 'observer']).optional(),
    description: z.string().optional(),
    ...provenance,
    preferences: preferencesSchema.optional(),
    reservation: reservationSchema.optional().describe('Utility of no deal (BATNA): a number, or an outcome whose utility it is.'),
    discount: discountSchema.optional(),
    redLines: z.array(redLineSchema).optional(),
  })
  .strict();

export const agreementSchema = z.union([
  z.object({ rule: z.literal('unanimity'), voters: z.array(z.string()).optional(), ...provenance }).strict(),
  z.object({ rule: z.literal('quorum'), k: z.number().int().min(1), voters: z.array(z.string()).optional(), required: z.array(z.string()).optional(), ...provenance }).strict(),
]);

export const variantSchema = z
  .object({
    id: name,
    description: z.string().optional(),
    ...provenance,
    patch: z.record(z.string(), z.unknown()).describe('Overrides merged into the scenario: objects merge by key, issues and parties by name/id, other lists are replaced. `null` removes.'),
  })
  .strict();

const questionBase = {
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a question id is letters, digits, `.`, `_` and `-`, starting with a letter or digit')
    .describe('Unique question id; `parley ask SCENARIO ID` answers this one. Letters, digits, `.`, `_`, `-`.'),
  text: z.string().min(1, 'must not be empty').describe('The question in plain words (e.g. quoted from a source document).'),
  ...provenance,
};

/** A question the scenario asks about itself; the engine answers every type for any scenario (docs/scenario-format.md). */
export const questionSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...questionBase,
      type: z.literal('concession'),
      party: name.describe('The negotiator whose concessions are studied (linear-additive preferences).'),
      keep: name.describe('The option that is no concession; every listed issue must have it.'),
      issues: z.array(name).min(1).optional().describe('Issues on which the party may concede (default: every categorical issue with the option `keep`).'),
    })
    .strict()
    .describe('Is there a passing deal in which the party keeps `keep` on every listed issue? The smallest concession a deal every negotiator accepts asks of it, and how that moves with its reservation.'),
  z
    .object({
      ...questionBase,
      type: z.literal('mediator-tradeoff'),
      mediator: name.describe('The mediator whose proposal is modelled.'),
      protects: name.describe('The party whose utility the mediator weighs with λ.'),
    })
    .strict()
    .describe("The deal the mediator proposes as it weighs one party's utility (λ) against reaching a deal (1 − λ): a curve over λ from 0 to 1."),
  z
    .object({ ...questionBase, type: z.literal('variant'), variants: z.array(name).min(1).describe('Ids of the variants to compare with the base scenario.') })
    .strict()
    .describe('What changes (rational deals, passing deals, the Nash deal) if each variant applies.'),
  z
    .object({ ...questionBase, type: z.literal('rule'), variants: z.array(name).min(1).describe('Ids of variants whose patch changes `agreement`.') })
    .strict()
    .describe('Which deals pass if the agreement rule changes to that of each variant; the best passing deal, who would refuse it, and a seeded simulated negotiation.'),
]);

export const documentSchema = z.object({ id: name, title: z.string(), path: z.string().optional(), date: z.string().optional(), url: z.string().optional() }).strict();

/** The scenario definition's fields, in the order a printed scenario has them. */
export const definitionFields = {
  name,
  description: z.string().optional(),
  ...provenance,
  documents: z.array(documentSchema).optional(),
  issues: z.array(issueSchema).min(1, 'a scenario needs at least one issue'),
  parties: z.array(partySchema).min(1, 'a scenario needs at least one party'),
  agreement: agreementSchema.optional(),
  variants: z.array(variantSchema).optional(),
  questions: z.array(questionSchema).optional().describe('Questions the scenario asks about itself; `parley ask`, `parley report` and the What-if screen answer them.'),
};

/** A whole scenario definition (no other fields). */
export const scenarioDefinitionSchema = z.object(definitionFields).strict();

export type ScenarioDefinition = z.infer<typeof scenarioDefinitionSchema>;
export type IssueDefinition = z.infer<typeof issueSchema>;
export type PartyDefinition = z.infer<typeof partySchema>;
export type ValueFunctionDefinition = z.infer<typeof valueFunctionSchema>;
export type QuestionDefinition = z.infer<typeof questionSchema>;
export type RegionDefinition = z.infer<typeof regionSchema>;
