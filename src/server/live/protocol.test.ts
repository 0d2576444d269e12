// The committed JSON Schemas of the live protocol are generated from the zod schemas the server validates with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../testing/shared.ts';
import { clientMessage, LIVE_PROTOCOL_VERSION, liveProtocolJsonSchema, lobbyHelloMessage, lobbyServerMessage } from './protocol.ts';

/** The text of docs/live-protocol.schema.json. */
export const liveSchemaText = () => JSON.stringify(liveProtocolJsonSchema(), null, 2) + '\n';

describe('live protocol schemas', () => {
  it('docs/live-protocol.schema.json is up to date (regenerate: npx tsx src/server/live/write-schema.ts)', () => {
    expect(readFileSync(join(REPO_ROOT, 'docs/live-protocol.schema.json'), 'utf8')).toBe(liveSchemaText());
  });

  it('names the protocol version and every message', () => {
    const s = liveProtocolJsonSchema() as { version: number; $defs: Record<string, unknown> };
    expect(s.version).toBe(LIVE_PROTOCOL_VERSION);
    for (const name of ['hello', 'offer', 'accept', 'end', 'vote', 'welcome', 'event', 'turn', 'result', 'status', 'error', 'lobby', 'lobbyWelcome', 'seat', 'lobbyEnd']) expect(s.$defs[name]).toBeDefined();
  });

  it('the examples in docs/live-protocol.md are valid client messages', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs/live-protocol.md'), 'utf8');
    const examples = [...doc.matchAll(/^→ (\{.*\})$/gm)].map((m) => JSON.parse(m[1]!) as unknown);
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const e of examples) expect(clientMessage.safeParse(e).success || lobbyHelloMessage.safeParse(e).success, JSON.stringify(e)).toBe(true);
  });

  it('the lobby examples in docs/live-protocol.md are valid lobby messages', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs/live-protocol.md'), 'utf8');
    const lobby = doc.slice(doc.indexOf('## Tournaments: the lobby'));
    const sent = [...lobby.matchAll(/^← (\{.*\})$/gm)].map((m) => m[1]!).filter((t) => !t.includes('…'));
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const t of sent) expect(lobbyServerMessage.safeParse(JSON.parse(t)).success, t).toBe(true);
  });
});
