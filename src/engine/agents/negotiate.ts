// The negotiation runner with the built-in agent registry injected: agents may be given by name.
import type { Scenario } from '../model/scenario.ts';
import { runNegotiation, runNegotiationSync, type NegotiationOptions, type NegotiationResult } from '../negotiation/negotiate.ts';
import { agentFactory } from './registry.ts';

/**
 * Runs a negotiation with synchronous agents (the fast path). Agents are
 * built-in names (`boulware`, `time-dependent:e=0.5`, …) or factories; pass
 * `resolveAgent` to use another registry. An agent that answers with a
 * promise is recorded as a fault; use {@link negotiate} for asynchronous agents.
 */
export function negotiateSync(scenario: Scenario, options: NegotiationOptions): NegotiationResult {
  return runNegotiationSync(scenario, { ...options, resolveAgent: options.resolveAgent ?? agentFactory });
}

/**
 * Runs a negotiation whose agents may be asynchronous: a promise that does
 * not settle within the per-turn limit is cut off and recorded as a fault.
 */
export function negotiate(scenario: Scenario, options: NegotiationOptions): Promise<NegotiationResult> {
  return runNegotiation(scenario, { ...options, resolveAgent: options.resolveAgent ?? agentFactory });
}
