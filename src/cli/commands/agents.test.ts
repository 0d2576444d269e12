import { describe, expect, it } from 'vitest';
import { parley } from '../../testing/cli.ts';
import { join } from 'node:path';
import { AGENT_KINDS } from '../../engine/agents/registry.ts';
import { SCENARIOS_DIR } from '../../testing/shared.ts';

describe('parley agents', () => {
  it('--list --json prints {name, year, rank, strategy, citation} for every agent', () => {
    const r = parley('agents', '--list', '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; year: number | null; rank: number | null; strategy: string; citation: string | null }[];
    expect(list.map((a) => a.name)).toEqual(AGENT_KINDS.map((k) => k.name));
    for (const a of list) expect(Object.keys(a).sort()).toEqual(['citation', 'name', 'rank', 'strategy', 'year']);
    expect(list.find((a) => a.name === 'boulware')).toMatchObject({ year: null, rank: null });
    expect(list.find((a) => a.name === 'AgentK')).toMatchObject({ year: 2010, rank: 1 });
  });

  it('describes one agent, and names the available ones for an unknown name (exit 2)', () => {
    const r = parley('agents', 'agentk');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('AgentK  (ANAC 2010, rank 1)');
    expect(r.stdout).toContain('Kawaguchi');
    const bad = parley('agents', 'nobody');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('available:');
  });

  it('every agent name runs in `parley run --agents`', () => {
    const r = parley('run', join(SCENARIOS_DIR, 'genius/anac/y2010/ItexvsCypress'), '--agents', 'AgentK,IAMhaggler', '--rounds', '50', '--no-analysis', '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { participants: { agent: string }[] }).participants.map((p) => p.agent)).toEqual(['AgentK', 'IAMhaggler']);
  });
});
