// The live-session protocol (docs/live-protocol.md): every message a client may send and every
// message the server sends, as zod schemas. The server validates with them, and the JSON Schemas in
// docs/live-protocol.schema.json are generated from them (`liveProtocolJsonSchema`).
import { z } from 'zod';

/** The protocol version; a client says which it speaks in `hello` (HTTP: the `parley-live` header). */
export const LIVE_PROTOCOL_VERSION = 1;

/** Largest message a client may send (bytes of JSON). */
export const MAX_CLIENT_MESSAGE_BYTES = 16 * 1024;

const outcome = z.array(z.number().int().min(0).max(1_000_000)).min(1).max(1000).describe('value positions, one per issue, from 0');
const token = z.string().min(16).max(200).describe('the seat or host token');
const party = z.string().min(1).max(200);

// ---- client → server ------------------------------------------------------------------------

export const helloMessage = z
  .object({
    type: z.literal('hello'),
    v: z.literal(LIVE_PROTOCOL_VERSION).describe('the protocol version the client speaks'),
    token,
    after: z.number().int().min(0).optional().describe('resend every message with a larger seq (reconnecting); default 0: everything'),
  })
  .strict()
  .describe('WebSocket only: the first message, opening a seat (or the host view).');

/** Optional on every move: the turn number it answers; a move for another turn is refused as stale. */
const turnRef = z.number().int().min(0).optional().describe('the `turn` of the `turn` message this move answers; a move for another turn is refused (stale)');

export const offerMove = z.object({ type: z.literal('offer'), outcome, turn: turnRef }).strict().describe('(S)AOP: make an offer (replaces the one on the table).');
export const acceptMove = z.object({ type: z.literal('accept'), turn: turnRef }).strict().describe('(S)AOP: accept the offer on the table.');
export const endMove = z.object({ type: z.literal('end'), turn: turnRef }).strict().describe('(S)AOP: walk away (leave the negotiation).');
export const voteMove = z.object({ type: z.literal('vote'), accept: z.boolean(), turn: turnRef }).strict().describe('Single text: vote on the proposed text.');

export const moveMessage = z.discriminatedUnion('type', [offerMove, acceptMove, endMove, voteMove]);
export type MoveMessage = z.infer<typeof moveMessage>;

/** What a WebSocket client may send. */
export const clientMessage = z.discriminatedUnion('type', [helloMessage, offerMove, acceptMove, endMove, voteMove]);
export type ClientMessage = z.infer<typeof clientMessage>;

/** HTTP long-polling: POST /api/live/poll (the token in `Authorization: Bearer`). */
export const pollBody = z
  .object({
    after: z.number().int().min(0).default(0).describe('answer with the messages whose seq is larger'),
    waitMs: z.number().int().min(0).max(30_000).default(25_000).describe('how long to wait when there is none yet'),
  })
  .strict();

// ---- the lobby (tournaments) -----------------------------------------------------------------

/** The name of a remote tournament entrant: `remote:NAME` in the tournament, NAME in the lobby. */
export const lobbyName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'a remote entrant name is 1–64 letters, digits, `_`, `.` or `-`, starting with a letter or digit')
  .describe('the remote entrant\'s name (the tournament lists it as `remote:NAME`)');

export const lobbyHelloMessage = z
  .object({
    type: z.literal('lobby'),
    v: z.literal(LIVE_PROTOCOL_VERSION).describe('the protocol version the client speaks'),
    name: lobbyName,
    token: z.string().min(16).max(200).describe("the entrant's lobby token (opens only the lobby of this name)"),
    after: z.number().int().min(0).optional().describe('resend every lobby message with a larger seq (reconnecting); default 0: everything'),
  })
  .strict()
  .describe('WebSocket GET /api/live/lobby only: the first and only message, opening the standing connection of a remote tournament entrant.');

// ---- server → client ------------------------------------------------------------------------

const seq = z.number().int().min(1).describe('per-recipient sequence number, from 1, without gaps');

const publicEvent = z
  .object({ type: z.string(), round: z.number().int().optional(), turn: z.number().int().optional(), party: z.string().optional() })
  .passthrough()
  .describe('a public trace event, as `parley run --trace` writes it (offers, accepts, votes, skips, faults, finish…)');

