import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { intOption, UsageError } from '../program.ts';
import { jsonText, writeOut } from '../format.ts';

/** Where `parley serve` listens by default. */
export const DEFAULT_SERVER = 'http://127.0.0.1:5174';

/** Parses `party=remote|human|AGENT,…`. */
export function parseSeats(text: string): Record<string, string> {
  const seats: Record<string, string> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) throw new UsageError(`--seats: "${part}" is not party=remote|human|AGENT`);
    const party = part.slice(0, eq).trim();
    if (seats[party] !== undefined) throw new UsageError(`--seats: party "${party}" is given twice`);
    seats[party] = part.slice(eq + 1).trim();
  }
  if (Object.keys(seats).length === 0) throw new UsageError('--seats: give at least one party=remote|human|AGENT');
  return seats;
}

async function request(server: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(new URL(path, server), { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  } catch (e) {
    throw new Error(`cannot reach a parley server at ${server} (${e instanceof Error ? e.message : String(e)}); start one with \`parley serve\` or pass --server URL`, { cause: e });
  }
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const problems = Array.isArray(json.problems) ? (json.problems as { path: string; message: string }[]).map((p) => `\n  ${p.path}: ${p.message}`).join('') : '';
    throw new Error(`the server refused ${path}: ${String(json.error ?? text.slice(0, 200))}${problems}`);
  }
  return json;
}

export function registerSession(program: Command): void {
  const session = program.command('session').description('Live sessions on a running `parley serve`: remote agents and people negotiate over the network (docs/live-protocol.md).');
  session
    .command('create')
    .description('Create a live session and print one join link and token per remote or human seat (and the host token). SCENARIO is a scenario id on the server (e.g. ceasefire) or a scenario file, uploaded first.')
    .argument('<scenario>', 'scenario id on the server, or a native scenario file')
    .requiredOption('--seats <list>', 'who plays each party: party=remote|human|AGENT, comma-separated (parties not named: boulware)')
    .option('--rounds <n>', 'deadline in rounds (default 100)', intOption('--rounds', 1))
    .option('--time <ms>', 'global deadline in milliseconds', intOption('--time', 100))
    .option('--turn-time <ms>', 'per-turn limit of remote and human seats in ms (default 60000)', intOption('--turn-time', 10))
    .option('--missed-turn <policy>', 'a seat that misses its turn: skip (default) or leave')
    .option('--protocol <name>', 'aop, saop or single-text (default: aop for two participants, saop for more)')
    .option('--participants <list>', "who takes part, comma-separated (default: the agreement rule's voters; given, agreement needs all of them)")
    .option('--variant <id>', 'a variant of the scenario')
    .option('--seed <n>', 'seed of the built-in agents (default 0)', intOption('--seed', 0))
    .option('--server <url>', `the server (default ${DEFAULT_SERVER})`, DEFAULT_SERVER)
    .option('--json', 'print {id, url, host: {token}, seats: {PARTY: {token, join}}} as JSON')
    .action(
      async (
        scenario: string,
        opts: { seats: string; rounds?: number; time?: number; turnTime?: number; missedTurn?: string; protocol?: string; participants?: string; variant?: string; seed?: number; server: string; json?: boolean },
      ) => {
        const seats = parseSeats(opts.seats);
        if (opts.missedTurn && opts.missedTurn !== 'skip' && opts.missedTurn !== 'leave') throw new UsageError(`--missed-turn expects skip or leave, got "${opts.missedTurn}"`);
        if (opts.protocol && !['aop', 'saop', 'single-text'].includes(opts.protocol)) throw new UsageError(`--protocol expects aop, saop or single-text, got "${opts.protocol}"`);
        let scenarioId = scenario;
        if (existsSync(scenario) && /\.(ya?ml|json)$/i.test(scenario)) {
          const up = await request(opts.server, '/api/scenarios', { source: readFileSync(scenario, 'utf8') });
          scenarioId = String(up.id);
        }
        const body = {
          scenarioId,
          seats,
          ...(opts.rounds !== undefined ? { rounds: opts.rounds } : {}),
          ...(opts.time !== undefined ? { timeLimitMs: opts.time } : {}),
          ...(opts.turnTime !== undefined ? { turnTimeLimitMs: opts.turnTime } : {}),
          ...(opts.missedTurn ? { missedTurn: opts.missedTurn } : {}),
          ...(opts.protocol ? { protocol: opts.protocol } : {}),
          ...(opts.participants ? { participants: opts.participants.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
          ...(opts.variant ? { variant: opts.variant } : {}),
          ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        };
        const created = (await request(opts.server, '/api/live/sessions', body)) as {
          id: string;
          url: string;
          host: { token: string; view: string };
          seats: Record<string, { kind: string; token?: string; join?: string }>;
        };
        const out = {
          id: created.id,
          url: created.url,
          host: { token: created.host.token, view: created.host.view },
          seats: Object.fromEntries(Object.entries(created.seats).filter(([, s]) => s.token).map(([p, s]) => [p, { token: s.token!, join: s.join! }])),
        };
        if (opts.json) return writeOut(jsonText(out));
        const lines = [`live session ${out.id} on ${out.url}`, `host view: ${out.host.view}`];
        for (const [p, s] of Object.entries(created.seats)) {
          if (s.token) lines.push(`${p} (${s.kind}): ${s.join}`, `  parley join ${out.url} --token ${s.token} --agent NAME`);
          else lines.push(`${p}: built-in agent`);
        }
        writeOut(lines.join('\n') + '\n');
      },
    );
}
