// parley's engine: pure TypeScript, no Node APIs, runs in Node and the browser.
export * from './model/index.ts';