export const welcomeMessage = z
  .object({
    type: z.literal('welcome'),
    seq,
    v: z.literal(LIVE_PROTOCOL_VERSION),
    session: z.string(),
    seat: party.nullable().describe('the seat this token opens; null for the host'),
    status: z.enum(['waiting', 'running', 'paused', 'finished', 'interrupted']),
    protocol: z.enum(['aop', 'saop', 'single-text']),
    participants: z.array(party).describe('turn order'),
    issues: z.array(z.object({ name: z.string(), values: z.array(z.string()) })).describe('the public outcome space: issue names and values (at most 200 listed per issue)'),
    scenarioIssues: z.array(z.unknown()).describe('the issues as the scenario defines them (native format), to rebuild the outcome space'),
    deadline: z.object({ rounds: z.number().int(), timeMs: z.number().nullable(), turnTimeLimitMs: z.number() }),
    missedTurn: z.enum(['skip', 'leave']),
    profile: z
      .object({ id: z.string(), name: z.string(), reservation: z.number().nullable(), issues: z.array(z.unknown()) })
      .passthrough()
      .nullable()
      .describe("the seat's own profile only (preferences, reservation, discount, red lines); null for the host"),
  })
  .strict();

export const eventMessage = z
  .object({
    type: z.literal('event'),
    seq,
    event: publicEvent,
    myUtility: z.number().nullable().optional().describe("the recipient's own utility of the event's outcome (seats only)"),
    utilities: z.record(z.string(), z.number()).optional().describe("every party's utility of the outcome (host only)"),
  })
  .strict();

export const turnMessage = z
  .object({
    type: z.literal('turn'),
    seq,
    method: z.enum(['respond', 'vote']).describe('respond: offer, accept or end; vote: accept or reject the proposal'),
    round: z.number().int(),
    turn: z.number().int(),
    time: z.number().describe('relative time in [0, 1]'),
    offer: outcome.nullable().optional(),
    proposer: z.string().nullable().optional(),
    proposal: outcome.optional(),
    current: outcome.nullable().optional(),
    final: z.boolean().optional(),
    myUtility: z.number().nullable().describe('own utility of the offer on the table or of the proposal'),
    turnTimeLeftMs: z.number().nullable(),
    timeLeftMs: z.number().nullable().describe('until the global deadline'),
  })
  .strict();

export const resultMessage = z
  .object({
    type: z.literal('result'),
    seq,
    agreement: outcome.nullable(),
    agreementText: z.string().nullable(),
    endReason: z.string(),
    rounds: z.number().int(),
    utility: z.number().nullable().describe("the recipient's own utility of the result (reservation without agreement); null for the host"),
    utilities: z.record(z.string(), z.number()).optional().describe('host only'),
  })
  .strict();

export const statusMessage = z
  .object({
    type: z.literal('status'),
    seq,
    status: z.enum(['waiting', 'running', 'paused', 'finished', 'interrupted']),
    seats: z.record(z.string(), z.object({ kind: z.enum(['remote', 'human', 'agent']), joined: z.boolean(), connected: z.boolean() })).optional(),
  })
  .strict();

