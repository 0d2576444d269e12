// Runs a user-written agent module in a worker thread, so that an agent
// stuck in a synchronous loop can be cut off (terminated) instead of hanging
// the run. Node only; the engine stays free of Node APIs.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Issue } from '../engine/model/issue.ts';
import type { Party } from '../engine/model/party.ts';
import type { Scenario } from '../engine/model/scenario.ts';
import type { Action, Agent, AgentFactory, AgentView, OfferTurn, ProtocolName, VoteTurn } from '../engine/negotiation/agent.ts';
import type { TraceEvent } from '../engine/negotiation/events.ts';
import { TURN_LIMIT_ERROR } from '../engine/negotiation/driver.ts';
import { DEFAULT_TURN_TIME_LIMIT_MS } from '../engine/negotiation/negotiate.ts';

/** What the worker gets to rebuild its party's own view: nothing about any other party. */
export interface WorkerInit {
  readonly type: 'init';
  readonly issues: readonly Issue[];
  /** Only this party: its preferences, reservation, discount and red lines. */
  readonly party: Pick<Party, 'id' | 'name' | 'role' | 'preferences' | 'reservation' | 'discount' | 'redLines'>;
  readonly participants: readonly string[];
  readonly protocol: ProtocolName;
  readonly deadline: { readonly rounds: number; readonly timeMs?: number };
  /** Seed of the agent's random stream, drawn from the view's own stream (so runs stay reproducible). */
  readonly rngSeed: number;
}

export type HostMessage =
  | WorkerInit
  | { readonly type: 'call'; readonly id: number; readonly method: 'respond' | 'vote'; readonly arg: OfferTurn | VoteTurn }
  | { readonly type: 'observe'; readonly event: TraceEvent };

export type WorkerMessage =
  | { readonly type: 'ready'; readonly name: string; readonly vote: boolean; readonly observe: boolean }
  | { readonly type: 'failed'; readonly error: string }
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: string };

export interface WorkerData {
  readonly port: MessagePort;
  /** Set to 1 (and notified) once the agent is built or has failed to load. */
  readonly signal: Int32Array;
  readonly moduleUrl: string;
  readonly exportName: string;
}

/** Limits of a worker agent: time per turn and at start-up, heap size, and its name. */
export interface WorkerAgentOptions {
  /** Per-call limit in ms; a call that overruns it has its worker terminated. Use the run's `turnTimeLimitMs` (default 10 000). */
  readonly turnTimeLimitMs?: number;
  /** How long loading the module and building the agent may take (default: the larger of 10 s and the turn limit). */
  readonly startupTimeLimitMs?: number;
  /** The agent's name in results and traces (default: the agent's own `name`). */
  readonly name?: string;
  /**
   * Heap limit of each agent's worker in MB (default 512; `resourceLimits.maxOldGenerationSizeMb`).
   * A worker that reaches it is stopped and its agent faults. Buffers and typed
   * arrays live outside the heap and are not bounded by it.
   */
  readonly maxOldGenerationSizeMb?: number;
}

/** Default heap limit of an agent's worker (MB). */
export const DEFAULT_AGENT_HEAP_MB = 512;

export interface WorkerAgentFactory extends AgentFactory {
  readonly agentName?: string;
  /** Terminates every worker this factory started that is still running. */
  close(): Promise<void>;
  /** Number of this factory's workers still running. */
  readonly running: number;
  /** Why agents of this factory could not start (module not loaded, or not within the start-up limit), one message each. */
  readonly startFailures: readonly string[];
}

