// The engine's Web Worker: analysis, simulation, play and what-if run here so the page never blocks.
/// <reference lib="webworker" />
import { analyze } from '../../src/engine/analysis/analyze.ts';
import { ScenarioError } from '../../src/engine/model/diagnostics.ts';
import type { Scenario } from '../../src/engine/model/scenario.ts';
import { readNative } from '../../src/engine/formats/native/index.ts';
import { applyVariant } from '../../src/engine/formats/native/index.ts';
import { utilityCloud } from './compute/cloud.ts';
import { PlayGame } from './compute/play.ts';
import { ScenarioCache } from './compute/scenario-cache.ts';
import { simulate } from './compute/simulate.ts';
import { whatIf } from './compute/what-if.ts';
import { htmlReport } from './compute/report.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const cache = new ScenarioCache();
let game: PlayGame | undefined;

function post(reply: WorkerReply): void {
  self.postMessage(reply);
}

function progress(id: number, stage: string) {
  let last = 0;
  return (done: number, total: number) => {
    const now = performance.now();
    if (now - last < 50 && done < total) return;
    last = now;
    post({ id, type: 'progress', done, total, stage });
  };
}

/** Play fetches its scenario itself, so the page never holds the opponents' preferences during a game. */
async function fetchScenario(apiBase: string, id: string, variant?: string): Promise<Scenario> {
  const res = await fetch(new URL(`scenarios/${encodeURIComponent(id)}`, apiBase));
  if (!res.ok) throw new Error(`could not load scenario ${id}: ${res.status}`);
  const body = (await res.json()) as { source: string };
  const base = readNative(`${id}.yaml`, body.source);
  return variant ? applyVariant(base, variant) : base;
}

async function handle(id: number, req: WorkerRequest): Promise<unknown> {
  switch (req.type) {
    case 'analyze': {
      const t0 = performance.now();
      const scenario = cache.get(req.scenario.source, req.scenario.variant);
      const analysis = analyze(scenario, { onProgress: progress(id, 'analysis') });
      const cloud = req.pair ? utilityCloud(scenario, req.pair[0], req.pair[1], { onProgress: progress(id, 'plot') }) : null;
      return { analysis, cloud, ms: performance.now() - t0 };
    }
    case 'cloud': {
      const scenario = cache.get(req.scenario.source, req.scenario.variant);
      return utilityCloud(scenario, req.pair[0], req.pair[1], { onProgress: progress(id, 'plot') });
    }
    case 'simulate': {
      const scenario = cache.get(req.scenario.source, req.scenario.variant);
      return simulate(scenario, req, progress(id, 'runs'));
    }
    case 'play-start': {
      const scenario = await fetchScenario(req.apiBase, req.scenarioId, req.variant);
      game = new PlayGame(scenario, req.party, req.opponents, req.rounds, req.seed);
      return game.settle();
    }
    case 'play-evaluate': {
      if (!game) throw new Error('no game in progress');
      return game.evaluate(req.outcome);
    }
    case 'play-move': {
      if (!game) throw new Error('no game in progress');
      return game.move(req.move);
    }
    case 'what-if': {
      const scenario = cache.get(req.scenario.source);
      return whatIf(scenario, req.variants, req.seed);
    }
    case 'report': {
      const scenario = cache.get(req.scenario.source, req.scenario.variant);
      return htmlReport(scenario, req.seed, (stage) => post({ id, type: 'progress', done: 0, total: 1, stage }));
    }
  }
}

self.onmessage = (ev: MessageEvent<{ id: number; request: WorkerRequest }>) => {
  const { id, request } = ev.data;
  handle(id, request).then(
    (value) => post({ id, type: 'result', value }),
    (e: unknown) => {
      if (e instanceof ScenarioError) post({ id, type: 'error', message: e.message, diagnostics: e.diagnostics });
      else post({ id, type: 'error', message: e instanceof Error ? e.message : String(e) });
    },
  );
};
