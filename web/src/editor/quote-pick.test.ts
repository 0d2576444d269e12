import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../src/testing/shared.ts';
import { findPassages, lineAt, locatorOf, passageOf, sentences } from './quote-pick.ts';

const article = readFileSync(join(REPO_ROOT, '../shared/seed/ceasefire-article.txt'), 'utf8');

describe('picking a quote from a document', () => {
  it('names the line or lines of a passage as the scenarios do', () => {
    const text = 'one\ntwo\nthree';
    expect(lineAt(text, 0)).toBe(1);
    expect(lineAt(text, 4)).toBe(2);
    expect(locatorOf(text, 4, 7)).toBe('line 2');
    expect(locatorOf(text, 4, 8)).toBe('line 2');
    expect(locatorOf(text, 0, 13)).toBe('lines 1-3');
  });

  it('trims a selection and joins its lines', () => {
    const text = 'one\n  two words\nthree\n';
    expect(passageOf(text, 3, 22)).toEqual({ quote: 'two words three', locator: 'lines 2-3', start: 6, end: 21 });
    expect(passageOf(text, 3, 6)).toBeNull();
    expect(passageOf(text, 9, 6)?.quote).toBe('two');
  });

  it('finds the sentences of the seed article that hold every word searched, quoted verbatim', () => {
    const found = findPassages(article, 'peskov call');
    expect(found).toEqual([{ quote: 'Kremlin spokesperson Dmitry Peskov confirmed the planned call but did not provide additional details.', locator: 'line 3', start: expect.any(Number), end: expect.any(Number) }]);
    const ceasefire = findPassages(article, '30-day');
    expect(ceasefire.map((p) => p.locator)).toEqual(['line 5']);
    expect(ceasefire[0]!.quote).toBe('The call follows recent U.S.-Ukraine talks in Saudi Arabia, where a 30-day ceasefire proposal was introduced.');
    for (const p of findPassages(article, 'putin', 100)) expect(article).toContain(p.quote);
    expect(findPassages(article, '   ')).toEqual([]);
    expect(findPassages(article, 'the', 3)).toHaveLength(3);
  });

  it('splits sentences within lines, keeping closing quotes', () => {
    const s = sentences('“Maybe we can. Maybe not,” he said.\nNext');
    expect(s.map((x) => '“Maybe we can. Maybe not,” he said.\nNext'.slice(x.start, x.end).trim())).toEqual(['“Maybe we can.', 'Maybe not,” he said.', 'Next']);
  });
});
