// The tournament routes of the JSON API (docs/api.md), as the Tournament screen uses them.
import type { TournamentListingReply, TournamentScatterReply, TournamentStartRequest, TournamentStatusReply } from '../../../src/server/api-types.ts';
import { ApiError } from '../api.ts';

export type { TournamentListingReply, TournamentScatterReply, TournamentStartRequest, TournamentStatusReply } from '../../../src/server/api-types.ts';

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, { method, ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}) });
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => ({ error: `${res.status} ${res.statusText}` }))) as { error?: string; problems?: { path: string; message: string }[] };
  if (!res.ok) {
    const problems = json.problems?.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`) ?? [];
    throw new ApiError([json.error ?? String(res.status), ...problems].join(' — '), res.status);
  }
  return json as T;
}

export const tournamentApi = {
  start: (body: TournamentStartRequest) => call<{ id: string; total: number }>('POST', 'api/tournaments', body),
  list: () => call<{ tournaments: TournamentListingReply[] }>('GET', 'api/tournaments').then((r) => r.tournaments),
  get: (id: string) => call<TournamentStatusReply>('GET', `api/tournaments/${encodeURIComponent(id)}`),
  scatter: (id: string, scenario: number) => call<TournamentScatterReply>('GET', `api/tournaments/${encodeURIComponent(id)}/scatter?scenario=${scenario}`),
  stop: (id: string) => call<void>('DELETE', `api/tournaments/${encodeURIComponent(id)}/run`),
};
