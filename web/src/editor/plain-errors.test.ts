import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../src/testing/shared.ts';
import { diagnose } from './doc-edit.ts';
import { readDoc } from './doc-model.ts';
import { describePath, plainDiagnostic, plainMessage } from './plain-errors.ts';

const ceasefire = readFileSync(join(REPO_ROOT, 'scenarios', 'ceasefire.yaml'), 'utf8');
const doc = readDoc(ceasefire);

describe('errors in plain words', () => {
  it('names the field by what it is', () => {
    expect(describePath('parties[1].preferences.weights.donetsk.value', doc)).toBe("Ukraine's weight of donetsk");
    expect(describePath('parties[0].preferences.values.crimea.recognised-russian', doc)).toBe("Russia's value of crimea = recognised-russian");
    expect(describePath('parties[0].reservation.value', doc)).toBe("Russia's reservation");
    expect(describePath('issues[0].options[1]', doc)).toBe('issue “ceasefire”, option 2');
    expect(describePath('agreement.k', doc)).toBe('agreement rule, k');
  });

  it('rephrases the reader’s type errors', () => {
    expect(plainMessage('Invalid input: expected number, received string')).toBe('should be a number, not text');
    expect(plainMessage('Invalid input: expected string, received undefined')).toBe('is missing (it should be text)');
    expect(plainMessage('weight must not be negative')).toBe('weight must not be negative');
  });

  it('turns a real diagnostic of a bad weight into words with its line', () => {
    const bad = ceasefire.replace(/(weights:[\s\S]*?donetsk: )([\d.]+)/, '$1"lots"');
    const ds = diagnose(bad).diagnostics;
    expect(ds.length).toBeGreaterThan(0);
    const p = plainDiagnostic(ds[0]!, readDoc(bad));
    expect(`${p.what} ${p.message}`).toMatch(/^(Russia|Ukraine|United States)'s weight of donetsk should be a number, not text$/);
    expect(p.line).toBeGreaterThan(1);
  });
});
