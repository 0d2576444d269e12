import type { Command } from 'commander';
import { nativeJsonSchema } from '../../engine/formats/native/index.ts';

/** The JSON Schema text of the native scenario format (also committed as docs/scenario.schema.json). */
export function schemaText(): string {
  return `${JSON.stringify(nativeJsonSchema(), null, 2)}\n`;
}

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('Print the JSON Schema of the native scenario format, for editors (also in docs/scenario.schema.json).')
    .action(() => {
      process.stdout.write(schemaText());
    });
}
