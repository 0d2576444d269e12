import { AGENT_KINDS, OutcomeSpace, compileParty, crossesRedLine, readNative, titleLabel } from 'parley';
import type { RedLine, Scenario } from 'parley';
import { useEffect, useMemo, useState } from 'react';
import { api, type PlayMove, type PlayState } from '../api.ts';
import { OutcomeTable, rowsFromValues } from '../view/OutcomeTable.tsx';
import { StrategyHelp } from '../view/StrategyHelp.tsx';
import { Term } from '../view/Glossary.tsx';
import { Debrief } from './Debrief.tsx';
import { fmt } from './view-model.ts';

export interface PlayProps {
  readonly scenarioId: string;
  readonly dirty: boolean;
  /** Seats: ids and names only. */
  readonly participants: readonly { readonly id: string; readonly name: string }[];
  /** The saved scenario's source, which the server plays: the player's own red lines come from it, and the debrief after the game. */
  readonly savedSource?: string;
}

/** Why accepting (or offering) an outcome would hurt the player: below the reservation, across their own red lines. */
export interface DealWarning {
  readonly belowReservation: boolean;
  readonly redLines: readonly RedLine[];
}

/** The player's own red lines crossed by an outcome, and whether its utility is below their reservation. */
export function dealWarning(redLines: readonly RedLine[], reservation: number | undefined, outcome: readonly number[] | null, utility: number | null): DealWarning | null {
  if (!outcome) return null;
  const crossed = redLines.filter((l) => crossesRedLine(l, outcome));
  const below = reservation !== undefined && utility !== null && utility < reservation;
  return below || crossed.length ? { belowReservation: below, redLines: crossed } : null;
}

/**
 * A person plays one party against built-in strategies. The server holds the
 * saved scenario and runs the opponents (POST /api/play); the game's replies hold
 * only the player's own view. The page shows the player their own red lines (from
 * the saved scenario they opened) and, only once the game is over, a debrief with
 * the other side's preferences.
 */
