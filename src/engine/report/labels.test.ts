import { describe, expect, it } from 'vitest';
import type { Issue } from '../model/issue.ts';
import { humanise, outcomeRows, outcomeText, titleLabel } from './labels.ts';

const issues: Issue[] = [
  { name: 'zone-status', type: 'categorical', options: [{ name: 'returned-to-owner' }, { name: 'frozen_at_line' }, { name: 'Already Named' }] },
  { name: 'troops', type: 'integer', min: 0, max: 10 },
];

describe('labels', () => {
  it('reads slugs as words and leaves written names alone', () => {
    expect(humanise('frozen-at-contact-line')).toBe('frozen at contact line');
    expect(humanise('a_b--c')).toBe('a b c');
    expect(humanise('Already Named')).toBe('Already Named');
    expect(humanise('NPP-site')).toBe('NPP-site');
    expect(humanise('---')).toBe('---');
    expect(titleLabel('zone-status')).toBe('Zone status');
  });

  it('marks the rows that differ from a reference deal', () => {
    const rows = outcomeRows(issues, [1, 3], [1, 4]);
    expect(rows).toEqual([
      { issue: 'Zone status', value: 'frozen at line', reference: 'frozen at line', differs: false },
      { issue: 'Troops', value: '3', reference: '4', differs: true },
    ]);
    expect(outcomeRows(issues, [2, 0]).every((r) => !r.differs && r.reference === undefined)).toBe(true);
    expect(outcomeText(issues, [0, 10])).toBe('Zone status: returned to owner · Troops: 10');
  });
});
