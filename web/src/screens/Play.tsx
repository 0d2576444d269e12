import { AGENT_KINDS } from 'parley';
import { useEffect, useState } from 'react';
import { api, type PlayMove, type PlayState } from '../api.ts';
import { fmt } from './view-model.ts';

export interface PlayProps {
  readonly scenarioId: string;
  readonly dirty: boolean;
  /** Seats: ids and names only. */
  readonly participants: readonly { readonly id: string; readonly name: string }[];
}

/**
 * A person plays one party against built-in strategies. The server holds the
 * saved scenario and runs the opponents (POST /api/play); the browser receives
 * only the player's own preferences and the utility of each offer to them.
 */
export function Play({ scenarioId, dirty, participants }: PlayProps) {
  const [party, setParty] = useState(participants[0]?.id ?? '');
  const [opponents, setOpponents] = useState('conceder');
  const [rounds, setRounds] = useState(20);
  const [state, setState] = useState<PlayState | null>(null);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [draft, setDraft] = useState<number[]>([]);
  const [draftUtility, setDraftUtility] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!sessionId || !state || state.finished) return;
    api.playEvaluate(sessionId, draft).then(setDraftUtility, () => setDraftUtility(null));
  }, [draft, state, sessionId]);

  const start = async () => {
    setError(null);
    try {
      const r = await api.playStart({ scenarioId, seat: party, opponents, rounds, seed: 1 });
      const s = r.view;
      setSessionId(r.sessionId);
      setState(s);
      setDraft(s.me.issues.map((is) => bestIndex(is.values.map((v) => v.evaluation))));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const move = async (m: PlayMove) => {
    if (!sessionId) return;
    setError(null);
    try {
      setState((await api.playMove(sessionId, m)).view);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section aria-labelledby="play-title">
      <h2 id="play-title">Play</h2>
      <p className="hint">You take one party's seat. You see your own preferences and the utility of each offer to you — never the other parties' preferences.</p>
      {dirty && <p className="hint">Play uses the saved scenario; save your edits first to play them.</p>}
      <div className="row">
        <label>
          Your seat{' '}
          <select value={party} onChange={(e) => setParty(e.target.value)}>
            {participants.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Opponents play{' '}
          <select value={opponents} onChange={(e) => setOpponents(e.target.value)}>
            {AGENT_KINDS.map((k) => (
              <option key={k.name} value={k.name} title={k.description}>
                {k.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Rounds <input type="number" min={1} max={1000} value={rounds} onChange={(e) => setRounds(Math.max(1, Number(e.target.value) || 1))} />
        </label>
        <button type="button" onClick={() => void start()} disabled={!party}>
          {state ? 'Start again' : 'Start'}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {state && (
        <>
          <h3>Your preferences ({state.me.name})</h3>
          <p>Your reservation value (utility of no deal): {fmt(state.me.reservation)}</p>
          <table data-testid="my-preferences">
            <thead>
              <tr>
                <th scope="col">issue</th>
                <th scope="col">weight</th>
                <th scope="col">value of each option</th>
              </tr>
            </thead>
            <tbody>
              {state.me.issues.map((is) => (
                <tr key={is.name}>
                  <th scope="row">{is.name}</th>
                  <td>{fmt(is.weight)}</td>
                  <td>{is.values.map((v) => `${v.value}: ${fmt(v.evaluation, 2)}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Moves</h3>
          <ol data-testid="play-moves" aria-live="polite">
            {state.moves.map((m, i) => (
              <li key={i}>
                Round {m.round + 1}: {m.party === state.me.id ? 'you' : m.party} {m.kind === 'offer' ? 'offered' : m.kind === 'accept' ? 'accepted' : 'walked away'} {m.outcome ? `${m.text} (utility to you ${fmt(m.myUtility)})` : ''}
              </li>
            ))}
          </ol>
          {state.finished ? (
            <p data-testid="play-finished" role="status">
              Finished after {state.finished.rounds} round(s): {state.finished.agreement ? `agreement on ${state.finished.text}` : `no agreement (${state.finished.endReason})`}. Your utility: {fmt(state.finished.myUtility)}.
            </p>
          ) : state.turn ? (
            <div data-testid="play-turn">
              <p>
                Your turn (round {state.turn.round + 1} of {state.rounds}).{' '}
                {state.turn.offer ? `On the table from ${state.turn.proposer}: utility to you ${fmt(state.turn.myUtility)}.` : 'No offer on the table yet.'}
              </p>
              <fieldset>
                <legend>Your offer</legend>
                {state.me.issues.map((is, i) => (
                  <label key={is.name} className="inline">
                    {is.name}{' '}
                    <select value={draft[i] ?? 0} onChange={(e) => setDraft(draft.map((d, k) => (k === i ? Number(e.target.value) : d)))}>
                      {is.values.map((v, k) => (
                        <option key={k} value={k}>
                          {v.value}
                        </option>
                      ))}
                    </select>
                  </label>
                ))}
                <p>Utility of this offer to you: {fmt(draftUtility)}</p>
              </fieldset>
              <div className="row">
                <button type="button" onClick={() => void move({ type: 'offer', outcome: draft })}>
                  Make offer
                </button>
                <button type="button" onClick={() => void move({ type: 'accept' })} disabled={!state.turn.offer}>
                  Accept the offer on the table
                </button>
                <button type="button" onClick={() => void move({ type: 'end' })}>
                  Walk away
                </button>
              </div>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

/** Position of the highest evaluation (0 when none is known). */
function bestIndex(evaluations: readonly (number | null)[]): number {
  let best = 0;
  evaluations.forEach((e, i) => {
    if (e !== null && e > (evaluations[best] ?? -Infinity)) best = i;
  });
  return best;
}
