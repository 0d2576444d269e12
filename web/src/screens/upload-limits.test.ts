import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, fileBaseName, uploadProblem, withServerLimit } from './upload-limits.ts';

const MiB = 1048576;

describe('upload limits checked before reading', () => {
  it('refuses a file over the per-file limit, naming it', () => {
    const p = uploadProblem([{ name: 'big.xml', size: 20 * MiB }, { name: 'ok.xml', size: 1000 }]);
    expect(p).toMatch(/“big\.xml” is 20\.0 MiB.*at most 16\.0 MiB/);
    expect(p).not.toMatch(/ok\.xml/);
  });

  it('refuses files that are too large together, and takes the server’s lower limit', () => {
    const files = [{ name: 'a', size: 10 * MiB }, { name: 'b', size: 10 * MiB }];
    expect(uploadProblem(files)).toBeNull();
    expect(uploadProblem(files, withServerLimit(DEFAULT_LIMITS, 16 * MiB))).toMatch(/hold 20\.0 MiB together; one import takes at most 15\.2 MiB/);
    expect(withServerLimit(DEFAULT_LIMITS, undefined)).toEqual(DEFAULT_LIMITS);
  });

  it('names files after the scenario', () => {
    expect(fileBaseName('Russia–Ukraine ceasefire, mediated')).toBe('Russia-Ukraine-ceasefire-mediated');
    expect(fileBaseName('...')).toBe('scenario');
  });
});
