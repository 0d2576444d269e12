// One line on what a strategy does, from the agent registry's own description.
import { AGENT_KINDS } from 'parley';

export function strategyDescription(name: string): string {
  const k = AGENT_KINDS.find((a) => a.name === name);
  return k ? k.description : '';
}

export function StrategyHelp({ id, name, who }: { id?: string; name: string; who?: string }) {
  const d = strategyDescription(name);
  if (!d) return null;
  return (
    <p id={id} className="hint strategy-help" data-testid="strategy-help">
      {who ? `${who}: ` : ''}
      <strong>{name}</strong> — {d}
    </p>
  );
}
