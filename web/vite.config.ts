import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// The workbench web app: built into dist/web (shipped in the package) and served by `parley serve`.
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  // The app takes the engine through the package entry, as a library user would.
  resolve: { alias: { parley: fileURLToPath(new URL('../src/engine/index.ts', import.meta.url)) } },
  worker: { format: 'es' },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:5174' } },
});
