import { createProgram, runProgram } from './program.ts';
import { registerInspect } from './commands/inspect.ts';
import { registerSchema } from './commands/schema.ts';

const program = createProgram();
registerInspect(program);
registerSchema(program);

process.exitCode = await runProgram(program, process.argv);
