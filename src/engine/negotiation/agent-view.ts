import type { OutcomeSpace } from '../model/outcome-space.ts';
import type { PartyEvaluator } from '../model/party-evaluator.ts';
import type { Rng } from '../util/rng.ts';
import type { AgentView, ProtocolName } from './agent.ts';
import { sortOutcomes, type SortedOutcomes } from './sorted-outcomes.ts';

/**
 * A party's compiled preferences plus its sorted outcomes, built once and
 * shared by every run on the same scenario (the engine side; agents never
 * receive this object, only a view made from it).
 */
export interface PreparedParty {
  readonly id: string;
  readonly evaluator: PartyEvaluator;
  /** Own outcomes sorted by own utility (lazy, cached). */
  sorted(): SortedOutcomes;
}

/** `presorted`: the party's table, sorted elsewhere (another thread), used instead of sorting here. */
export function prepareParty(space: OutcomeSpace, evaluator: PartyEvaluator, sortSeedRng: () => Rng, presorted?: SortedOutcomes): PreparedParty {
  let cache: SortedOutcomes | undefined = presorted;
  const ufun = evaluator.ufun;
  const hasLines = (evaluator.party.redLines?.length ?? 0) > 0;
  return {
    id: evaluator.party.id,
    evaluator,
    sorted() {
      if (!ufun) throw new Error(`party "${evaluator.party.id}" has no preferences`);
      cache ??= sortOutcomes(space, ufun, {
        rng: sortSeedRng(),
        ...(hasLines ? { exclude: (o: ArrayLike<number>) => evaluator.crossesRedLine(o) } : {}),
      });
      return cache;
    },
  };
}

export interface ViewContext {
  readonly space: OutcomeSpace;
  readonly participants: readonly string[];
  readonly protocol: ProtocolName;
  readonly deadline: { readonly rounds: number; readonly timeMs?: number };
  readonly rng: Rng;
}

/**
 * The view an agent gets: functions closed over its own compiled utility
 * only. Nothing reachable from it leads to the scenario or to another party.
 */
export function createAgentView(party: PreparedParty, ctx: ViewContext): AgentView {
  const ev = party.evaluator;
  const ufun = ev.ufun;
  const utility = ufun ? (o: readonly number[]) => ufun.utility(o) : () => 0;
  const p = ev.party;
  return Object.freeze({
    partyId: p.id,
    partyName: p.name,
    space: ctx.space,
    participants: Object.freeze([...ctx.participants]),
    protocol: ctx.protocol,
    deadline: Object.freeze({ ...ctx.deadline }),
    reservationValue: ev.reservationValue,
    discount: p.discount ? Object.freeze({ ...p.discount }) : undefined,
    utility,
    crossesRedLine: (o: readonly number[]) => ev.crossesRedLine(o),
    sorted: () => party.sorted(),
    rng: ctx.rng,
  });
}
