// The HTML and Markdown report (see docs/what-if.md): pure functions returning strings.
import type { Scenario } from '../model/scenario.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown, type MarkdownReport } from './markdown.ts';
import { collectReport, type ReportData, type ReportOptions } from './report-data.ts';
import { reportBlocks } from './report-document.ts';

export { collectReport, type ReportData, type ReportOptions } from './report-data.ts';
export { reportBlocks } from './report-document.ts';
export { renderHtml } from './html.ts';
export { renderMarkdown, type MarkdownReport } from './markdown.ts';
export type { Block } from './blocks.ts';
export * from './svg.ts';
export * from './labels.ts';
export * from './chart-style.ts';

/** The report as one self-contained HTML page. */
export function htmlReport(data: ReportData): string {
  return renderHtml(`parley report: ${data.scenario.name}`, reportBlocks(data));
}

/** The report as Markdown with its SVG figures as separate files (names start with `prefix`). */
export function markdownReport(data: ReportData, prefix = 'report'): MarkdownReport {
  return renderMarkdown(reportBlocks(data), prefix);
}

/** Computes and renders in one call. */
export function buildReport(scenario: Scenario, format: 'html' | 'md', options: ReportOptions = {}, prefix = 'report'): string | MarkdownReport {
  const data = collectReport(scenario, options);
  return format === 'html' ? htmlReport(data) : markdownReport(data, prefix);
}
