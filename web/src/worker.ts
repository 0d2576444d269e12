// The engine's Web Worker: analysis, simulation, what-if and reports run here so the page never blocks.
/// <reference lib="webworker" />
import { ScenarioError, analyzeSpace } from 'parley';
import { utilityCloud } from './compute/cloud.ts';
import { ScenarioCache } from './compute/scenario-cache.ts';
import { simulate, summaryFromTrace } from './compute/simulate.ts';
import { whatIf } from './compute/what-if.ts';
import { htmlReport } from './compute/report.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const cache = new ScenarioCache();

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

async function handle(id: number, req: WorkerRequest): Promise<unknown> {
  switch (req.type) {
    case 'analyze': {
      const t0 = performance.now();
      const scenario = cache.get(req.scenario.source, req.scenario.variant);
      const analysis = analyzeSpace(scenario, { onProgress: progress(id, 'analysis') });
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
    case 'replay-trace': {
      const scenario = cache.get(req.scenario.source, req.scenario.variant);
      return summaryFromTrace(scenario, req.trace);
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
