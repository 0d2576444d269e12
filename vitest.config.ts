import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Web code imports the engine as `parley` (its package entry).
  resolve: { alias: { parley: fileURLToPath(new URL('./src/engine/index.ts', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts', 'eslint/**/*.test.ts', 'bench/**/*.test.ts', 'web/src/**/*.test.ts', 'e2e/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './src/testing/summary-reporter.ts'],
    setupFiles: ['./src/testing/fast-check-seed.ts'],
    // Compiles dist/ (incrementally) once: the CLI tests spawn the compiled `parley`.
    globalSetup: ['./src/testing/build-once.ts'],
  },
});
