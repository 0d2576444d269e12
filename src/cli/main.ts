import { createProgram, runProgram } from './program.ts';
import { registerInspect } from './commands/inspect.ts';
import { registerAnalyze } from './commands/analyze.ts';
import { registerSchema } from './commands/schema.ts';
import { registerExport } from './commands/export.ts';
import { registerServe } from './commands/serve.ts';
import { registerRun } from './commands/run.ts';
import { registerCompare } from './commands/compare.ts';
import { registerSensitivity } from './commands/sensitivity.ts';
import { registerReport } from './commands/report.ts';
import { registerAgents } from './commands/agents.ts';

const program = createProgram();
registerInspect(program);
registerAnalyze(program);
registerSchema(program);
registerExport(program);
registerServe(program);
registerRun(program);
registerCompare(program);
registerSensitivity(program);
registerReport(program);
registerAgents(program);

process.exitCode = await runProgram(program, process.argv);
