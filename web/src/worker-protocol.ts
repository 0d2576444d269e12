// Messages between the page and the engine worker.
import type { AnalysisResult, Diagnostic } from 'parley';
import type { Cloud } from './compute/cloud.ts';
import type { SimulationSummary } from './compute/simulate.ts';

/** The scenario to work on: native source text, optionally with one of its variants applied. */
export interface ScenarioRef {
  readonly source: string;
  readonly variant?: string;
}

export type WorkerRequest =
  | { readonly type: 'analyze'; readonly scenario: ScenarioRef; readonly pair: readonly [string, string] | null }
  | { readonly type: 'cloud'; readonly scenario: ScenarioRef; readonly pair: readonly [string, string] }
  | {
      readonly type: 'simulate';
      readonly scenario: ScenarioRef;
      readonly protocol: 'aop' | 'saop' | 'single-text';
      readonly agents: readonly string[];
      readonly rounds: number;
      readonly seed: number;
      readonly repeats: number;
    }
  /** A recorded negotiation (a live session's JSON Lines trace) as a Simulation run. */
  | { readonly type: 'replay-trace'; readonly scenario: ScenarioRef; readonly trace: string }
  | { readonly type: 'what-if'; readonly scenario: ScenarioRef; readonly variants: readonly string[]; readonly seed: number }
  | { readonly type: 'report'; readonly scenario: ScenarioRef; readonly seed: number };

export interface AnalyzeReply {
  readonly analysis: AnalysisResult;
  readonly cloud: Cloud | null;
  readonly ms: number;
}

export interface WhatIfReply {
  /** JSON-safe what-if results (see compute/what-if.ts). */
  readonly value: unknown;
}

export type WorkerReply =
  | { readonly id: number; readonly type: 'progress'; readonly done: number; readonly total: number; readonly stage?: string }
  | { readonly id: number; readonly type: 'result'; readonly value: unknown }
  | { readonly id: number; readonly type: 'error'; readonly message: string; readonly diagnostics?: readonly Diagnostic[] };

export type { SimulationSummary };
