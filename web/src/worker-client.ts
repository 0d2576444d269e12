// The page's side of the engine worker: one promise per request, with progress callbacks.
import type { Diagnostic } from 'parley';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

export class WorkerError extends Error {
  constructor(
    message: string,
    readonly diagnostics?: readonly Diagnostic[],
  ) {
    super(message);
  }
}

export type Progress = (done: number, total: number, stage?: string) => void;

export class EngineClient {
  private readonly worker: Worker;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; progress?: Progress }>();

  constructor(worker?: Worker) {
    this.worker = worker ?? new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (ev: MessageEvent<WorkerReply>) => {
      const r = ev.data;
      const w = this.waiting.get(r.id);
      if (!w) return;
      if (r.type === 'progress') w.progress?.(r.done, r.total, r.stage);
      else {
        this.waiting.delete(r.id);
        if (r.type === 'result') w.resolve(r.value);
        else w.reject(new WorkerError(r.message, r.diagnostics));
      }
    };
  }

  request<T>(request: WorkerRequest, progress?: Progress): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(progress ? { progress } : {}) });
      this.worker.postMessage({ id, request });
    });
  }
}

let shared: EngineClient | undefined;
/** The app's one engine worker. */
export function engine(): EngineClient {
  shared ??= new EngineClient();
  return shared;
}
