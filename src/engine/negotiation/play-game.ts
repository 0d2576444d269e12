import type { Scenario } from '../model/scenario.ts';
import type { AgentView, Bid } from './agent.ts';
import { LiveError, LiveNegotiation, ownUtility, seatProfile, type SeatProfile } from './live.ts';
import { negotiationParticipants, type AgentResolver, type AgentSpec } from './negotiate.ts';

/** One public move as the player sees it, with the player's own utility. */
export interface PlayMoveView {
  readonly round: number;
  readonly party: string;
  readonly kind: 'offer' | 'accept' | 'end';
  readonly outcome: readonly number[] | null;
  readonly text: string;
  /** The utility of this outcome to the player (never anyone else's). */
  readonly myUtility: number | null;
}

/** The player's view: own profile, the public moves, and whose turn it is. */
export interface PlayGameState {
  readonly me: SeatProfile;
  readonly participants: readonly string[];
  readonly rounds: number;
  readonly moves: readonly PlayMoveView[];
  readonly turn: { readonly round: number; readonly offer: readonly number[] | null; readonly proposer: string | null; readonly myUtility: number | null } | null;
  readonly finished: { readonly agreement: readonly number[] | null; readonly text: string; readonly myUtility: number; readonly endReason: string; readonly rounds: number } | null;
}

export type PlayGameMove = { readonly type: 'accept' } | { readonly type: 'offer'; readonly outcome: readonly number[] } | { readonly type: 'end' };

/**
 * A game of one person against built-in strategies (the workbench's Play):
 * a `LiveNegotiation` (alternating offers) whose one external seat is the
 * player's. `state()` gives only the player's view. Deterministic for a seed:
 * no time limit, and the agents use their own seeded streams.
 */
export class PlayGame {
  readonly me: SeatProfile;
  readonly participants: readonly string[];
  private readonly live: LiveNegotiation;
  private readonly view: AgentView;
  private busy = false;

  constructor(
    scenario: Scenario,
    private readonly partyId: string,
    opponents: AgentSpec,
    private readonly rounds: number,
    seed: number,
    resolveAgent?: AgentResolver,
  ) {
    this.me = seatProfile(scenario, partyId);
    const participants = negotiationParticipants(scenario);
    if (!participants.includes(partyId)) throw new LiveError('unknown-seat', `party "${partyId}" does not take part in this negotiation`);
    this.participants = participants;
    const seats = Object.fromEntries(participants.map((id) => [id, id === partyId ? { external: 'human' as const } : opponents]));
    this.live = new LiveNegotiation(scenario, { seats, rounds, seed, ...(resolveAgent ? { resolveAgent } : {}) });
    this.view = this.live.view(partyId);
  }

  private utility(o: Bid | null | undefined): number | null {
    return ownUtility(this.view, o);
  }

  get finished(): boolean {
    return this.live.finished;
  }

  /** The player's view now (the opponents have already answered). */
  async settle(): Promise<PlayGameState> {
    return this.state();
  }

  /** The player's own utility of an outcome they are composing (null when it is not an outcome). */
  evaluate(outcome: readonly number[]): number | null {
    return this.utility(outcome);
  }

  async move(m: PlayGameMove): Promise<PlayGameState> {
    const p = this.live.pending();
    if (this.busy || !p || p.party !== this.partyId || p.method !== 'respond')
      throw new LiveError(this.finished ? 'finished' : 'not-your-turn', this.finished ? 'the game is over' : 'it is not your turn');
    if (m.type === 'offer' && !this.view.space.contains(m.outcome)) throw new LiveError('invalid-move', 'that offer is not an outcome of this scenario');
    if (m.type === 'accept' && !p.turn.offer) throw new LiveError('no-offer', 'there is no offer to accept yet');
    // Answered on the next microtask, as a remote move would be: a second move meanwhile is out of turn.
    this.busy = true;
    try {
      await Promise.resolve();
      this.live.act(this.partyId, m.type === 'offer' ? { type: 'offer', outcome: [...m.outcome] } : m);
    } finally {
      this.busy = false;
    }
    return this.state();
  }

  /** Ends the player's part (walks away now or at the next turn), so the run finishes. */
  abandon(): void {
    this.live.leave(this.partyId);
  }

  state(): PlayGameState {
    const p = this.live.pending();
    const r = this.live.result;
    const space = this.view.space;
    const moves: PlayMoveView[] = [];
    for (const e of this.live.events) {
      if (e.type === 'offer' || e.type === 'accept') moves.push({ round: e.round, party: e.party, kind: e.type, outcome: e.outcome, text: space.describe(e.outcome), myUtility: this.utility(e.outcome) });
      else if (e.type === 'end') moves.push({ round: e.round, party: e.party, kind: 'end', outcome: null, text: 'walks away', myUtility: null });
    }
    return {
      me: this.me,
      participants: [...this.participants],
      rounds: this.rounds,
      moves,
      turn:
        p && p.party === this.partyId && p.method === 'respond'
          ? { round: p.turn.round, offer: p.turn.offer ?? null, proposer: p.turn.proposer ?? null, myUtility: this.utility(p.turn.offer) }
          : null,
      finished: r
        ? {
            agreement: r.agreement,
            text: r.agreement ? space.describe(r.agreement) : 'no agreement',
            myUtility: r.utilities[this.partyId] ?? 0,
            endReason: r.endReason,
            rounds: r.rounds,
          }
        : null,
    };
  }
}
