import { createProgram, runProgram } from './program.ts';
import { registerCommands } from './commands.ts';

const program = createProgram();
await registerCommands(program, process.argv);
process.exitCode = await runProgram(program, process.argv);
