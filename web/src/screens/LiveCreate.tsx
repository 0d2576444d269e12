// Creating a live session from the workbench (docs/live-protocol.md): who plays each party — a person
// (join link), a remote agent (token) or a built-in agent — and the deadlines; then the links.
import { rememberHostToken } from '../live-tokens.ts';
import { AGENT_KINDS, type Scenario } from 'parley';
import { useMemo, useState } from 'react';
import { participantsOf } from './view-model.ts';

interface Created {
  id: string;
  host: { token: string; view: string };
  seats: Record<string, { kind: string; token?: string; join?: string }>;
}

export function LiveCreate({ scenarioId, variant, scenario, dirty }: { scenarioId: string; variant?: string | undefined; scenario: Scenario; dirty: boolean }) {
  const voters = useMemo(() => participantsOf(scenario), [scenario]);
  const candidates = useMemo(() => scenario.parties.filter((p) => p.preferences).map((p) => p.id), [scenario]);
  const [chosen, setChosen] = useState<string[]>(voters);
  const [seats, setSeats] = useState<Record<string, string>>({});
  const [protocol, setProtocol] = useState<'saop' | 'aop' | 'single-text'>('saop');
  const [rounds, setRounds] = useState(20);
  const [turnSeconds, setTurnSeconds] = useState(120);
  const [created, setCreated] = useState<Created | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seatOf = (id: string) => seats[id] ?? 'human';
  const sameAsRule = chosen.length === voters.length && chosen.every((id) => voters.includes(id));

  const create = async () => {
    setError(null);
    const res = await fetch('/api/live/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        scenarioId,
        ...(variant ? { variant } : {}),
        protocol: chosen.length === 2 ? protocol : protocol === 'aop' ? 'saop' : protocol,
        rounds,
        turnTimeLimitMs: turnSeconds * 1000,
        ...(sameAsRule ? {} : { participants: chosen }),
        seats: Object.fromEntries(chosen.map((id) => [id, seatOf(id)])),
      }),
    });
    const json = (await res.json()) as Created & { error?: string };
    if (res.status !== 201) return setError(json.error ?? `the server answered ${res.status}`);
    rememberHostToken(json.id, json.host.token);
    setCreated(json);
  };

  return (
    <section data-testid="live-create">
      <h2>Live session</h2>
      <p>People in their browsers, remote agents in any language and built-in agents negotiate this scenario over the network; each seat sees only its own preferences.</p>
      {dirty && <p role="alert">The session uses the saved scenario, not your unsaved edits.</p>}
      <fieldset>
        <legend>Who takes part, and who plays each party</legend>
        {candidates.map((id) => (
          <div key={id}>
            <label>
              <input type="checkbox" checked={chosen.includes(id)} onChange={(e) => setChosen((c) => (e.target.checked ? candidates.filter((x) => c.includes(x) || x === id) : c.filter((x) => x !== id)))} /> {id}
            </label>{' '}
            {chosen.includes(id) && (
              <select aria-label={`Who plays ${id}`} value={seatOf(id)} onChange={(e) => setSeats((s) => ({ ...s, [id]: e.target.value }))}>
                <option value="human">a person (join link)</option>
                <option value="remote">a remote agent (token)</option>
                {AGENT_KINDS.map((k) => (
                  <option key={k.name} value={k.name}>{k.name}</option>
                ))}
              </select>
            )}
          </div>
        ))}
        {!sameAsRule && <p>With other participants than the agreement rule's voters, an agreement needs all of them.</p>}
      </fieldset>
      <label>
        Protocol{' '}
        <select value={protocol} onChange={(e) => setProtocol(e.target.value as typeof protocol)}>
          <option value="saop">stacked alternating offers (SAOP)</option>
          {chosen.length === 2 && <option value="aop">alternating offers (AOP)</option>}
          <option value="single-text">single text (mediated)</option>
        </select>
      </label>{' '}
      <label>
        Rounds <input type="number" min={1} max={1000} value={rounds} onChange={(e) => setRounds(Number(e.target.value))} />
      </label>{' '}
      <label>
        Seconds per turn <input type="number" min={5} max={3600} value={turnSeconds} onChange={(e) => setTurnSeconds(Number(e.target.value))} />
      </label>{' '}
      <button type="button" onClick={() => void create()} disabled={chosen.length < 2}>Create the session</button>
      {error && <p role="alert" className="error">{error}</p>}
      {created && (
        <div data-testid="live-links">
          <p>
            Host view: <a href={created.host.view} target="_blank" rel="noreferrer">open</a> (keep this link: it holds the host token)
          </p>
          <ul>
            {Object.entries(created.seats).map(([id, s]) => (
              <li key={id}>
                {id}: {s.kind === 'human' && <a href={s.join} target="_blank" rel="noreferrer">join link</a>}
                {s.kind === 'remote' && <code>parley join {new URL(s.join!).origin}/ --token {s.token} --agent NAME</code>}
                {s.kind === 'agent' && 'built-in agent'}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
