// Play: a person takes one party's seat. Everything here that reaches the page is the player's own view.
import type { Agent, AgentView, Action, Bid, OfferTurn } from '../../../src/engine/negotiation/agent.ts';
import { agentFactory as agentFactoryFor } from '../../../src/engine/agents/registry.ts';
import type { TraceEvent } from '../../../src/engine/negotiation/events.ts';
import { negotiate, type NegotiationResult } from '../../../src/engine/negotiation/negotiate.ts';
import { issueNumberAt, issueSize, issueValueAt } from '../../../src/engine/model/issue.ts';
import { evaluateValueFunction } from '../../../src/engine/model/value-function.ts';
import type { Scenario } from '../../../src/engine/model/scenario.ts';

/** The player's own preferences, as they see them. */
export interface PlayerProfile {
  readonly id: string;
  readonly name: string;
  readonly reservation: number | undefined;
  /** Per issue: the weight and each value's evaluation (linear-additive preferences); null for other kinds. */
  readonly issues: readonly { readonly name: string; readonly weight: number | null; readonly values: readonly { readonly value: string; readonly evaluation: number | null }[] }[];
}

export interface PlayOffer {
  readonly round: number;
  readonly party: string;
  readonly kind: 'offer' | 'accept' | 'end';
  readonly outcome: readonly number[] | null;
  readonly text: string;
  /** The utility of this outcome to the player (never anyone else's). */
  readonly myUtility: number | null;
}

/** What the page receives: the player's own profile, the public moves, and whose turn it is. */
export interface PlayState {
  readonly me: PlayerProfile;
  readonly participants: readonly string[];
  readonly rounds: number;
  readonly moves: readonly PlayOffer[];
  /** Set when it is the player's turn. */
  readonly turn: { readonly round: number; readonly offer: readonly number[] | null; readonly proposer: string | null; readonly myUtility: number | null } | null;
  readonly finished: { readonly agreement: readonly number[] | null; readonly text: string; readonly myUtility: number; readonly endReason: string; readonly rounds: number } | null;
}

export type PlayMove = { readonly type: 'accept' } | { readonly type: 'offer'; readonly outcome: readonly number[] } | { readonly type: 'end' };

/** The player's own profile from their own party only. */
export function playerProfile(scenario: Scenario, partyId: string): PlayerProfile {
  const party = scenario.parties.find((p) => p.id === partyId);
  if (!party) throw new Error(`no party "${partyId}"`);
  const prefs = party.preferences;
  const res = party.reservation;
  return {
    id: party.id,
    name: party.name,
    reservation: res && 'value' in res ? res.value : undefined,
    issues: scenario.issues.map((issue, i) => {
      const values = [];
      for (let k = 0; k < issueSize(issue) && k < 200; k++) {
        const f = prefs?.type === 'linear-additive' ? prefs.values[i] : undefined;
        values.push({ value: String(issueValueAt(issue, k)), evaluation: f ? evaluateValueFunction(f, k, issueNumberAt(issue, k)) : null });
      }
      return { name: issue.name, weight: prefs?.type === 'linear-additive' ? (prefs.weights[i] ?? 0) : null, values };
    }),
  };
}

/**
 * A game in progress. The opponents run inside (in the worker); `state()`
 * gives only the player's view. `move()` answers the player's turn and waits
 * for the next one (or the end).
 */
export class PlayGame {
  private readonly moves: PlayOffer[] = [];
  private view: AgentView | undefined;
  private pending: { turn: OfferTurn; resolve: (a: Action) => void } | undefined;
  private result: NegotiationResult | undefined;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  readonly me: PlayerProfile;
  readonly participants: string[] = [];

  constructor(
    private readonly scenario: Scenario,
    private readonly partyId: string,
    opponents: string,
    private readonly rounds: number,
    seed: number,
  ) {
    this.me = playerProfile(scenario, partyId);
    // One factory for every participant: the person's seat, or the built-in strategy for the rest.
    const opponent = agentFactoryFor(opponents);
    const agents = (view: AgentView): Agent => (view.partyId === partyId ? this.humanAgent(view) : opponent(view));
    negotiate(scenario, { agents: [agents], rounds, seed, turnTimeLimitMs: Number.POSITIVE_INFINITY })
      .then((r) => {
        this.result = r;
      })
      .catch((e: unknown) => {
        this.failure = e instanceof Error ? e : new Error(String(e));
      })
      .finally(() => this.wake?.());
  }

  private utility(o: Bid | null | undefined): number | null {
    return o && this.view ? this.view.utility(o) : null;
  }

  private humanAgent(view: AgentView): Agent {
    this.view = view;
    this.participants.push(...view.participants);
    return {
      name: 'person',
      respond: (turn) =>
        new Promise<Action>((resolve) => {
          this.pending = { turn, resolve };
          this.wake?.();
        }),
      observe: (e: TraceEvent) => {
        if (e.type === 'offer' || e.type === 'accept') {
          this.moves.push({ round: e.round, party: e.party, kind: e.type, outcome: e.outcome, text: view.space.describe(e.outcome), myUtility: view.utility(e.outcome) });
        } else if (e.type === 'end') {
          this.moves.push({ round: e.round, party: e.party, kind: 'end', outcome: null, text: 'walks away', myUtility: null });
        }
      },
    };
  }

  /** Waits until it is the player's turn or the game is over. */
  async settle(): Promise<PlayState> {
    while (!this.pending && !this.result && !this.failure) {
      await new Promise<void>((r) => {
        this.wake = r;
      });
    }
    this.wake = undefined;
    if (this.failure) throw this.failure;
    return this.state();
  }

  /** The player's own utility of an outcome they are composing. */
  evaluate(outcome: readonly number[]): number | null {
    return this.view && this.view.space.contains(outcome) ? this.view.utility(outcome) : null;
  }

  async move(m: PlayMove): Promise<PlayState> {
    const p = this.pending;
    if (!p) throw new Error(this.result ? 'the game is over' : 'it is not your turn');
    if (m.type === 'offer' && !this.view!.space.contains(m.outcome)) throw new Error('that offer is not an outcome of this scenario');
    if (m.type === 'accept' && !p.turn.offer) throw new Error('there is no offer to accept yet');
    this.pending = undefined;
    const outcome = m.type === 'offer' ? m.outcome : m.type === 'accept' ? p.turn.offer! : null;
    this.moves.push({
      round: p.turn.round,
      party: this.partyId,
      kind: m.type,
      outcome,
      text: outcome ? this.view!.space.describe(outcome) : 'walks away',
      myUtility: this.utility(outcome),
    });
    p.resolve(m.type === 'offer' ? { type: 'offer', outcome: [...m.outcome] } : m);
    return this.settle();
  }

  state(): PlayState {
    const p = this.pending;
    const r = this.result;
    return {
      me: this.me,
      participants: [...this.participants],
      rounds: this.rounds,
      moves: [...this.moves],
      turn: p ? { round: p.turn.round, offer: p.turn.offer ?? null, proposer: p.turn.proposer ?? null, myUtility: this.utility(p.turn.offer) } : null,
      finished: r
        ? {
            agreement: r.agreement,
            text: r.agreement ? this.view!.space.describe(r.agreement) : 'no agreement',
            myUtility: r.utilities[this.partyId] ?? 0,
            endReason: r.endReason,
            rounds: r.rounds,
          }
        : null,
    };
  }
}
