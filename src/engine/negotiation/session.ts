import { ruleMetBy, rulePositions, type AgreementRule, type RulePositions } from '../model/agreement-rule.ts';
import type { OutcomeSpace } from '../model/outcome-space.ts';
import type { Party } from '../model/party.ts';
import type { Agent } from './agent.ts';
import type { Clock } from './clock.ts';
import type { EndReason, Fault, FaultKind, TraceEvent } from './events.ts';

/** A request from a protocol to call one agent; the driver performs it. */
export type AgentCall =
  | { readonly agent: number; readonly method: 'respond'; readonly arg: Parameters<Agent['respond']>[0] }
  | { readonly agent: number; readonly method: 'vote'; readonly arg: Parameters<NonNullable<Agent['vote']>>[0] };

/** What the driver hands back when a call failed (the value otherwise). */
export class CallFailure {
  constructor(
    readonly kind: FaultKind,
    readonly message: string,
  ) {}
}

/**
 * What a driver hands back when a participant let its turn pass without a
 * move (a live seat that missed its turn under the `skip` policy, or whose
 * turn came after the wall-time deadline). The protocol records a `skip`
 * event and goes on; the participant stays in.
 */
export class Pass {
  constructor(readonly reason: 'missed-turn' | 'deadline') {}
}

/** How a protocol run ended. */
export interface ProtocolOutcome {
  readonly reason: EndReason;
  readonly agreement: readonly number[] | null;
  readonly acceptedBy: readonly string[];
  readonly round: number;
  /** Relative time in [0, 1] when it ended (used for time discounting). */
  readonly time: number;
}

/** A protocol is a generator of agent calls; the driver feeds back each call's result. */
export type ProtocolRun = Generator<AgentCall, ProtocolOutcome, unknown>;

export interface SessionConfig {
  readonly space: OutcomeSpace;
  /** All scenario parties (the agreement rule is evaluated over them). */
  readonly parties: readonly Party[];
  readonly rule: AgreementRule;
  /** Parties that take turns / vote, in order; `agents[i]` plays `participants[i]`. */
  readonly participants: readonly string[];
  readonly agents: readonly Agent[];
  readonly rounds: number;
  readonly timeMs?: number;
  readonly clock: Clock;
  readonly recordWallTime: boolean;
  /** Called with each event after the agents have observed it (engine-side bookkeeping such as model recording). */
  readonly afterEmit?: (e: TraceEvent) => void;
}

/**
 * The state every protocol shares: the event log, faults, who is still
 * taking part, logical and wall time.
 */
export class Session {
  readonly events: TraceEvent[] = [];
  readonly faults: Fault[] = [];
  readonly active: boolean[];
  /** The global turn counter (logical clock). */
  turn = 0;
  readonly start: number;
  private readonly observers: number[];
  /** The agreement rule compiled over participant positions: voters, quorum, required (veto) parties. */
  private readonly rule: RulePositions;

  constructor(readonly config: SessionConfig) {
    this.active = config.participants.map(() => true);
    // A voter or required party that does not take part (position −1) can never accept.
    this.rule = rulePositions(config.rule, config.parties, config.participants);
    this.start = config.clock.now();
    this.observers = [];
    config.agents.forEach((a, i) => {
      if (typeof a.observe === 'function') this.observers.push(i);
    });
  }

  get participantCount(): number {
    return this.config.participants.length;
  }

  /** Milliseconds since the start (wall clock). */
  elapsed(): number {
    return this.config.clock.now() - this.start;
  }

  /** Whether the wall-time deadline has passed. */
  outOfTime(): boolean {
    return this.config.timeMs !== undefined && this.elapsed() >= this.config.timeMs;
  }

  /**
   * Relative time in [0, 1] at slot `slot` of `slots` (1 at the last slot),
   * or the share of wall time used when that is larger.
   */
  relativeTime(slot: number, slots: number): number {
    let t = slots > 1 ? slot / (slots - 1) : 1;
    if (this.config.timeMs !== undefined) t = Math.max(t, Math.min(1, this.elapsed() / this.config.timeMs));
    return t;
  }

  /** Appends an event and shows it to every active agent except the one who made it. */
  emit(e: TraceEvent, actor = -1): void {
    const ev = this.config.recordWallTime ? { ...e, wall: this.elapsed() } : e;
    this.events.push(ev);
    const obs = this.observers;
    for (let k = 0; k < obs.length; k++) {
      const i = obs[k]!;
      if (i === actor || !this.active[i]) continue;
      try {
        this.config.agents[i]!.observe!(ev);
      } catch (err) {
        this.fault(i, new CallFailure('threw', `observe() threw: ${errorMessage(err)}`), e.type === 'start' ? 0 : (e as { round: number }).round);
      }
    }
    this.config.afterEmit?.(ev);
  }

  /** Ends a participant's participation with a recorded fault. */
  fault(i: number, f: CallFailure, round: number): void {
    if (!this.active[i]) return;
    this.active[i] = false;
    const party = this.config.participants[i]!;
    const fault: Fault = { party, kind: f.kind, message: f.message, round, turn: this.turn };
    this.faults.push(fault);
    this.emit({ type: 'fault', round, turn: this.turn, party, kind: f.kind, message: f.message }, i);
  }

  /**
   * Whether the rule accepts when exactly the participants at the positions
   * for which `yes` holds accept (the semantics of `ruleAccepts`).
   */
  ruleMet(yes: (position: number) => boolean): boolean {
    return ruleMetBy(this.rule, yes);
  }

  /** Whether the rule could still be met by the participants still active. */
  stillPossible(): boolean {
    return this.ruleMet((i) => this.active[i]!);
  }

  isActive(partyId: string): boolean {
    const i = this.config.participants.indexOf(partyId);
    return i >= 0 && this.active[i]!;
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  try {
    return String(err);
  } catch {
    return 'unprintable error';
  }
}
