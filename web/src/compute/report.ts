// The HTML report: the engine's report (collectReport → htmlReport), made in the worker.
import { collectReport, htmlReport as renderReport } from 'parley';
import type { Scenario } from 'parley';

/** A file name for a scenario's report: its name with only safe characters. */
export function reportFileName(scenarioName: string): string {
  return `${scenarioName.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'scenario'}-report.html`;
}

export function htmlReport(scenario: Scenario, seed: number, onStage?: (stage: string) => void): { html: string; fileName: string } {
  const data = collectReport(scenario, { seed, command: 'parley serve → Report (or: parley report SCENARIO --out report.html)', ...(onStage ? { onStage } : {}) });
  return { html: renderReport(data), fileName: reportFileName(scenario.name) };
}
