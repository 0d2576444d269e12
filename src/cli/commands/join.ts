import type { Command } from 'commander';
import { agentFactory } from '../../engine/agents/registry.ts';
import { connectLobby, connectSeat } from '../../node/live-client.ts';
import { UsageError, intOption } from '../program.ts';
import { jsonText, num, writeOut } from '../format.ts';

export function registerJoin(program: Command): void {
  program
    .command('join')
    .description('Play one seat of a live session with a parley agent (built-in name, e.g. boulware): connects over WebSocket, reconnects when the connection drops, prints the result; with --lobby NAME, take part in a tournament as remote:NAME (docs/live-protocol.md).')
    .argument('<url>', 'the server URL (http://127.0.0.1:5174/) or the join link')
    .requiredOption('--token <token>', 'the seat token (with --lobby: the entrant’s lobby token)')
    .option('--lobby <name>', 'take part in a tournament as the remote entrant remote:NAME: stay connected to its lobby and play every seat it is handed, until the tournament ends')
    .requiredOption('--agent <name>', 'a built-in agent (see `parley agents`), with parameters as name:key=value')
    .option('--seed <n>', "seed of the agent's random stream (default 0)", intOption('--seed', 0))
    .option('--json', 'print the result as JSON: {agreement, agreementText, utility, endReason}')
    .option('--log <file>', 'also write every message received as JSON Lines')
    .action(async (url: string, opts: { token: string; agent: string; lobby?: string; seed?: number; json?: boolean; log?: string }) => {
      try {
        agentFactory(opts.agent);
      } catch (e) {
        throw new UsageError(`--agent: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (opts.lobby !== undefined) {
        const quiet = opts.json === true;
        const lobby = connectLobby(url, opts.token, opts.lobby, opts.agent, {
          seed: opts.seed ?? 0,
          onSeat: (r) => {
            if (!quiet)
              process.stderr.write(
                `negotiation ${r.negotiation} as ${r.party}: ${r.result ? `${r.result.agreement ? 'agreement' : 'no agreement'} (${r.result.endReason}), own utility ${num(r.result.utility)}` : `failed: ${r.error ?? ''}`}\n`,
              );
          },
        });
        const s = await lobby.finished;
        if (opts.log) {
          const { writeFileSync } = await import('node:fs');
          writeFileSync(opts.log, s.messages.map((m) => JSON.stringify(m)).join('\n') + '\n');
        }
        const seats = [...s.seats].sort((a, b) => a.negotiation - b.negotiation);
        const agreements = seats.filter((x) => x.result?.agreement).length;
        const out = {
          entrant: `remote:${opts.lobby}`,
          reason: s.reason,
          seats: seats.length,
          agreements,
          results: seats.map((x) => ({ negotiation: x.negotiation, scenario: x.scenario, party: x.party, ...(x.result ? { agreement: x.result.agreement, utility: x.result.utility, endReason: x.result.endReason } : { error: x.error }) })),
        };
        if (opts.json) return writeOut(jsonText(out));
        return writeOut(`remote:${opts.lobby}: the tournament ended (${s.reason}); ${seats.length} seats played, ${agreements} agreements\n`);
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
