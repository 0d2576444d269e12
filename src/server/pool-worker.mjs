/* global URL */
// Entry of the server's pooled workers (pool.ts): registers tsx's loader when the tasks are
// TypeScript (a worker does not inherit the main thread's loader on Node 20), then answers each
// task `{name, input}` with `{ok: true, value}` or `{ok: false, error}` (errors lose their class
// between threads, so they travel as plain data).
// This file is copied into the build beside tasks.js; in a source checkout only tasks.ts is there.
import { existsSync } from 'node:fs';

const TASKS_JS_URL = new URL('./tasks.js', import.meta.url);
const TASKS_URL = existsSync(TASKS_JS_URL) ? TASKS_JS_URL : new URL('./tasks.ts', import.meta.url);

if (TASKS_URL.pathname.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { TASKS: TASK_TABLE, serializeTaskError } = await import(TASKS_URL.href);

export default async function run({ name, input, started }) {
  // Tells the pool the task has begun (its time limit starts now).
  started?.postMessage(1);
  started?.close();
  const task = Object.prototype.hasOwnProperty.call(TASK_TABLE, name) ? TASK_TABLE[name] : undefined;
  if (typeof task !== 'function') return { ok: false, error: { name: 'Error', message: `no task "${name}"` } };
  try {
    return { ok: true, value: await task(input) };
  } catch (e) {
    return { ok: false, error: serializeTaskError(e) };
  }
}
