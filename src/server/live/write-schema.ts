// Writes docs/live-protocol.schema.json from the zod schemas (npx tsx src/server/live/write-schema.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../testing/shared.ts';
import { liveProtocolJsonSchema } from './protocol.ts';

writeFileSync(join(REPO_ROOT, 'docs/live-protocol.schema.json'), JSON.stringify(liveProtocolJsonSchema(), null, 2) + '\n');
