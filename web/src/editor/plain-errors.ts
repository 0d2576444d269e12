// Diagnostics in plain words: what the field is (a party's name, not `parties[1]`) and what is wrong with it.
import type { Diagnostic } from 'parley';
import type { ScenarioDoc } from './doc-model.ts';

/** The field a path names, in words: `parties[1].preferences.weights.donetsk.value` → "Ukraine's weight of donetsk". */
export function describePath(path: string, doc: ScenarioDoc | null): string {
  const parts = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  const words: string[] = [];
  let owner = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const next = parts[i + 1];
    const index = next && /^\[\d+\]$/.test(next) ? Number(next.slice(1, -1)) : null;
    if (p === 'parties' && index !== null) {
      const party = doc?.parties[index];
      owner = party ? (party.name ?? party.id) || `party ${index + 1}` : `party ${index + 1}`;
      i++;
    } else if (p === 'issues' && index !== null) {
      words.push(`issue “${doc?.issues[index]?.name || index + 1}”`);
      i++;
    } else if (p === 'options' && index !== null) {
      words.push(`option ${index + 1}`);
      i++;
    } else if (p === 'variants' && index !== null) {
      words.push(`variant “${doc?.variants[index]?.id || index + 1}”`);
      i++;
    } else if (p === 'redLines' && index !== null) {
      words.push(`red line ${index + 1}`);
      i++;
    } else if (p === 'preferences') {
      continue;
    } else if (p === 'weights' && next) {
      words.push(`weight of ${next}`);
      i++;
    } else if (p === 'values' && next && parts[i - 1] === 'preferences') {
      const option = parts[i + 2] && parts[i + 2] !== 'values' && parts[i + 2] !== 'value' ? ` = ${parts[i + 2]}` : parts[i + 3] && parts[i + 3] !== 'value' ? ` = ${parts[i + 3]}` : '';
      words.push(`value of ${next}${option}`);
      break;
    } else if (p === 'value' && i === parts.length - 1) {
      continue;
    } else if (p === 'agreement') {
      words.push('agreement rule');
    } else if (p === 'when' && next) {
      words.push(`condition on ${next}`);
      i++;
    } else if (/^\[\d+\]$/.test(p)) {
      words.push(`item ${Number(p.slice(1, -1)) + 1}`);
    } else words.push(p);
  }
  const what = words.join(', ');
  if (owner) return what ? `${owner}'s ${what}` : owner;
  return what || 'the scenario';
}

const TYPE_WORDS: Record<string, string> = { number: 'a number', string: 'text', boolean: 'true or false', array: 'a list', object: 'a set of fields', undefined: 'missing', null: 'empty' };

/** The message in plain words (the reader's zod wording rephrased). */
export function plainMessage(message: string): string {
  let m = message;
  m = m.replace(/^Invalid input: expected (\w+), received (\w+)$/, (_, want: string, got: string) => (got === 'undefined' ? `is missing (it should be ${TYPE_WORDS[want] ?? want})` : `should be ${TYPE_WORDS[want] ?? want}, not ${TYPE_WORDS[got] ?? got}`));
  m = m.replace(/^expected number or object, got (\w+)$/, (_, got: string) => `should be a number, not ${TYPE_WORDS[got] ?? got}`);
  m = m.replace(/^expected (\w+), got (\w+)$/, (_, want: string, got: string) => `should be ${TYPE_WORDS[want] ?? want}, not ${TYPE_WORDS[got] ?? got}`);
  m = m.replace(/^Invalid input$/, 'is not valid here');
  m = m.replace(/^Too small: expected (\w+) to have >=?(\d+) items?$/, (_, _w: string, n: string) => `needs at least ${n} item${n === '1' ? '' : 's'}`);
  m = m.replace(/^Too small: expected number to be >=?(-?[\d.]+)$/, (_, n: string) => `should be at least ${n}`);
  m = m.replace(/^Too big: expected number to be <=?(-?[\d.]+)$/, (_, n: string) => `should be at most ${n}`);
  return m;
}

export interface PlainDiagnostic {
  readonly what: string;
  readonly message: string;
  readonly line?: number;
  readonly path?: string;
}

export function plainDiagnostic(d: Diagnostic, doc: ScenarioDoc | null): PlainDiagnostic {
  return {
    what: d.path ? describePath(d.path, doc) : d.line !== undefined ? `line ${d.line}` : 'the scenario',
    message: plainMessage(d.message),
    ...(d.line !== undefined ? { line: d.line } : {}),
    ...(d.path !== undefined ? { path: d.path } : {}),
  };
}
