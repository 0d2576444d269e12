import type { Bid } from './agent.ts';
import type { PreparedParty } from './agent-view.ts';
import type { Rng } from '../util/rng.ts';
import { CallFailure, Pass, type AgentCall, type ProtocolOutcome, type ProtocolRun, type Session } from './session.ts';

/** How the mediator moves the text: accept only what the rule passes, or also, with falling probability, rejected texts. */
export type MediatorStrategy = 'hill-climbing' | 'annealing';

export interface SingleTextOptions {
  readonly strategy: MediatorStrategy;
  /** The mediator party, when the scenario has one with preferences; its proposals favour its own utility. */
  readonly mediator?: PreparedParty;
  /** Id recorded as the proposer ("mediator" for the neutral built-in one). */
  readonly mediatorId: string;
  readonly rng: Rng;
  /** The first text; a random outcome (from the mediator's stream) when not given. */
  readonly initialText?: Bid;
  /** Annealing: starting temperature, in rejections (default 1). */
  readonly temperature?: number;
  /** Candidates a mediator with preferences draws per round, proposing its favourite (default 4). */
  readonly candidates?: number;
}

/**
 * Mediated single negotiation text. The mediator starts from a text and, each
 * round, proposes a variant (one or more issues changed); every participant
 * votes. The variant becomes the new text when the agreement rule passes it
 * (required parties veto); the annealing mediator also adopts a rejected
 * variant with probability exp(−rejections / T), T falling linearly from the
 * start temperature to 0 at the deadline. After the last round the parties
 * vote on the final text; it is the agreement when the rule passes it.
 */
export function* singleText(s: Session, opts: SingleTextOptions): ProtocolRun {
  const { participants, rounds, space } = s.config;
  const m = participants.length;
  const rng = opts.rng;
  const mediatorUtility = opts.mediator?.evaluator.ufun;
  const temperature = opts.temperature ?? 1;
  const candidates = Math.max(1, opts.candidates ?? 4);
  let text: Bid = opts.initialText ? [...opts.initialText] : space.sample(rng);
  s.emit({ type: 'text', round: 0, turn: s.turn, outcome: text, by: 'initial' });
  const mutable: number[] = [];
  space.radices.forEach((r, i) => {
    if (r > 1) mutable.push(i);
  });

  const vote = function* (round: number, proposal: Bid, current: Bid | undefined, final: boolean): Generator<AgentCall, Set<string>, unknown> {
    const yes = new Set<string>();
    for (let i = 0; i < m; i++) {
      if (!s.active[i]) continue;
      const time = final ? 1 : s.relativeTime(round, rounds);
      const result: unknown = yield { agent: i, method: 'vote', arg: { round, turn: s.turn, time, proposal, current, final } };
      if (result instanceof Pass) {
        // A missed vote counts as no.
        s.emit({ type: 'skip', round, turn: s.turn, party: participants[i]!, reason: result.reason }, i);
        s.turn++;
        continue;
      }
      const failure = result instanceof CallFailure ? result : typeof result === 'boolean' ? undefined : new CallFailure('invalid-action', `a vote must be true or false, got ${typeof result}`);
      if (failure) {
        s.fault(i, failure, round);
        s.turn++;
        continue;
      }
      const accept = result as boolean;
      if (accept) yes.add(participants[i]!);
      s.emit({ type: 'vote', round, turn: s.turn, party: participants[i]!, outcome: proposal, accept, final }, i);
      s.turn++;
    }
    return yes;
  };

  const finish = (reason: ProtocolOutcome['reason'], round: number, agreement: Bid | null, acceptedBy: string[]): ProtocolOutcome => {
    const time = s.relativeTime(round, rounds);
    s.emit({ type: 'finish', round, turn: s.turn, reason, time, agreement: agreement ? [...agreement] : null, acceptedBy });
    return { reason, agreement, acceptedBy, round, time };
  };

  let round = 0;
  for (; round < rounds; round++) {
    if (s.outOfTime()) break;
    if (!s.stillPossible()) return finish('fault', round, null, []);
    if (mutable.length === 0) break;
    const proposal = propose(text);
    s.emit({ type: 'propose', round, turn: s.turn, party: opts.mediatorId, outcome: proposal });
    const yes = yield* vote(round, proposal, text, false);
    if (s.ruleMet((i) => s.active[i]! && yes.has(participants[i]!))) {
      text = proposal;
      s.emit({ type: 'text', round, turn: s.turn, outcome: text, by: 'rule' });
    } else if (opts.strategy === 'annealing') {
      const rejections = participants.filter((id, i) => s.active[i] && !yes.has(id)).length;
      const T = temperature * (1 - round / rounds);
      if (T > 0 && rng.float() < Math.exp(-rejections / T)) {
        text = proposal;
        s.emit({ type: 'text', round, turn: s.turn, outcome: text, by: 'annealing' });
      }
    }
  }
  const last = Math.min(round, rounds - 1);
  if (!s.stillPossible()) return finish('fault', last, null, []);
  const yes = yield* vote(last, text, undefined, true);
  const acceptedBy = participants.filter((id) => yes.has(id) && s.isActive(id));
  if (s.ruleMet((i) => acceptedBy.includes(participants[i]!))) return finish('agreement', last, text, acceptedBy);
  return finish(s.stillPossible() ? 'deadline' : 'fault', last, null, []);

  /**
   * A variant of the text: one random issue changes, and each further change
   * follows with probability ½ (so that trades across issues can be found);
   * a mediator with preferences proposes its favourite of a few variants.
   */
  function propose(current: Bid): number[] {
    let best: number[] | undefined;
    let bestU = -Infinity;
    const draws = mediatorUtility ? candidates : 1;
    for (let k = 0; k < draws; k++) {
      const c = [...current];
      let changes = 1;
      while (changes < mutable.length && rng.float() < 0.5) changes++;
      for (let j = 0; j < changes; j++) {
        const issue = mutable[rng.int(0, mutable.length - 1)]!;
        const r = space.radices[issue]!;
        c[issue] = (c[issue]! + rng.int(1, r - 1)) % r;
      }
      if (c.every((x, i) => x === current[i])) {
        const issue = mutable[0]!;
        c[issue] = (c[issue]! + 1) % space.radices[issue]!;
      }
      const u = mediatorUtility ? mediatorUtility.utility(c) : 0;
      if (!best || u > bestU) {
        best = c;
        bestU = u;
      }
    }
    return best!;
  }
}
