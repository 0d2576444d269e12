// The worker side of worker-agent.ts: loads the agent module, rebuilds the
// party's own view from what the host sent, and answers one call at a time.
import { workerData } from 'node:worker_threads';
import { OutcomeSpace } from '../engine/model/outcome-space.ts';
import { compileParty } from '../engine/model/party-evaluator.ts';
import type { Party } from '../engine/model/party.ts';
import type { Agent, AgentFactory } from '../engine/negotiation/agent.ts';
import { createAgentView, prepareParty } from '../engine/negotiation/agent-view.ts';
import { createRng } from '../engine/util/rng.ts';
import type { HostMessage, WorkerData, WorkerInit, WorkerMessage } from './worker-agent.ts';

/** The engine's fixed seed of the sampled sort fallback (see prepareScenario), so sorted outcomes match the host's. */
const SORT_SEED = 0x5eed;

const { port, signal, moduleUrl, exportName } = workerData as WorkerData;
const post = (m: WorkerMessage) => port.postMessage(m);
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function build(init: WorkerInit): Promise<Agent> {
  const mod = (await import(moduleUrl)) as Record<string, unknown>;
  const factory = mod[exportName];
  if (typeof factory !== 'function') throw new Error(`the module has no exported function "${exportName}"`);
  const space = new OutcomeSpace(init.issues);
  const party = prepareParty(space, compileParty(space, init.party as Party), () => createRng(SORT_SEED));
  const view = createAgentView(party, { space, participants: init.participants, protocol: init.protocol, deadline: init.deadline, rng: createRng(init.rngSeed) });
  const agent = (factory as AgentFactory)(view);
  if (!agent || typeof agent.respond !== 'function') throw new Error(`"${exportName}" did not return an agent (an object with a respond method)`);
  return agent;
}

let agent: Agent | undefined;
/** A failure in observe() is reported at the next call (observe itself has no answer). */
let broken: string | undefined;

async function handle(m: HostMessage): Promise<void> {
  if (m.type === 'observe') {
    if (broken || !agent?.observe) return;
    try {
      agent.observe(m.event);
    } catch (e) {
      broken = `observe() threw: ${message(e)}`;
    }
    return;
  }
  if (m.type !== 'call') return;
  try {
    if (broken) throw new Error(broken);
    if (!agent) throw new Error('the agent was not built');
    const value = m.method === 'respond' ? await agent.respond(m.arg as Parameters<Agent['respond']>[0]) : await agent.vote!(m.arg as Parameters<NonNullable<Agent['vote']>>[0]);
    post({ type: 'reply', id: m.id, ok: true, value });
  } catch (e) {
    post({ type: 'reply', id: m.id, ok: false, error: message(e) });
  }
}

port.once('message', (init: WorkerInit) => {
  build(init)
    .then(
      (a) => {
        agent = a;
        post({ type: 'ready', name: typeof a.name === 'string' ? a.name : '', vote: typeof a.vote === 'function', observe: typeof a.observe === 'function' });
      },
      (e: unknown) => post({ type: 'failed', error: message(e) }),
    )
    .finally(() => {
      Atomics.store(signal, 0, 1);
      Atomics.notify(signal, 0);
      // Calls are handled strictly in order, even when the agent answers asynchronously.
      let chain = Promise.resolve();
      port.on('message', (m: HostMessage) => {
        chain = chain.then(() => handle(m));
      });
    });
});
