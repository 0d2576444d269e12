import type { Command } from 'commander';
import { AGENT_KINDS, type AgentKind } from '../../engine/agents/registry.ts';
import { UsageError } from '../program.ts';
import { table, wrap } from '../format.ts';

/** One agent as `parley agents --json` prints it. */
export interface AgentListing {
  readonly name: string;
  /** ANAC year; null for the baselines. */
  readonly year: number | null;
  /** Final rank in that year's ANAC; null for the baselines. */
  readonly rank: number | null;
  readonly strategy: string;
  readonly citation: string | null;
}

/** Every built-in agent, baselines first, then the ANAC agents by year and rank. */
export function agentListing(): AgentListing[] {
  return AGENT_KINDS.map((k) => ({ name: k.name, year: k.year, rank: k.rank, strategy: k.strategy, citation: k.citation }));
}

function details(k: AgentKind): string {
  const out = [`${k.name}${k.year !== null ? `  (ANAC ${k.year}${k.rank !== null ? `, rank ${k.rank}` : ''}${k.multilateral ? ', multilateral' : ''})` : '  (baseline)'}`];
  out.push(wrap(k.description, '  '));
  const params = Object.entries(k.params);
  if (params.length) out.push(`  parameters: ${params.map(([p, v]) => `${p}=${v}`).join(', ')}`);
  if (k.citation) out.push(wrap(`source: ${k.citation}`, '  '));
  return `${out.join('\n')}\n`;
}

export function registerAgents(program: Command): void {
  program
    .command('agents')
    .description('List the built-in agents (baselines and ANAC agents) with their year, final rank, strategy and source; or describe one. See docs/agents.md.')
    .argument('[name]', 'an agent to describe')
    .option('--list', 'list every agent (the default)')
    .option('--json', 'print JSON: a list of {name, year, rank, strategy, citation} (or one agent with its description and parameters)')
    .action((name: string | undefined, opts: { list?: boolean; json?: boolean }) => {
      if (name !== undefined && !opts.list) {
        const k = AGENT_KINDS.find((a) => a.name.toLowerCase() === name.trim().toLowerCase());
        if (!k) throw new UsageError(`unknown agent "${name}"; available: ${AGENT_KINDS.map((a) => a.name).join(', ')}`);
        const { create: _create, ...rest } = k;
        process.stdout.write(opts.json ? `${JSON.stringify(rest, null, 2)}\n` : details(k));
        return;
      }
      const list = agentListing();
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      const rows = list.map((a) => [a.name, a.year === null ? '—' : String(a.year), a.rank === null ? '—' : String(a.rank), a.strategy.length > 90 ? `${a.strategy.slice(0, 87)}...` : a.strategy]);
      process.stdout.write(`${table(['name', 'year', 'rank', 'strategy'], rows)}\n\nUse them in \`parley run --agents A,B\`; \`parley agents NAME\` describes one (docs/agents.md).\n`);
    });
}
