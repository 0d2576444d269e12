// Test support (Node only) for agents: shared ANAC scenarios, and driving one agent by hand.
import { join } from 'node:path';
import { importScenario } from '../engine/formats/index.ts';
import type { Scenario } from '../engine/model/scenario.ts';
import type { Action, Agent, AgentFactory, AgentView, Bid, OfferTurn, ProtocolName } from '../engine/negotiation/agent.ts';
import { createAgentView } from '../engine/negotiation/agent-view.ts';
import { prepareScenario } from '../engine/negotiation/negotiate.ts';
import { createRng } from '../engine/util/rng.ts';
import { loadSourceFiles } from '../node/load-files.ts';
import { SCENARIOS_DIR } from './shared.ts';

const cache = new Map<string, Scenario>();

/** A GENIUS ANAC scenario from ../shared, e.g. `y2012/CameraA` (cached, so its sorted outcomes are shared by every test). */
export function anacScenario(rel: string): Scenario {
  let s = cache.get(rel);
  if (!s) {
    s = importScenario(loadSourceFiles([join(SCENARIOS_DIR, 'genius/anac', rel)]));
    cache.set(rel, s);
  }
  return s;
}

/** The view a party's agent gets, built as the runner builds it. */
export function viewFor(
  scenario: Scenario,
  partyIndex: number,
  options: { rounds?: number; seed?: number; protocol?: ProtocolName } = {},
): AgentView {
  const prep = prepareScenario(scenario);
  const participants = scenario.parties.map((p) => p.id);
  const id = participants[partyIndex]!;
  return createAgentView(prep.parties.get(id)!, {
    space: prep.space,
    participants,
    protocol: options.protocol ?? (participants.length === 2 ? 'aop' : 'saop'),
    deadline: { rounds: options.rounds ?? 1000 },
    rng: createRng(options.seed ?? 1),
  });
}

/**
 * Drives one agent by hand as the protocol would: `offer(bid, t)` shows it an
 * opponent's offer (observe, then its turn) and returns its answer.
 */
export class AgentDriver {
  readonly agent: Agent;
  private turnNo = 0;
  constructor(
    readonly view: AgentView,
    factory: AgentFactory,
    readonly opponent: string = view.participants.find((p) => p !== view.partyId)!,
  ) {
    this.agent = factory(view);
  }
  /** The agent's move when it opens (no offer on the table). */
  open(t = 0): Action {
    return sync(this.agent.respond(this.turn(t, undefined)));
  }
  /** Shows the opponent's offer, then asks for the agent's move at time t. */
  offer(bid: Bid, t: number, from = this.opponent): Action {
    const round = Math.floor(t * (this.view.deadline.rounds - 1));
    this.agent.observe?.({ type: 'offer', round, turn: this.turnNo++, party: from, outcome: [...bid] });
    return sync(this.agent.respond(this.turn(t, bid, from)));
  }
  private turn(t: number, bid: Bid | undefined, from?: string): OfferTurn {
    return { round: Math.floor(t * (this.view.deadline.rounds - 1)), turn: this.turnNo++, time: t, offer: bid, proposer: bid ? from : undefined };
  }
}

function sync(a: Action | Promise<Action>): Action {
  if (a instanceof Promise) throw new Error('the agent answered with a promise');
  return a;
}
