// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import parley from './eslint/layers.js';

export default tseslint.config(
  { ignores: ['node_modules/**', '**/dist/**', 'coverage/**', 'test-artifacts/**', 'docs/api/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The engine runs unchanged in the browser: no Node built-ins.
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    plugins: { parley },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'url', 'process'], message: 'The engine must not use Node APIs; put Node-only code under src/cli, src/server, src/storage or src/tournament.' }] }],
      'parley/layers': 'error',
      'no-restricted-globals': ['error', { name: 'process', message: 'The engine must not use Node globals.' }, { name: 'Buffer', message: 'The engine must not use Node globals.' }, { name: 'require', message: 'ESM only.' }],
    },
  },
);
