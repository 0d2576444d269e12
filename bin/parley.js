#!/usr/bin/env node
// The `parley` command: runs the compiled CLI in dist/ (built by `npm run build`, which `npm ci`
// and `npm pack` run through the `prepare` script). In a source checkout, `npm run parley -- …`
// brings dist/ up to date (incremental tsc) before running it.
import module from 'node:module';
import process from 'node:process';

// Node 22.1+ keeps V8's compiled code of the modules on disk between runs (faster start); Node 20 has no such cache.
module.enableCompileCache?.();

try {
  await import('../dist/cli/main.js');
} catch (e) {
  if (e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/cli/main.js')) {
    process.stderr.write('parley: the compiled CLI (dist/) is missing: run `npm run build` in the parley checkout first\n');
    process.exit(1);
  }
  throw e;
}
