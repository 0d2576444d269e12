import type { Block } from './blocks.ts';
import type { ReportData } from './report-data.ts';
import { analysisSection } from './sections/analysis.ts';
import { sectionContext } from './sections/context.ts';
import { introSection } from './sections/intro.ts';
import { questionsSection } from './sections/questions.ts';
import { rerunSection } from './sections/rerun.ts';
import { rulesSection } from './sections/rules.ts';
import { scenarioSection } from './sections/scenario.ts';
import { sensitivitySection } from './sections/sensitivity.ts';

/** The report's sections, in order; each is a module under sections/ that turns the report data into blocks. */
const SECTIONS = [introSection, scenarioSection, analysisSection, questionsSection, rulesSection, sensitivitySection, rerunSection];

/** The report as blocks. */
export function reportBlocks(data: ReportData): Block[] {
  const ctx = sectionContext(data);
  return SECTIONS.flatMap((section) => section(ctx));
}
