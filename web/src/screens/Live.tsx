// Live sessions in the browser (docs/live-protocol.md): a person's seat (opened from a join link)
// and the host's live view with a replay once finished. The token comes from the link's #fragment,
// is sent only as `Authorization: Bearer`, and never appears in a URL the server sees.
import { plot as svgPlot, type PlotLayer } from 'parley';
import { useEffect, useMemo, useRef, useState } from 'react';
import { seriesColour } from '../plot/palette.ts';
import { SvgChart } from '../plot/SvgChart.tsx';
import { rememberHostToken } from '../live-tokens.ts';
import { formatRoute } from '../route.ts';

type Msg = Record<string, unknown> & { type: string; seq?: number };

interface Profile {
  id: string;
  name: string;
  reservation: number | null;
  issues: { name: string; weight: number | null; values: { value: string; evaluation: number | null }[] }[];
}

interface Welcome {
  session: string;
  seat: string | null;
  protocol: string;
  participants: string[];
  issues: { name: string; values: string[] }[];
  deadline: { rounds: number; timeMs: number | null; turnTimeLimitMs: number };
  profile: Profile | null;
}

interface LiveEvent {
  type: string;
  round?: number;
  party?: string;
  outcome?: number[];
  agreement?: number[] | null;
  reason?: string;
}

/** The link's parameters: `?live=join#token=…` or `?live=host&session=ID#token=…`. */
export function liveLink(loc: Location = window.location): { mode: 'join' | 'host'; token: string; session: string | null } | null {
  const q = new URLSearchParams(loc.search);
  const mode = q.get('live');
  if (mode !== 'join' && mode !== 'host') return null;
  const token = new URLSearchParams(loc.hash.replace(/^#/, '')).get('token') ?? '';
  return { mode, token, session: q.get('session') };
}

async function post(path: string, token: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: res.status, json };
}

/** Long-polls the token's messages; returns them all, in order. */
function useMessages(token: string): { messages: Msg[]; error: string | null } {
  const [messages, setMessages] = useState<Msg[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stop = false;
    let after = 0;
    const loop = async () => {
      while (!stop) {
        try {
          const r = await post('/api/live/poll', token, { after, waitMs: 20_000 });
          if (r.status !== 200) {
            setError(String(r.json.error ?? `the server answered ${r.status}`));
            if (r.status === 401) return;
            await new Promise((res) => setTimeout(res, 1000));
            continue;
          }
          const got = (r.json.messages as Msg[]) ?? [];
          if (got.length) {
            after = got.at(-1)!.seq ?? after;
            setMessages((m) => [...m, ...got]);
            setError(null);
          }
          if (got.some((m) => m.type === 'result' || (m.type === 'status' && m.status === 'interrupted'))) return;
        } catch (e) {
          setError(e instanceof Error ? e.message : String(e));
          await new Promise((res) => setTimeout(res, 1000));
        }
      }
    };
    void loop();
    return () => {
      stop = true;
    };
  }, [token]);
  return { messages, error };
}

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));
const describe = (w: Welcome, o: readonly number[] | null | undefined) => (o ? o.map((k, i) => `${w.issues[i]?.name}: ${w.issues[i]?.values[k] ?? k}`).join(', ') : '—');

/** Own utility of an outcome from own linear-additive profile (null for other kinds). */
function ownUtility(p: Profile, o: readonly number[]): number | null {
  let u = 0;
  for (let i = 0; i < p.issues.length; i++) {
    const issue = p.issues[i]!;
    const e = issue.values[o[i]!]?.evaluation;
    if (issue.weight === null || e === null || e === undefined) return null;
    u += issue.weight * e;
  }
  return u;
}

