import { createProgram, runProgram } from './program.ts';
import { registerCommands } from './commands.ts';

// A reader that closes the pipe early (`parley … | head`) ends the output, quietly, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const program = createProgram();
await registerCommands(program, process.argv);
process.exitCode = await runProgram(program, process.argv);
