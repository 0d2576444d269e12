import type { AgreementRule } from '../model/agreement-rule.ts';
import type { ProtocolName } from './agent.ts';

/**
 * One entry of a negotiation's event log. Time stamps are logical: `round`
 * (from 0) and `turn` (the run's global turn counter, from 0). Wall time is
 * recorded only when asked (`wall`, milliseconds since the start) and is never
 * part of a determinism comparison (see `sameEvents`).
 */
export type TraceEvent =
  | {
      readonly type: 'start';
      readonly protocol: ProtocolName;
      readonly seed: number;
      /** Parties taking part, in turn order, with the agent each runs. */
      readonly parties: readonly { readonly id: string; readonly agent: string }[];
      readonly mediator?: string;
      /** The agreement rule in force (the scenario's, or the override). */
      readonly rule: AgreementRule;
      readonly rounds: number;
      readonly timeMs?: number;
      readonly wall?: number;
    }
  | { readonly type: 'offer'; readonly round: number; readonly turn: number; readonly party: string; readonly outcome: readonly number[]; readonly wall?: number }
  | { readonly type: 'accept'; readonly round: number; readonly turn: number; readonly party: string; readonly outcome: readonly number[]; readonly wall?: number }
  | { readonly type: 'end'; readonly round: number; readonly turn: number; readonly party: string; readonly wall?: number }
  /** A live seat let its turn pass without a move (missed its turn, or the wall-time deadline passed); it stays in. */
  | { readonly type: 'skip'; readonly round: number; readonly turn: number; readonly party: string; readonly reason: 'missed-turn' | 'deadline'; readonly wall?: number }
  /** Single text: the mediator's proposal. */
  | { readonly type: 'propose'; readonly round: number; readonly turn: number; readonly party: string; readonly outcome: readonly number[]; readonly wall?: number }
  | {
      readonly type: 'vote';
      readonly round: number;
      readonly turn: number;
      readonly party: string;
      readonly outcome: readonly number[];
      readonly accept: boolean;
      readonly final: boolean;
      readonly wall?: number;
    }
  /** Single text: the mediator adopts a proposal as the new text (`by`: the rule was met, or annealing took a rejected one). */
  | { readonly type: 'text'; readonly round: number; readonly turn: number; readonly outcome: readonly number[]; readonly by: 'rule' | 'annealing' | 'initial'; readonly wall?: number }
  | { readonly type: 'fault'; readonly round: number; readonly turn: number; readonly party: string; readonly kind: FaultKind; readonly message: string; readonly wall?: number }
  | {
      readonly type: 'finish';
      readonly round: number;
      readonly turn: number;
      readonly reason: EndReason;
      /** Relative time in [0, 1] at the end (what time discounting uses). */
      readonly time: number;
      readonly agreement: readonly number[] | null;
      /** Parties whose acceptance made the agreement (proposer included). */
      readonly acceptedBy: readonly string[];
      readonly wall?: number;
    };

export type FaultKind =
  /** The agent threw an exception. */
  | 'threw'
  /** It returned something that is not a valid action or vote. */
  | 'invalid-action'
  /** It offered something that is not an outcome of the space. */
  | 'invalid-outcome'
  /** Its turn took longer than the per-turn limit (measured after a synchronous call returned). */
  | 'timeout'
  /** Its promise did not settle within the per-turn limit (cut off by a timer race). */
  | 'no-answer'
  /** It returned a promise to the synchronous runner (`negotiateSync`). */
  | 'async-in-sync-run'
  /** It cannot play the protocol (e.g. no `vote` in single text). */
  | 'unsupported';

export interface Fault {
  readonly party: string;
  readonly kind: FaultKind;
  readonly message: string;
  readonly round: number;
  readonly turn: number;
}

/** Why a negotiation ended: an agreement, the deadline, a party walking away, or a fault. */
export type EndReason =
  | 'agreement'
  /** The round (or wall-time) deadline passed. */
  | 'deadline'
  /** A party walked away or faulted, and the rule can no longer be met without it. */
  | 'walk-away'
  | 'fault';

/** Compares two event logs event by event, ignoring wall-clock stamps. */
export function sameEvents(a: readonly TraceEvent[], b: readonly TraceEvent[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (stableJson(stripWall(a[i]!)) !== stableJson(stripWall(b[i]!))) return false;
  return true;
}

/** The event without its wall-clock stamp. */
export function stripWall(e: TraceEvent): TraceEvent {
  if (!('wall' in e)) return e;
  const { wall: _wall, ...rest } = e;
  return rest as TraceEvent;
}

function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : val,
  );
}
