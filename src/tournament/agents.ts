// How tournament agents are resolved at the Node edge: the built-in registry, user agent modules, and prefixed sources (Node only).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { agentFactory } from '../engine/agents/registry.ts';
import type { AgentFactory } from '../engine/negotiation/agent.ts';
import type { AgentResolver } from '../engine/negotiation/negotiate.ts';
import { agentModuleOf } from '../node/agent-module.ts';
import { remoteAgentSource } from './remote-source.ts';

/**
 * Agent sources by spec prefix (`prefix:rest`), consulted before the
 * built-in registry: remote entrants (`remote:NAME`, remote-source.ts), and
 * any other source registered with `registerAgentSource`.
 */
const SOURCES = new Map<string, AgentSource>([[remoteAgentSource.prefix, remoteAgentSource]]);

/** A source of agents named `prefix:…` in a tournament. */
export interface AgentSource {
  readonly prefix: string;
  /** Resolves the full spec (prefix included); throws with a clear message when unknown. */
  resolve(spec: string): AgentFactory;
  /** Whether its agents may answer asynchronously (they then run under the asynchronous runner). */
  readonly async: boolean;
}

/** Adds an agent source (see `SOURCES`). */
export function registerAgentSource(source: AgentSource): void {
  SOURCES.set(source.prefix, source);
}

function sourceOf(spec: string): AgentSource | undefined {
  const colon = spec.indexOf(':');
  return colon > 0 ? SOURCES.get(spec.slice(0, colon)) : undefined;
}

/** Whether an agent spec names a module file (a user-written agent). */
export function isModuleAgent(spec: string): boolean {
  return agentModuleOf(spec) !== undefined;
}

/** Whether an agent may answer asynchronously: module agents and agents of asynchronous sources. */
export function isAsyncAgent(spec: string): boolean {
  return isModuleAgent(spec) || (sourceOf(spec)?.async ?? false);
}

/** An agent module could not be loaded, or does not export a factory. */
export class AgentModuleError extends Error {
  override name = 'AgentModuleError';
}

let tsxRegistered = false;

/**
 * Imports a module, TypeScript included (through tsx's loader when the
 * thread has none).
 */
async function importModule(url: string): Promise<Record<string, unknown>> {
  // A worker thread on Node 20 does not inherit tsx's ESM hooks: register them there before a TypeScript module.
  if (!isMainThread && /\.[cm]?ts$/.test(url)) await registerTsx();
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (e) {
    if (tsxRegistered || (e as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
    await registerTsx();
    // A failed import is cached by URL: ask again under another one.
    return (await import(`${url}?tsx`)) as Record<string, unknown>;
  }
}

async function registerTsx(): Promise<void> {
  if (tsxRegistered) return;
  const { register } = await import('tsx/esm/api');
  register();
  tsxRegistered = true;
}

/**
 * Imports the agent modules among `specs` (absolute `path[#export]`), and
 * checks that each export is a function (a factory `(view) => Agent`).
 * Returns the factories by spec, and the problems by spec.
 */
export async function loadAgentModules(specs: readonly string[]): Promise<{ factories: Map<string, AgentFactory>; problems: Map<string, string> }> {
  const factories = new Map<string, AgentFactory>();
  const problems = new Map<string, string>();
  for (const spec of new Set(specs)) {
    const m = agentModuleOf(spec);
    if (!m) continue;
    try {
      const mod = await importModule(pathToFileURL(resolve(m.path)).href);
      const f = mod[m.exportName];
      if (typeof f !== 'function') problems.set(spec, `the agent module ${m.path} has no exported function "${m.exportName}"`);
      else factories.set(spec, f as AgentFactory);
    } catch (e) {
      problems.set(spec, `the agent module ${m.path} could not be loaded: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }
  return { factories, problems };
}

/**
 * The Node edge's agent resolver: loaded module factories by spec, then
 * prefixed sources, then the built-in registry (`name:key=value`).
 */
export function nodeAgentResolver(modules: ReadonlyMap<string, AgentFactory>): AgentResolver {
  return (spec) => {
    const f = modules.get(spec);
    if (f) return f;
    if (isModuleAgent(spec)) throw new AgentModuleError(`the agent module ${spec} was not loaded`);
    const source = sourceOf(spec);
    if (source) return source.resolve(spec);
    return agentFactory(spec);
  };
}