function useNow(ms = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

export function LiveScreen() {
  const link = useMemo(() => liveLink(), []);
  if (!link || !link.token) return <p role="alert">This link has no token: ask the host for your join link.</p>;
  return link.mode === 'join' ? <LiveSeat token={link.token} /> : <LiveHost token={link.token} session={link.session ?? ''} />;
}

/** A person's seat: own profile, the offers with own utility, time left, and the moves. */
export function LiveSeat({ token }: { token: string }) {
  const { messages, error } = useMessages(token);
  const [draft, setDraft] = useState<number[] | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const received = useRef(new Map<number, number>());
  const now = useNow();
  const welcome = messages.find((m) => m.type === 'welcome') as unknown as Welcome | undefined;
  const events = messages.filter((m) => m.type === 'event') as (Msg & { event: LiveEvent; myUtility?: number | null })[];
  const turns = messages.filter((m) => m.type === 'turn') as (Msg & { turn: number; method: string; offer?: number[] | null; proposal?: number[]; final?: boolean; myUtility: number | null; turnTimeLeftMs: number | null; timeLeftMs: number | null })[];
  const result = messages.find((m) => m.type === 'result') as (Msg & { agreementText: string | null; utility: number | null; endReason: string }) | undefined;
  const status = [...messages].reverse().find((m) => m.type === 'status') as (Msg & { status: string }) | undefined;
  const lastTurn = turns.at(-1);
  const answeredTurns = new Set(events.filter((e) => e.event.party === welcome?.seat).map((e) => (e.event as { turn?: number }).turn));
  const myTurn = lastTurn && !result && sent !== lastTurn.turn && !answeredTurns.has(lastTurn.turn) ? lastTurn : undefined;
  if (lastTurn && !received.current.has(lastTurn.turn)) received.current.set(lastTurn.turn, Date.now());

  useEffect(() => {
    if (welcome?.profile && !draft) {
      // Start from own best value on each issue.
      setDraft(welcome.profile.issues.map((i) => i.values.reduce((best, v, k, all) => ((v.evaluation ?? 0) > (all[best]!.evaluation ?? 0) ? k : best), 0)));
    }
  }, [welcome, draft]);

  if (!welcome) return <main className="live"><h1>Live session</h1><p>{error ?? 'Connecting…'}</p></main>;
  const p = welcome.profile!;
  const move = async (body: Record<string, unknown>) => {
    if (!myTurn) return;
    setRefusal(null);
    const r = await post('/api/live/move', token, { ...body, turn: myTurn.turn });
    if (r.status === 200) setSent(myTurn.turn);
    else setRefusal(String(r.json.error ?? r.status));
  };
  const turnLeft = myTurn && myTurn.turnTimeLeftMs !== null ? Math.max(0, myTurn.turnTimeLeftMs - (now - (received.current.get(myTurn.turn) ?? now))) : null;
  const draftUtility = draft ? ownUtility(p, draft) : null;

  return (
    <main className="live" data-testid="live-seat">
      <h1>
        Live session — you are <span data-testid="live-seat-name">{p.name}</span>
      </h1>
      <p>
        Protocol {welcome.protocol.toUpperCase()}, {welcome.deadline.rounds} rounds; participants: {welcome.participants.join(', ')}. Status:{' '}
        <span data-testid="live-status">{status?.status ?? 'waiting'}</span>
      </p>
      {error && <p role="alert" className="error">{error}</p>}

      <section aria-labelledby="own-profile">
        <h2 id="own-profile">Your preferences (only you see them)</h2>
        <p>Reservation value (no deal): {fmt(p.reservation)}</p>
        <table data-testid="live-profile">
          <thead>
            <tr><th>Issue</th><th>Weight</th><th>Values (your evaluation)</th></tr>
          </thead>
          <tbody>
            {p.issues.map((i) => (
              <tr key={i.name}>
                <td>{i.name}</td>
                <td>{fmt(i.weight)}</td>
                <td>{i.values.map((v) => `${v.value} (${fmt(v.evaluation)})`).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {result ? (
        <section data-testid="live-result" aria-live="polite">
          <h2>Result</h2>
          <p>{result.agreementText ? `Agreement: ${result.agreementText}` : 'No agreement'} ({result.endReason}). Your utility: {fmt(result.utility)}.</p>
        </section>
      ) : myTurn ? (
        <section data-testid="live-turn" aria-live="polite">
          <h2>Your turn</h2>
          <p>
            Time left for this turn: <span data-testid="live-time-left">{turnLeft === null ? '—' : `${Math.ceil(turnLeft / 1000)} s`}</span>
            {myTurn.timeLeftMs !== null && `; session: ${Math.ceil(myTurn.timeLeftMs / 1000)} s`}
          </p>
          {myTurn.method === 'vote' ? (
            <>
              <p>Proposed text: {describe(welcome, myTurn.proposal)} — your utility {fmt(myTurn.myUtility)}{myTurn.final ? ' (final vote)' : ''}</p>
              <button type="button" onClick={() => void move({ type: 'vote', accept: true })}>Vote yes</button>{' '}
              <button type="button" onClick={() => void move({ type: 'vote', accept: false })}>Vote no</button>
            </>
          ) : (
            <>
              <p data-testid="live-table">
                On the table: {describe(welcome, myTurn.offer)} {myTurn.offer && `— your utility ${fmt(myTurn.myUtility)}`}
              </p>
              <fieldset>
                <legend>Your offer</legend>
                {welcome.issues.map((issue, i) => (
                  <label key={issue.name} style={{ display: 'block' }}>
                    {issue.name}{' '}
                    <select data-testid={`live-issue-${i}`} value={draft?.[i] ?? 0} onChange={(e) => setDraft((d) => (d ?? []).map((x, j) => (j === i ? Number(e.target.value) : x)))}>
                      {issue.values.map((v, k) => (
                        <option key={v} value={k}>{v}</option>
                      ))}
                    </select>
                  </label>
                ))}
                <p>Your utility of this offer: <span data-testid="live-draft-utility">{fmt(draftUtility)}</span></p>
              </fieldset>
              <button type="button" data-testid="live-offer" onClick={() => draft && void move({ type: 'offer', outcome: draft })}>Make this offer</button>{' '}
              <button type="button" data-testid="live-accept" disabled={!myTurn.offer} onClick={() => void move({ type: 'accept' })}>Accept the offer on the table</button>{' '}
              <button type="button" data-testid="live-walk-away" onClick={() => void move({ type: 'end' })}>Walk away</button>
            </>
          )}
          {refusal && <p role="alert" className="error">{refusal}</p>}
        </section>
      ) : (
        <p data-testid="live-waiting">{status?.status === 'running' ? 'Waiting for the others…' : 'Waiting for every seat to join…'}</p>
      )}

      <section aria-labelledby="live-moves">
        <h2 id="live-moves">Moves so far</h2>
        <table data-testid="live-moves-table">
          <thead>
            <tr><th>Round</th><th>Party</th><th>Move</th><th>Outcome</th><th>Your utility</th></tr>
          </thead>
          <tbody>
            {events
              .filter((e) => ['offer', 'accept', 'end', 'skip', 'vote', 'propose', 'fault'].includes(e.event.type))
              .map((e) => (
                <tr key={e.seq}>
                  <td>{(e.event.round ?? 0) + 1}</td>
                  <td>{e.event.party ?? ''}</td>
                  <td>{e.event.type}</td>
                  <td>{describe(welcome, e.event.outcome)}</td>
                  <td>{fmt(e.myUtility)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}

/** The host's view: seats, every offer with every party's utility plotted as they come; a replay once finished. */
export function LiveHost({ token }: { token: string; session: string }) {
  const { messages, error } = useMessages(token);
  const [step, setStep] = useState<number | null>(null);
  const welcome = messages.find((m) => m.type === 'welcome') as unknown as Welcome | undefined;
  const status = [...messages].reverse().find((m) => m.type === 'status') as (Msg & { status: string; seats?: Record<string, { kind: string; joined: boolean; connected: boolean }> }) | undefined;
  const offers = messages.filter((m) => m.type === 'event' && (m.event as LiveEvent).type === 'offer') as (Msg & { event: LiveEvent; utilities: Record<string, number> })[];
  const result = messages.find((m) => m.type === 'result') as (Msg & { agreementText: string | null; endReason: string; utilities: Record<string, number> }) | undefined;
  const parties = welcome?.participants ?? [];
  const [xParty, yParty] = [parties[0], parties[1]];
  const shown = step === null ? offers : offers.slice(0, step + 1);

  const svg = useMemo(() => {
    if (!xParty || !yParty) return '';
    const layers: PlotLayer[] = parties.map((id, i) => {
      const mine = shown.filter((o) => o.event.party === id);
      return {
        label: `offers by ${id}`,
        kind: 'dot',
        color: seriesColour(i),
        radius: 3,
        points: mine.map((o) => [o.utilities[xParty] ?? 0, o.utilities[yParty] ?? 0] as const),
        titles: mine.map((o) => `round ${(o.event.round ?? 0) + 1}: ${parties.map((p) => `${p} ${fmt(o.utilities[p])}`).join(', ')}`),
      };
    });
    return svgPlot({ title: 'Offers as they come', xLabel: `utility of ${xParty}`, yLabel: `utility of ${yParty}`, layers, xDomain: [0, 1], yDomain: [0, 1] });
  }, [shown, parties, xParty, yParty]);

  // The host token is remembered in this browser, so that the finished session opens in the Simulation screen.
  const session = welcome?.session;
  useEffect(() => {
    if (session && token) rememberHostToken(session, token);
  }, [session, token]);
  const [replayHref, setReplayHref] = useState<string | null>(null);
  useEffect(() => {
    if (!result || !session) return;
    void fetch(`/api/live/sessions/${session}`, { headers: { authorization: `Bearer ${token}` } })
      .then((r) => (r.ok ? (r.json() as Promise<{ config?: { scenarioId?: string; variant?: string } }>) : null))
      .then((d) => {
        const scenario = d?.config?.scenarioId;
        if (scenario) setReplayHref(`${window.location.pathname}${formatRoute({ screen: 'simulation', scenario, ...(d.config?.variant ? { variant: d.config.variant } : {}), live: session })}`);
      })
      .catch(() => setReplayHref(null));
  }, [result, session, token]);

  const control = (action: 'start' | 'pause' | 'resume' | 'end') => post(`/api/live/sessions/${welcome?.session ?? ''}/${action}`, token, {});
  if (!welcome) return <main className="live"><h1>Live session (host)</h1><p>{error ?? 'Connecting…'}</p></main>;
  return (
    <main className="live" data-testid="live-host">
      <h1>Live session — host view</h1>
      <p>
        Status: <span data-testid="live-host-status">{status?.status ?? 'waiting'}</span>; protocol {welcome.protocol.toUpperCase()}, {welcome.deadline.rounds} rounds.
      </p>
      {error && <p role="alert" className="error">{error}</p>}
      {!result && (
        <p>
          {status?.status === 'waiting' && <button type="button" onClick={() => void control('start')}>Start now</button>}{' '}
          {status?.status === 'running' && <button type="button" onClick={() => void control('pause')}>Pause</button>}{' '}
          {status?.status === 'paused' && <button type="button" onClick={() => void control('resume')}>Resume</button>}{' '}
          <button type="button" onClick={() => window.confirm('End the session now? Every person and remote agent leaves.') && void control('end')}>End the session</button>
        </p>
      )}
      <table>
        <thead>
          <tr><th>Seat</th><th>Kind</th><th>Joined</th><th>Connected</th></tr>
        </thead>
        <tbody>
          {Object.entries(status?.seats ?? {}).map(([id, s]) => (
            <tr key={id}><td>{id}</td><td>{s.kind}</td><td>{s.joined ? 'yes' : 'no'}</td><td>{s.connected ? 'yes' : 'no'}</td></tr>
          ))}
        </tbody>
      </table>
      {svg && <SvgChart svg={svg} testId="live-host-plot" caption={`${offers.length} offers so far`} />}
      {result && (
        <section data-testid="live-host-result">
          <h2>Result</h2>
          <p data-testid="live-host-agreement">{result.agreementText ? `Agreement: ${result.agreementText}` : 'No agreement'} ({result.endReason})</p>
          <p>{Object.entries(result.utilities).map(([p, u]) => `${p}: ${fmt(u)}`).join('; ')}</p>
          {offers.length > 0 && (
            <label>
              Replay: offer {(step ?? offers.length - 1) + 1} of {offers.length}{' '}
              <input type="range" min={0} max={offers.length - 1} value={step ?? offers.length - 1} onChange={(e) => setStep(Number(e.target.value))} data-testid="live-replay" />
            </label>
          )}
          <p>
            <a href={`/api/live/sessions/${welcome.session}/trace`} onClick={(e) => {
              e.preventDefault();
              void fetch(`/api/live/sessions/${welcome.session}/trace`, { headers: { authorization: `Bearer ${token}` } })
                .then((r) => r.blob())
                .then((b) => {
                  const a = document.createElement('a');
                  a.href = URL.createObjectURL(b);
                  a.download = `live-${welcome.session}.jsonl`;
                  a.click();
                });
            }}>Download the trace (JSON Lines, as parley run --trace)</a>
          </p>
          {replayHref && (
            <p>
              <a href={replayHref} data-testid="live-open-simulation">
                Open in Simulation
              </a>{' '}
              <span className="hint">(a replay with every offer in the utility space, outcome tables and a utility-over-rounds chart per party)</span>
            </p>
          )}
        </section>
      )}
    </main>
  );
}
