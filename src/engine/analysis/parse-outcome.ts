import type { OutcomeSpace } from '../model/outcome-space.ts';

/**
 * Reads an outcome written as `issue=value,issue=value` or as a JSON object
 * `{"issue": "value"}`. Every issue needs a value. Returns the problems
 * instead of throwing.
 */
export function parseOutcome(space: OutcomeSpace, text: string): { outcome?: number[]; errors: string[] } {
  const t = text.trim();
  let record: Record<string, unknown>;
  if (t.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(t);
    } catch (e) {
      return { errors: [`not valid JSON: ${(e as Error).message}`] };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { errors: ['expected a JSON object {"issue": value, …}'] };
    record = parsed as Record<string, unknown>;
  } else {
    record = {};
    const errors: string[] = [];
    for (const part of t.split(',')) {
      if (part.trim() === '') continue;
      const eq = part.indexOf('=');
      if (eq < 0) {
        errors.push(`"${part.trim()}" is not of the form issue=value`);
        continue;
      }
      const key = part.slice(0, eq).trim();
      if (key in record) errors.push(`issue "${key}" is given twice`);
      record[key] = part.slice(eq + 1).trim();
    }
    if (errors.length) return { errors };
  }
  return space.fromRecord(record);
}