export function Play({ scenarioId, dirty, participants, savedSource }: PlayProps) {
  const [party, setParty] = useState(participants[0]?.id ?? '');
  const [opponents, setOpponents] = useState('conceder');
  const [rounds, setRounds] = useState(20);
  const [state, setState] = useState<PlayState | null>(null);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [draft, setDraft] = useState<number[]>([]);
  const [draftUtility, setDraftUtility] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<DealWarning | null>(null);
  const [error, setError] = useState<string | null>(null);
  const saved: Scenario | null = useMemo(() => {
    if (!savedSource) return null;
    try {
      return readNative(`${scenarioId}.yaml`, savedSource);
    } catch {
      return null;
    }
  }, [savedSource, scenarioId]);
  const nameOf = (id: string | null) => (id === null ? '' : (participants.find((p) => p.id === id)?.name ?? saved?.parties.find((p) => p.id === id)?.name ?? id));
  const seat = state ? state.me.id : party;
  // The player's own party only: their red lines and reservation (never another party's).
  const own = useMemo(() => {
    const p = saved?.parties.find((x) => x.id === seat);
    if (!saved || !p) return null;
    const ev = compileParty(new OutcomeSpace(saved.issues), p);
    return { redLines: p.redLines ?? [], reservation: ev.reservationValue };
  }, [saved, seat]);
  const reservation = own?.reservation ?? state?.me.reservation;
  const myLines = own?.redLines ?? [];

  // The game of this scenario in this tab, picked up again after a reload or a server restart
  // (the server replays it from its journal; a game it no longer has is simply forgotten).
  const gameKey = `parley.play.${scenarioId}`;
  useEffect(() => {
    const id = window.sessionStorage.getItem(gameKey);
    if (!id) return;
    let live = true;
    api.playState(id).then(
      (r) => {
        if (!live) return;
        setSessionId(r.sessionId);
        setState(r.view);
        setDraft(r.view.me.issues.map((is) => bestIndex(is.values.map((v) => v.evaluation))));
      },
      () => window.sessionStorage.removeItem(gameKey),
    );
    return () => {
      live = false;
    };
  }, [gameKey]);

  useEffect(() => {
    if (!sessionId || !state || state.finished) return;
    api.playEvaluate(sessionId, draft).then(setDraftUtility, () => setDraftUtility(null));
  }, [draft, state, sessionId]);

  const start = async () => {
    setError(null);
    setConfirming(null);
    try {
      const r = await api.playStart({ scenarioId, seat: party, opponents, rounds, seed: 1 });
      const s = r.view;
      setSessionId(r.sessionId);
      window.sessionStorage.setItem(gameKey, r.sessionId);
      setState(s);
      setDraft(s.me.issues.map((is) => bestIndex(is.values.map((v) => v.evaluation))));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const move = async (m: PlayMove) => {
    if (!sessionId) return;
    setError(null);
    setConfirming(null);
    try {
      setState((await api.playMove(sessionId, m)).view);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const accept = () => {
    const w = state?.turn ? dealWarning(myLines, reservation, state.turn.offer, state.turn.myUtility) : null;
    if (w) setConfirming(w);
    else void move({ type: 'accept' });
  };

  const rows = (o: readonly number[]) => (state ? rowsFromValues(state.me.issues, o) : []);
  const draftWarning = state?.turn ? dealWarning(myLines, reservation, draft, draftUtility) : null;

  return (
    <section aria-labelledby="play-title">
      <h2 id="play-title">Play</h2>
      <p className="hint">You take one party's seat. You see your own preferences and the utility of each offer to you — never the other parties' preferences, until the game is over.</p>
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
          <select value={opponents} onChange={(e) => setOpponents(e.target.value)} aria-describedby="opponent-help">
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
      <StrategyHelp id="opponent-help" name={opponents} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {state && (
        <>
          <h3>Your preferences ({state.me.name})</h3>
          <p data-testid="my-reservation">
            Your <Term k="reservation value">reservation value</Term> (what no deal is worth to you): <strong>{fmt(reservation)}</strong>. A deal worth less to you than this is worse than walking away.
          </p>
          <div data-testid="my-red-lines">
            {myLines.length === 0 ? (
              <p>
                You have no <Term k="red line">red lines</Term>.
              </p>
            ) : (
              <>
                <p>
                  Your <Term k="red line">red lines</Term> (deals you never accept, whatever their utility):
                </p>
                <ul>
                  {myLines.map((l, i) => (
                    <li key={l.id ?? i}>{l.description}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
          <div className="scroll">
            <table data-testid="my-preferences">
              <caption>Your weights and the value of each option to you</caption>
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
                    <th scope="row">{titleLabel(is.name)}</th>
                    <td>{fmt(is.weight)}</td>
                    <td>{is.values.map((v) => `${rowsFromValues([is], [is.values.indexOf(v)])[0]!.value}: ${fmt(v.evaluation, 2)}`).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>Moves</h3>
          <ol data-testid="play-moves" aria-live="polite">
            {state.moves.map((m, i) => (
              <li key={i}>
                Round {m.round + 1}: {m.party === state.me.id ? 'you' : nameOf(m.party)} {m.kind === 'offer' ? 'offered' : m.kind === 'accept' ? 'accepted' : 'walked away'}{' '}
                {m.outcome ? (
                  <>
                    (utility to you {fmt(m.myUtility)})
                    <details>
                      <summary>the deal</summary>
                      <OutcomeTable rows={rows(m.outcome)} />
                    </details>
                  </>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ol>
          {state.finished ? (
            <>
              <p data-testid="play-finished" role="status">
                Finished after {state.finished.rounds} round(s): {state.finished.agreement ? 'agreement' : `no agreement (${state.finished.endReason})`}. Your utility: {fmt(state.finished.myUtility)}
                {reservation !== undefined && state.finished.agreement ? (state.finished.myUtility < reservation ? ` — below your reservation value ${fmt(reservation)}.` : ` — at or above your reservation value ${fmt(reservation)}.`) : '.'}
              </p>
              {state.finished.agreement && <OutcomeTable rows={rows(state.finished.agreement)} caption="The agreement" testId="play-agreement" />}
              {saved ? (
                <Debrief sessionId={sessionId!} scenario={saved} source={savedSource!} me={state.me.id} participants={state.participants} deal={state.finished.agreement} />
              ) : (
                <p className="hint">The debrief needs the saved scenario, which could not be read.</p>
              )}
            </>
          ) : state.turn ? (
            <div data-testid="play-turn">
              <p>
                Your turn (round {state.turn.round + 1} of {state.rounds}).{' '}
                {state.turn.offer ? `On the table from ${nameOf(state.turn.proposer)}: utility to you ${fmt(state.turn.myUtility)}.` : 'No offer on the table yet.'}
              </p>
              {state.turn.offer && <OutcomeTable rows={rows(state.turn.offer)} caption="The offer on the table" testId="play-on-table" />}
              <fieldset>
                <legend>Your offer</legend>
                {state.me.issues.map((is, i) => (
                  <label key={is.name} className="inline">
                    {titleLabel(is.name)}{' '}
                    <select value={draft[i] ?? 0} onChange={(e) => setDraft(draft.map((d, k) => (k === i ? Number(e.target.value) : d)))}>
                      {is.values.map((v, k) => (
                        <option key={k} value={k}>
                          {rowsFromValues([is], [k])[0]!.value}
                        </option>
                      ))}
                    </select>
                  </label>
                ))}
                <p>Utility of this offer to you: {fmt(draftUtility)}</p>
                {draftWarning && (
                  <p className="warning" data-testid="draft-warning">
                    ⚠ {warningText(draftWarning, reservation)}
                  </p>
                )}
              </fieldset>
              {confirming && (
                <div role="alertdialog" aria-labelledby="accept-warning-title" aria-describedby="accept-warning-text" className="confirm" data-testid="accept-warning">
                  <p id="accept-warning-title">
                    <strong>⚠ Accept this deal?</strong>
                  </p>
                  <p id="accept-warning-text">{warningText(confirming, reservation)}</p>
                  <div className="row">
                    <button type="button" onClick={() => setConfirming(null)} autoFocus>
                      Keep negotiating
                    </button>
                    <button type="button" onClick={() => void move({ type: 'accept' })}>
                      Accept anyway
                    </button>
                  </div>
                </div>
              )}
              <div className="row">
                <button type="button" onClick={() => void move({ type: 'offer', outcome: draft })}>
                  Make offer
                </button>
                <button type="button" onClick={accept} disabled={!state.turn.offer || confirming !== null}>
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

function warningText(w: DealWarning, reservation: number | undefined): string {
  const parts: string[] = [];
  if (w.belowReservation) parts.push(`it is worth less to you than your reservation value ${fmt(reservation)} (no deal would be better)`);
  if (w.redLines.length) parts.push(`it crosses ${w.redLines.length === 1 ? 'your red line' : `${w.redLines.length} of your red lines`}: ${w.redLines.map((l) => l.description).join('; ')}`);
  return `This deal: ${parts.join(', and ')}.`;
}

/** Position of the highest evaluation (0 when none is known). */
function bestIndex(evaluations: readonly (number | null)[]): number {
  let best = 0;
  evaluations.forEach((e, i) => {
    if (e !== null && e > (evaluations[best] ?? -Infinity)) best = i;
  });
  return best;
}
