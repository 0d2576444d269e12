// The JSON API (docs/api.md), as the page uses it.
import type { Diagnostic } from 'parley';
import type { DocumentAttachRequest, DocumentListingReply, DocumentsReply, DocumentTextReply, DraftDetail, PlayDebrief, PlayMove, PlayReply, ScenarioListing, ScenarioDetail } from '../../src/server/api-types.ts';

export type { DocumentListingReply, DocumentsReply, DocumentTextReply, DraftDetail, PlayDebrief, PlayMove, PlayReply, PlayState, ScenarioListing, ScenarioDetail } from '../../src/server/api-types.ts';

/** A saved run in the listing (GET /api/scenarios/:id/runs). */
export interface RunListing {
  readonly id: number;
  readonly scenarioId: string;
  readonly kind: string;
  readonly config: unknown;
  readonly createdAt: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super(message);
  }
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => ({ error: `${res.status} ${res.statusText}` }))) as { error?: string; diagnostics?: Diagnostic[]; problems?: { path: string; message: string }[] };
  if (!res.ok) {
    const problems = json.problems?.map((p) => ({ path: p.path, message: p.message })) ?? [];
    throw new ApiError(json.error ?? `${res.status}`, res.status, json.diagnostics ?? problems);
  }
  return json as T;
}

export const api = {
  list: () => call<{ scenarios: ScenarioListing[] }>('GET', 'api/scenarios').then((r) => r.scenarios),
  get: (id: string) => call<ScenarioDetail>('GET', `api/scenarios/${encodeURIComponent(id)}`),
  import: (files: { path: string; text: string }[]) => call<ScenarioListing & { skipped: { file: string; reason: string }[] }>('POST', 'api/scenarios/import', { files }),
  create: (source: string) => call<ScenarioListing>('POST', 'api/scenarios', { source }),
  update: (id: string, source: string) => call<ScenarioListing>('PUT', `api/scenarios/${encodeURIComponent(id)}`, { source }),
  /** The server's draft of a scenario, or null when there is none. */
  getDraft: (id: string) =>
    call<DraftDetail>('GET', `api/scenarios/${encodeURIComponent(id)}/draft`).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }),
  putDraft: (id: string, source: string) => call<{ scenarioId: string; updatedAt: string }>('PUT', `api/scenarios/${encodeURIComponent(id)}/draft`, { source }),
  deleteDraft: (id: string) => call<void>('DELETE', `api/scenarios/${encodeURIComponent(id)}/draft`),
  /** The document texts the server holds for a scenario (a built-in's own files, or attached ones). */
  documents: (id: string) => call<DocumentsReply>('GET', `api/scenarios/${encodeURIComponent(id)}/documents`),
  documentText: (id: string, doc: string) => call<DocumentTextReply>('GET', `api/scenarios/${encodeURIComponent(id)}/documents/${encodeURIComponent(doc)}`),
  attachDocument: (id: string, doc: string, body: DocumentAttachRequest) => call<DocumentListingReply>('PUT', `api/scenarios/${encodeURIComponent(id)}/documents/${encodeURIComponent(doc)}`, body),
  removeDocument: (id: string, doc: string) => call<void>('DELETE', `api/scenarios/${encodeURIComponent(id)}/documents/${encodeURIComponent(doc)}`),
  remove: (id: string) => call<void>('DELETE', `api/scenarios/${encodeURIComponent(id)}`),
  exportUrl: (id: string, format: 'yaml' | 'json' | 'genius') => `api/scenarios/${encodeURIComponent(id)}/export?format=${format}`,
  saveRun: (id: string, kind: 'simulation' | 'play' | 'analysis' | 'what-if', config: unknown, result: unknown) =>
    call<{ id: number }>('POST', `api/scenarios/${encodeURIComponent(id)}/runs`, { kind, config, result }),
  listRuns: (id: string) => call<{ runs: RunListing[] }>('GET', `api/scenarios/${encodeURIComponent(id)}/runs`).then((r) => r.runs),
  getRun: (runId: number) => call<RunListing & { result: unknown }>('GET', `api/runs/${runId}`),
  /** Play: the server holds the game and the opponents; every reply is the player's own view. */
  playStart: (body: { scenarioId: string; variant?: string; seat: string; opponents: string; rounds: number; seed: number }) => call<PlayReply>('POST', 'api/play', body),
  playState: (sessionId: string) => call<PlayReply>('GET', `api/play/${encodeURIComponent(sessionId)}`),
  playMove: (sessionId: string, move: PlayMove) => call<PlayReply>('POST', `api/play/${encodeURIComponent(sessionId)}/move`, move),
  /** After the game only (409 before): every participant's preferences and utility of the result. */
  playDebrief: (sessionId: string) => call<PlayDebrief>('GET', `api/play/${encodeURIComponent(sessionId)}/debrief`),
  playEvaluate: (sessionId: string, outcome: readonly number[]) =>
    call<{ utility: number | null }>('POST', `api/play/${encodeURIComponent(sessionId)}/evaluate`, { outcome }).then((r) => r.utility),
};

/** Offers bytes as a file download. */
export function downloadBytes(fileName: string, bytes: Uint8Array, type: string): void {
  offer(fileName, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
}

/** Offers text as a file download. */
export function download(fileName: string, text: string, type: string): void {
  offer(fileName, new Blob([text], { type }));
}

function offer(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