export const errorMessage = z
  .object({
    type: z.literal('error'),
    seq: seq.optional(),
    code: z.enum(['invalid-message', 'too-large', 'rate-limited', 'not-your-turn', 'stale', 'invalid-move', 'no-offer', 'finished', 'unauthorized', 'version', 'not-started', 'paused']),
    message: z.string(),
    problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .strict()
  .describe('a refused message; the connection and the session go on');

export const lobbyWelcomeMessage = z
  .object({
    type: z.literal('lobby-welcome'),
    seq,
    v: z.literal(LIVE_PROTOCOL_VERSION),
    name: lobbyName,
    entrant: z.string().describe('how the tournament names this entrant: `remote:NAME`'),
    tournament: z.string().nullable().describe('the tournament run id, once known'),
  })
  .strict()
  .describe('lobby: the connection is open; seats follow as the tournament reaches them.');

export const lobbySeatMessage = z
  .object({
    type: z.literal('seat'),
    seq,
    session: z.string().describe('the live session of this negotiation'),
    token: z.string().describe('the seat token: join it with `hello` on /api/live/ws (or long-polling) as any seat'),
    party: party.describe('the party this entrant plays (its own profile comes in the seat’s welcome)'),
    negotiation: z.number().int().min(0).describe('the negotiation id within the tournament'),
    scenario: z.string().describe('the scenario id within the tournament'),
  })
  .strict()
  .describe('lobby: one seat of one negotiation for this entrant; the only secret in it is the seat’s own token.');

export const lobbyEndMessage = z
  .object({ type: z.literal('lobby-end'), seq, reason: z.enum(['done', 'interrupted', 'failed', 'closed']), seats: z.number().int().min(0).describe('seats handed to this entrant') })
  .strict()
  .describe('lobby: the tournament is over; no more seats will come.');

export const lobbyServerMessage = z.discriminatedUnion('type', [lobbyWelcomeMessage, lobbySeatMessage, lobbyEndMessage, errorMessage]);
export type LobbyServerMessage = z.infer<typeof lobbyServerMessage>;

export const serverMessage = z.discriminatedUnion('type', [welcomeMessage, eventMessage, turnMessage, resultMessage, statusMessage, errorMessage]);
export type ServerMessage = z.infer<typeof serverMessage>;
/** A message before its sequence number is given. */
export type Unsequenced<T> = T extends unknown ? Omit<T, 'seq'> : never;

// ---- session creation (HTTP) ----------------------------------------------------------------

export const seatKind = z
  .string()
  .min(1)
  .max(200)
  .describe('`remote` (an agent over the network), `human` (a person in the workbench), or a built-in agent name such as `boulware`');

export const createSessionBody = z
  .object({
    scenarioId: z.string().min(1).max(200),
    variant: z.string().min(1).max(100).optional(),
    protocol: z.enum(['aop', 'saop', 'single-text']).optional(),
    rounds: z.number().int().min(1).max(100_000).default(100),
    timeLimitMs: z.number().int().min(100).max(24 * 3600_000).optional().describe('global deadline'),
    turnTimeLimitMs: z.number().int().min(10).max(3600_000).default(60_000).describe('per-turn limit of remote and human seats'),
    missedTurn: z.enum(['skip', 'leave']).default('skip'),
    graceMs: z.number().int().min(0).max(3600_000).default(30_000).describe('how long a dropped seat may take to reconnect before it leaves'),
    joinTimeoutMs: z.number().int().min(0).max(24 * 3600_000).default(120_000).describe('the session starts when every seat has joined, or after this long'),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(0),
    participants: z
      .array(party)
      .min(2)
      .max(50)
      .optional()
      .describe("who takes part, in turn order (default: the agreement rule's voters); given, an agreement needs every one of them (unanimity)"),
    seats: z.record(party, seatKind).describe('per participant: remote | human | agent name; participants not named get `boulware`'),
  })
  .strict();
export type CreateSessionBody = z.infer<typeof createSessionBody>;

export const createSessionReply = z
  .object({
    id: z.string(),
    url: z.string().describe('the server base URL'),
    host: z.object({ token: z.string(), view: z.string().describe('link to the host view') }),
    seats: z.record(z.string(), z.object({ kind: z.string(), token: z.string().optional(), join: z.string().optional() })),
  })
  .strict();

/** Every message schema, by name: the source of docs/live-protocol.schema.json. */
export const LIVE_SCHEMAS = {
  hello: helloMessage,
  offer: offerMove,
  accept: acceptMove,
  end: endMove,
  vote: voteMove,
  poll: pollBody,
  welcome: welcomeMessage,
  event: eventMessage,
  turn: turnMessage,
  result: resultMessage,
  status: statusMessage,
  error: errorMessage,
  createSession: createSessionBody,
  createSessionReply,
  lobby: lobbyHelloMessage,
  lobbyWelcome: lobbyWelcomeMessage,
  seat: lobbySeatMessage,
  lobbyEnd: lobbyEndMessage,
} as const;

/** The JSON Schema of every message, generated from the zod schemas above. */
export function liveProtocolJsonSchema(): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(LIVE_SCHEMAS)) defs[name] = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://parley.dev/live-protocol/v${LIVE_PROTOCOL_VERSION}.json`,
    title: `parley live-session protocol, version ${LIVE_PROTOCOL_VERSION}`,
    version: LIVE_PROTOCOL_VERSION,
    $defs: defs,
  };
}
