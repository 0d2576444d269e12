import { describe, expect, it } from 'vitest';
import { scenarioFiles } from './upload-files.ts';

const f = (path: string) => ({ path, text: '' });

describe('scenarioFiles', () => {
  it('keeps the folder’s own files and scores_files/, without the top folder name', () => {
    expect(scenarioFiles([f('Game/config.txt'), f('Game/scores_files/p1.txt'), f('Game/other/x.xml'), f('Game/.hidden'), f('Game/deep/scores_files/p.txt')]).map((x) => x.path)).toEqual([
      'config.txt',
      'scores_files/p1.txt',
    ]);
  });
  it('keeps files picked one by one', () => {
    expect(scenarioFiles([f('a.xml'), f('b.xml')]).map((x) => x.path)).toEqual(['a.xml', 'b.xml']);
  });
});
