import { createProgram, runProgram } from './program.ts';
import { registerInspect } from './commands/inspect.ts';
import { registerAnalyze } from './commands/analyze.ts';
import { registerSchema } from './commands/schema.ts';
import { registerExport } from './commands/export.ts';
import { registerRun } from './commands/run.ts';

const program = createProgram();
registerInspect(program);
registerAnalyze(program);
registerSchema(program);
registerExport(program);
registerRun(program);

process.exitCode = await runProgram(program, process.argv);