/** The thread script beside this module: TypeScript in a source checkout, JavaScript in the build. */
const THREAD_URL = new URL(import.meta.url.endsWith('.ts') ? './worker-agent-thread.ts' : './worker-agent-thread.js', import.meta.url).href;
/** Whether a module URL is TypeScript (needs tsx's loader). */
const isTypeScript = (url: string): boolean => /\.[cm]?ts(?:[?#].*)?$/.test(url);
/** tsx's ESM API (`import` condition of its `./esm/api` export; `require.resolve` would give the CommonJS one). Looked up only when needed. */
let tsxApiUrl: string | undefined;
function tsxApi(): string {
  if (tsxApiUrl) return tsxApiUrl;
  const pkgPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return (tsxApiUrl = pathToFileURL(join(dirname(pkgPath), pkg.exports['./esm/api']!.import.default)).href);
}
/**
 * The worker's entry. When the thread script or the agent module is
 * TypeScript, it first registers tsx's loader (on Node 20 neither a `.ts`
 * worker entry nor `--import tsx` in the worker's execArgv gets the loader,
 * hence this small CommonJS bootstrap); a `.js`/`.mjs` agent run from the
 * build loads without tsx.
 */
function bootstrap(moduleUrl: string): string {
  if (!isTypeScript(THREAD_URL) && !isTypeScript(moduleUrl)) return `import(${JSON.stringify(THREAD_URL)})`;
  return `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(THREAD_URL)}); })`;
}

/**
 * An agent factory whose agents run the module's exported factory
 * `(view: AgentView) => Agent` in their own worker thread. Use it with the
 * asynchronous runner `negotiate` (each call answers with a promise).
 *
 * The factory blocks (up to `startupTimeLimitMs`) while the worker loads the
 * module and builds the agent, so loading does not count against the first
 * turn. The worker receives the outcome space, the protocol's public facts
 * and this party's own preferences only. A call that overruns the turn limit
 * gets its worker terminated; errors in the worker reject the call. Both
 * become faults of that party. Workers end at the run's `finish` event, on a
 * fault, or with `close()`; an idle worker never keeps the process alive.
 */
export function createWorkerAgentFactory(scenario: Scenario, modulePath: string, exportName = 'default', options: WorkerAgentOptions = {}): WorkerAgentFactory {
  const limit = options.turnTimeLimitMs ?? DEFAULT_TURN_TIME_LIMIT_MS;
  const startupLimit = options.startupTimeLimitMs ?? Math.max(10_000, Number.isFinite(limit) ? limit : 0);
  const moduleUrl = pathToFileURL(resolve(modulePath)).href;
  const live = new Set<WorkerAgent>();
  const startFailures: string[] = [];
  const heapMb = options.maxOldGenerationSizeMb ?? DEFAULT_AGENT_HEAP_MB;
  const factory = (view: AgentView): Agent => {
    const party = scenario.parties.find((p) => p.id === view.partyId);
    if (!party) throw new Error(`party "${view.partyId}" is not in the scenario given to the worker agent factory`);
    const init: WorkerInit = {
      type: 'init',
      issues: scenario.issues,
      party: {
        id: party.id,
        name: party.name,
        role: party.role,
        ...(party.preferences ? { preferences: party.preferences } : {}),
        ...(party.reservation ? { reservation: party.reservation } : {}),
        ...(party.discount ? { discount: party.discount } : {}),
        ...(party.redLines ? { redLines: party.redLines } : {}),
      },
      participants: view.participants,
      protocol: view.protocol,
      deadline: view.deadline,
      rngSeed: view.rng.int(-0x80000000, 0x7fffffff),
    };
    const agent = new WorkerAgent(init, { moduleUrl, exportName, limit, startupLimit, heapMb, label: `${basename(modulePath)}${exportName === 'default' ? '' : `#${exportName}`}` }, live);
    if (agent.startFailure) startFailures.push(`${modulePath}${exportName === 'default' ? '' : `#${exportName}`} (party ${view.partyId}): the agent ${agent.startFailure}`);
    return agent.asAgent();
  };
  const f = Object.assign(factory, {
    ...(options.name !== undefined ? { agentName: options.name } : {}),
    startFailures,
    close: async () => {
      await Promise.all([...live].map((a) => a.kill('was closed')));
    },
  });
  return Object.defineProperty(f, 'running', { get: () => live.size }) as typeof f & { readonly running: number };
}

interface Pending {
  readonly id: number;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: Error) => void;
  readonly timer: ReturnType<typeof setTimeout> | undefined;
}

class WorkerAgent {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private dead: string | undefined;
  private pending: Pending | undefined;
  private seq = 0;
  private name: string;
  private hasVote = false;
  private hasObserve = false;
  /** Why the agent could not start, when it could not. */
  startFailure: string | undefined;

  constructor(
    init: WorkerInit,
    private readonly cfg: { moduleUrl: string; exportName: string; limit: number; startupLimit: number; heapMb: number; label: string },
    private readonly live: Set<WorkerAgent>,
  ) {
    this.name = cfg.label;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const workerData: WorkerData = { port: port2, signal, moduleUrl: cfg.moduleUrl, exportName: cfg.exportName };
    this.worker = new Worker(bootstrap(cfg.moduleUrl), {
      eval: true,
      workerData,
      transferList: [port2],
      execArgv: process.execArgv.filter((a) => !a.startsWith('--max-old-space-size')),
      stdout: true,
      // Each worker has a heap of its own: without a limit it could grow to the machine's default (~4 GB).
      resourceLimits: { maxOldGenerationSizeMb: cfg.heapMb, maxYoungGenerationSizeMb: 32 },
    });
    // The agent's console output goes to stderr, so that it cannot garble `--json` output.
    this.worker.stdout.pipe(process.stderr, { end: false });
    live.add(this);
    this.worker.on('error', (err) => void this.kill(`its worker failed: ${err instanceof Error ? err.message : String(err)}`));
    this.worker.on('exit', (code) => void this.kill(`its worker exited (code ${code})`));
    port1.on('message', (m: WorkerMessage) => this.onMessage(m));
    port1.postMessage(init satisfies HostMessage);
    // Wait (blocking) for the worker to load the module and build the agent.
    const waited = Atomics.wait(signal, 0, 0, cfg.startupLimit);
    const first = receiveMessageOnPort(port1)?.message as WorkerMessage | undefined;
    if (waited === 'timed-out' || !first) {
      this.startFailure = `did not load within ${cfg.startupLimit} ms (does its module loop or wait at load time?); its worker was terminated`;
      void this.kill(this.startFailure);
    } else if (first.type === 'failed') {
      this.startFailure = `could not be loaded: ${first.error}`;
      void this.kill(this.startFailure);
    }
    else if (first.type === 'ready') {
      this.name = first.name || cfg.label;
      this.hasVote = first.vote;
      this.hasObserve = first.observe;
    }
    this.idle();
  }

  /** The agent handed to the runner. */
  asAgent(): Agent {
    const agent: Agent = {
      name: this.name,
      respond: (turn) => this.call('respond', turn) as Promise<Action>,
      observe: (event) => this.observe(event),
    };
    // Without a vote method the runner records `unsupported`, as for a built-in agent.
    return this.hasVote || this.dead ? { ...agent, vote: (turn) => this.call('vote', turn) as Promise<boolean> } : agent;
  }

  private idle(): void {
    this.worker.unref();
    this.port.unref();
  }

  private observe(event: TraceEvent): void {
    if (this.dead) return;
    if (this.hasObserve) this.port.postMessage({ type: 'observe', event } satisfies HostMessage);
    if (event.type === 'finish') void this.kill('the run has finished');
  }

  private call(method: 'respond' | 'vote', arg: OfferTurn | VoteTurn): Promise<unknown> {
    if (this.dead) return Promise.reject(new Error(`${method}(): the agent ${this.dead}`));
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      const limit = this.cfg.limit;
      const timer = Number.isFinite(limit)
        ? setTimeout(() => {
            const reason = `${method}() did not answer within the per-turn limit of ${limit} ms; its worker was terminated`;
            // Reject a moment later, so the runner's own timer (same limit) records the fault as `no-answer`.
            const p = this.pending;
            this.pending = undefined;
            void this.kill(reason);
            const err = Object.assign(new Error(reason), { name: TURN_LIMIT_ERROR });
            if (p) setTimeout(() => p.reject(err), 20);
          }, limit)
        : undefined;
      this.pending = { id, resolve, reject, timer };
      this.worker.ref();
      this.port.ref();
      this.port.postMessage({ type: 'call', id, method, arg } satisfies HostMessage);
    });
  }

  private onMessage(m: WorkerMessage): void {
    const p = this.pending;
    if (m.type !== 'reply' || !p || m.id !== p.id) return;
    this.pending = undefined;
    if (p.timer !== undefined) clearTimeout(p.timer);
    this.idle();
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(m.error));
  }

  /** Ends the worker (idempotent) and fails a call in progress. */
  kill(reason: string): Promise<unknown> {
    if (this.dead) return Promise.resolve();
    this.dead = reason;
    this.live.delete(this);
    const p = this.pending;
    this.pending = undefined;
    if (p) {
      if (p.timer !== undefined) clearTimeout(p.timer);
      p.reject(new Error(`the agent ${reason}`));
    }
    this.port.close();
    return this.worker.terminate();
  }
}
