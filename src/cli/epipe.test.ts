import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../testing/shared.ts';

describe('parley writing into a pipe its reader closed (`parley … | head`)', () => {
  it('stops quietly: exit 0, no stack trace', async () => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/parley.js'), 'analyze', 'scenarios/ceasefire.yaml', '--json'], { cwd: REPO_ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Close our end before parley writes, as a reader that has had enough does.
    child.stdout.destroy();
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at /);
    expect(code).toBe(0);
  });
});
