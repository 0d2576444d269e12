// Remote entrants of a tournament (`remote:NAME`): the agent source that names them. Their
// negotiations run as live sessions through the tournament's lobby (remote-pool.ts), never in a
// worker thread. Node only.
import type { AgentFactory } from '../engine/negotiation/agent.ts';
import { lobbyName } from '../server/live/protocol.ts';

export const REMOTE_PREFIX = 'remote';

/** The entrant name of a `remote:NAME` spec, or undefined for any other agent. */
export function remoteNameOf(spec: string): string | undefined {
  return spec.startsWith(`${REMOTE_PREFIX}:`) ? spec.slice(REMOTE_PREFIX.length + 1) : undefined;
}

/** Checks a `remote:NAME` spec; throws with a clear message when NAME is not a valid entrant name. */
export function checkRemoteSpec(spec: string): string {
  const name = remoteNameOf(spec) ?? '';
  const r = lobbyName.safeParse(name);
  if (!r.success) throw new Error(`"${spec}": ${r.error.issues[0]?.message ?? 'not a valid remote entrant name'} (as remote:NAME, e.g. remote:alpha)`);
  return name;
}

/** The source of `remote:NAME` agents: checks the name; the factory itself is never called in a thread. */
export const remoteAgentSource = {
  prefix: REMOTE_PREFIX,
  async: true,
  resolve(spec: string): AgentFactory {
    checkRemoteSpec(spec);
    return () => {
      throw new Error(`${spec} is a remote entrant: its negotiations run as live sessions through the tournament's lobby (parley tournament starts it), not in this runner`);
    };
  },
};

/** The remote entrants' names of a tournament's agent specs (in order, each once). */
export function remoteEntrants(specs: readonly string[]): string[] {
  return [...new Set(specs.map(remoteNameOf).filter((n): n is string => n !== undefined))];
}
