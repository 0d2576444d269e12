import type { Command } from 'commander';
import { agentFactory } from '../../engine/agents/registry.ts';
import { connectSeat } from '../../node/live-client.ts';
import { UsageError, intOption } from '../program.ts';
import { jsonText, num, writeOut } from '../format.ts';

export function registerJoin(program: Command): void {
  program
    .command('join')
    .description('Play one seat of a live session with a parley agent (built-in name, e.g. boulware): connects over WebSocket, reconnects when the connection drops, prints the result (docs/live-protocol.md).')
    .argument('<url>', 'the server URL (http://127.0.0.1:5174/) or the join link')
    .requiredOption('--token <token>', 'the seat token')
    .requiredOption('--agent <name>', 'a built-in agent (see `parley agents`), with parameters as name:key=value')
    .option('--seed <n>', "seed of the agent's random stream (default 0)", intOption('--seed', 0))
    .option('--json', 'print the result as JSON: {agreement, agreementText, utility, endReason}')
    .option('--log <file>', 'also write every message received as JSON Lines')
    .action(async (url: string, opts: { token: string; agent: string; seed?: number; json?: boolean; log?: string }) => {
      try {
        agentFactory(opts.agent);
      } catch (e) {
        throw new UsageError(`--agent: ${e instanceof Error ? e.message : String(e)}`);
      }
      const r = await connectSeat(url, opts.token, opts.agent, { seed: opts.seed ?? 0 });
      if (opts.log) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(opts.log, r.messages.map((m) => JSON.stringify(m)).join('\n') + '\n');
      }
      const out = { agreement: r.agreement, agreementText: r.agreementText, utility: r.utility, endReason: r.endReason };
      if (opts.json) return writeOut(jsonText(out));
      writeOut(`${r.agreement ? `agreement: ${r.agreementText}` : 'no agreement'} (${r.endReason}); own utility ${num(r.utility)}\n`);
    });
}
