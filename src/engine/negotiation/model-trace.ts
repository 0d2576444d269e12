import type { Agent } from './agent.ts';
import type { TraceEvent } from './events.ts';

/** One opponent-model estimate: agent `by` (a party id) estimates `about`'s utility of the offer `about` made at `turn`. */
export interface ModelEstimate {
  readonly turn: number;
  readonly round: number;
  /** The party whose agent holds the model. */
  readonly by: string;
  /** The party that made the offer (the modelled one). */
  readonly about: string;
  /** The model's kind. */
  readonly model: string;
  readonly outcome: readonly number[];
  /** Estimated utility for `about`, in [0, 1]. */
  readonly utility: number;
}

/** A model's final linear additive estimate of a party (see `OpponentModelProbe.linear`). */
export interface ModelSnapshot {
  readonly by: string;
  readonly about: string;
  readonly model: string;
  readonly weights: readonly number[];
  readonly values: readonly (readonly number[])[];
}

/**
 * What the agents' opponent models believed during a run (recorded only with
 * `recordModels`). It holds estimates, never a party's true preferences: the
 * truth is joined in after the run by `opponentModelAccuracy`.
 */
export interface ModelTrace {
  /** After each offer, every other participant's model estimate of the offer's utility for its proposer. */
  readonly estimates: readonly ModelEstimate[];
  /** At the end, each model's linear estimate of each other participant (when the model has that form). */
  readonly snapshots: readonly ModelSnapshot[];
}

/** Collects estimates from agents' opponent models as offers are made (engine side; agents never see it). */
export class ModelRecorder {
  private readonly estimates: ModelEstimate[] = [];

  constructor(
    private readonly participants: readonly string[],
    private readonly agents: readonly Agent[],
    private readonly isActive: (i: number) => boolean,
  ) {}

  /** Called after an event has been shown to the agents (so models have seen the offer). */
  onEvent(e: TraceEvent): void {
    if (e.type !== 'offer') return;
    for (let i = 0; i < this.agents.length; i++) {
      const by = this.participants[i]!;
      const probe = this.agents[i]!.opponentModel;
      if (!probe || by === e.party || !this.isActive(i)) continue;
      const u = safe(() => probe.utility(e.party, e.outcome));
      if (u === undefined || !Number.isFinite(u)) continue;
      this.estimates.push({ turn: e.turn, round: e.round, by, about: e.party, model: probe.name, outcome: e.outcome, utility: u });
    }
  }

  /** The trace, with each model's final linear estimate of every other participant. */
  finish(): ModelTrace {
    const snapshots: ModelSnapshot[] = [];
    this.agents.forEach((a, i) => {
      const probe = a.opponentModel;
      if (!probe?.linear) return;
      const by = this.participants[i]!;
      for (const about of this.participants) {
        if (about === by) continue;
        const lin = safe(() => probe.linear!(about));
        if (!lin) continue;
        snapshots.push({ by, about, model: probe.name, weights: [...lin.weights], values: lin.values.map((v) => [...v]) });
      }
    });
    return { estimates: this.estimates, snapshots };
  }
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

