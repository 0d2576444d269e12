// How a pooled task's failure crosses the thread boundary (errors lose their class on the way):
// the worker serialises it, pool.ts rebuilds it. Shared by both sides; Node only.
import { ScenarioError, type Diagnostic } from '../engine/model/diagnostics.ts';

/** A task's own refusal of its input, with the HTTP status the server answers. */
export class TaskRefusal extends Error {
  override name = 'TaskRefusal';
  constructor(
    readonly status: number,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

/** A task's failure as plain data. */
export interface SerializedTaskError {
  readonly name: string;
  readonly message: string;
  readonly status?: number;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly diagnostics?: readonly Diagnostic[];
}

/** What a worker answers: the task's value, or its error. */
export type TaskReply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SerializedTaskError };

/** A thrown value as plain data (ScenarioErrors keep their diagnostics, refusals their status). */
export function serializeTaskError(e: unknown): SerializedTaskError {
  if (e instanceof ScenarioError) return { name: e.name, message: e.message, diagnostics: e.diagnostics.map((d) => ({ ...d })) };
  if (e instanceof TaskRefusal) return { name: e.name, message: e.message, status: e.status, ...(e.details ? { details: e.details } : {}) };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}
