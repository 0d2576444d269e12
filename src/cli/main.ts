import { createProgram, runProgram } from './program.ts';
import { registerInspect } from './commands/inspect.ts';

const program = createProgram();
registerInspect(program);

process.exitCode = await runProgram(program, process.argv);
