import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaText } from './schema.ts';
import { REPO_ROOT } from '../../testing/shared.ts';

describe('parley schema', () => {
  it('matches the committed docs/scenario.schema.json (regenerate with `npm run parley -- schema > docs/scenario.schema.json`)', () => {
    expect(readFileSync(join(REPO_ROOT, 'docs/scenario.schema.json'), 'utf8')).toBe(schemaText());
  });
});
