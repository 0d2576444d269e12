import { AGENT_KINDS, OutcomeSpace, outcomeText, plot as svgPlot } from 'parley';
import type { PlotLayer, Scenario } from 'parley';
import { useEffect, useMemo, useState } from 'react';
import { api, type RunListing } from '../api.ts';
import type { SimulationSummary } from '../compute/simulate.ts';
import { seriesColour } from '../plot/palette.ts';
import { UtilityPlot } from '../plot/UtilityPlot.tsx';
import { OpponentModelChart } from '../plot/OpponentModelChart.tsx';
import { SvgChart } from '../plot/SvgChart.tsx';
import { StrategyHelp } from '../view/StrategyHelp.tsx';
import { Term } from '../view/Glossary.tsx';
import { engine } from '../worker-client.ts';
import type { AnalyzeReply, ScenarioRef } from '../worker-protocol.ts';
import { ProgressBar, type ProgressState } from './ProgressBar.tsx';
import { defaultPair, fmt, participantsOf } from './view-model.ts';
import { Outcome } from '../view/OutcomeTable.tsx';
import { hostTokenOf, rememberHostToken } from '../live-tokens.ts';
import type { LiveSessionListingReply } from '../../../src/server/api-types.ts';

export interface SimulationProps {
  readonly scenario: Scenario;
  readonly scenarioRef: ScenarioRef;
  readonly scenarioId: string;
  /** A finished live session to open (from the address, `&live=<id>`). */
  readonly liveSession?: string;
}

export function Simulation({ scenario, scenarioRef, scenarioId, liveSession }: SimulationProps) {
  const participants = useMemo(() => participantsOf(scenario), [scenario]);
  const [protocol, setProtocol] = useState<'aop' | 'saop' | 'single-text'>(participants.length === 2 ? 'aop' : 'saop');
  const [agents, setAgents] = useState<string[]>(() => participants.map(() => 'boulware'));
  const [rounds, setRounds] = useState(100);
  const [seed, setSeed] = useState(1);
  const [repeats, setRepeats] = useState(20);
  const [result, setResult] = useState<SimulationSummary | null>(null);
  const [step, setStep] = useState(0);
  const [space, setSpace] = useState<AnalyzeReply | null>(null);
  const [progress, setProgress] = useState<ProgressState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [runs, setRuns] = useState<RunListing[] | null>(null);
  const [openedRun, setOpenedRun] = useState<number | null>(null);
  const [openedLive, setOpenedLive] = useState<LiveSessionListingReply | null>(null);
  const [liveSessions, setLiveSessions] = useState<LiveSessionListingReply[]>([]);
  /** A session whose host token this browser does not know: asked for. */
  const [tokenFor, setTokenFor] = useState<string | null>(null);
  const [tokenText, setTokenText] = useState('');
  const pair = useMemo(() => defaultPair(scenario), [scenario]);
  const outcomeSpace = useMemo(() => new OutcomeSpace(scenario.issues), [scenario]);
  const nameOf = (id: string) => scenario.parties.find((p) => p.id === id)?.name ?? id;

  useEffect(() => {
    setAgents(participants.map(() => 'boulware'));
    setProtocol(participants.length === 2 ? 'aop' : 'saop');
  }, [participants]);

  useEffect(() => {
    if (!pair) return;
    engine().request<AnalyzeReply>({ type: 'analyze', scenario: scenarioRef, pair }).then(setSpace, () => setSpace(null));
  }, [scenarioRef, pair]);

  const background = useMemo(() => {
    if (!space || !pair) return null;
    const a = space.analysis;
    const ia = a.frontier.parties.indexOf(pair[0]);
    const ib = a.frontier.parties.indexOf(pair[1]);
    const frontier = ia >= 0 && ib >= 0 ? a.frontier.points.map((p) => ({ x: p.utilities[ia]!, y: p.utilities[ib]!, label: `frontier (${fmt(p.utilities[ia])}, ${fmt(p.utilities[ib])})` })) : [];
    const reservation = (id: string) => a.parties.find((p) => p.id === id)?.reservation;
    return { frontier, frontierProjected: a.frontier.parties.length > 2, rx: reservation(pair[0]), ry: reservation(pair[1]) };
  }, [space, pair]);

  const run = async () => {
    setError(null);
    setSaved(null);
    setProgress({ done: 0, total: repeats, stage: 'runs' });
    try {
      const r = await engine().request<SimulationSummary>({ type: 'simulate', scenario: scenarioRef, protocol, agents, rounds, seed, repeats }, (done, total, stage) =>
        setProgress({ done, total, stage: stage ?? '' }),
      );
      setResult(r);
      setOpenedRun(null);
      setOpenedLive(null);
      setStep(Math.max(0, r.trace.filter((t) => t.utilities).length - 1));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setProgress(null);
    }
  };

  const save = async () => {
    if (!result) return;
    try {
      // The whole summary, trace included, so that a saved run opens here as it was.
      const r = await api.saveRun(scenarioId, 'simulation', { protocol, agents, rounds, seed, repeats }, result);
      setSaved(`Saved as run ${r.id}.`);
      void loadRuns();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const loadRuns = async () => {
    try {
      setRuns((await api.listRuns(scenarioId)).filter((r) => r.kind === 'simulation'));
    } catch {
      setRuns([]);
    }
  };
  useEffect(() => {
    void loadRuns();
  }, [scenarioId]);

  const openRun = async (id: number) => {
    setError(null);
    try {
      const run = await api.getRun(id);
      const r = run.result as Partial<SimulationSummary> | null;
      const c = run.config as Partial<{ protocol: typeof protocol; agents: string[]; rounds: number; seed: number; repeats: number }> | null;
      if (!r || !r.first || !r.stats || !r.runs) throw new Error(`run ${id} holds no simulation result`);
      if (c?.protocol) setProtocol(c.protocol);
      if (c?.agents) setAgents(c.agents);
      if (c?.rounds) setRounds(c.rounds);
      if (c?.seed !== undefined) setSeed(c.seed);
      if (c?.repeats) setRepeats(c.repeats);
      const full: SimulationSummary = { protocol: r.protocol ?? c?.protocol ?? 'aop', participants: r.participants ?? [], trace: r.trace ?? [], first: r.first, runs: r.runs, stats: r.stats, ...(r.models ? { models: r.models } : {}) };
      setResult(full);
      setStep(Math.max(0, full.trace.filter((t) => t.utilities).length - 1));
      setOpenedRun(id);
      setOpenedLive(null);
      setSaved(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  /** Opens a finished live session: its trace (host token) replayed on this scenario in the worker. */
  const openLive = async (id: string, given?: string) => {
    setError(null);
    const token = given ?? hostTokenOf(id);
    if (!token) {
      setTokenFor(id);
      return;
    }
    try {
      const head = { headers: { authorization: `Bearer ${token}` } };
      const res = await fetch(`api/live/sessions/${encodeURIComponent(id)}/trace`, head);
      if (res.status === 401) {
        setTokenFor(id);
        throw new Error('the host token of this session is needed to open it');
      }
      if (!res.ok) throw new Error(`the server answered ${res.status} for the session's trace`);
      const text = await res.text();
      const r = await engine().request<SimulationSummary>({ type: 'replay-trace', scenario: scenarioRef, trace: text });
      if (given) rememberHostToken(id, given);
      setTokenFor(null);
      setResult(r);
      setOpenedRun(null);
      setOpenedLive(liveSessions.find((x) => x.id === id) ?? { id, status: 'finished', scenarioId, scenarioName: scenario.name });
      setStep(Math.max(0, r.trace.filter((t) => t.utilities).length - 1));
      setSaved(null);
    } catch (e) {
      setError(`Cannot open the live session: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  useEffect(() => {
    void fetch('api/live/sessions')
      .then((r) => (r.ok ? (r.json() as Promise<{ sessions: LiveSessionListingReply[] }>) : { sessions: [] }))
      .then((r) => setLiveSessions(r.sessions.filter((x) => x.scenarioId === scenarioId && x.status === 'finished')))
      .catch(() => setLiveSessions([]));
  }, [scenarioId]);

  useEffect(() => {
    if (liveSession) void openLive(liveSession);
    // Opened once per session in the address (openLive reads the current scenario).
  }, [liveSession]);

  const offers = result ? result.trace.filter((t) => t.utilities).slice(0, step + 1) : [];
  const trace = pair
    ? offers.map((t) => ({
        x: t.utilities![pair[0]] ?? 0,
        y: t.utilities![pair[1]] ?? 0,
        label: `round ${t.round + 1}, ${nameOf(t.party)} ${t.kind}s: ${t.outcome ? outcomeText(scenario.issues, t.outcome) : t.text}`,
        colour: seriesColour(Math.max(0, participants.indexOf(t.party))),
      }))
    : [];
  const current = result?.trace.filter((t) => t.utilities)[step];
  const nash = space?.analysis.solutions.nash?.outcome ?? null;
  const agreementPoint =
    pair && result?.first.agreement && step === (result.trace.filter((t) => t.utilities).length - 1)
      ? { x: result.first.utilities[pair[0]] ?? 0, y: result.first.utilities[pair[1]] ?? 0, label: outcomeText(scenario.issues, result.first.agreement) }
      : null;

  return (
    <section aria-labelledby="sim-title">
      <h2 id="sim-title">Simulation</h2>
      <div className="row">
        <label>
          Protocol{' '}
          <select value={protocol} onChange={(e) => setProtocol(e.target.value as typeof protocol)}>
            {participants.length === 2 && <option value="aop">alternating offers (2 parties)</option>}
            <option value="saop">stacked alternating offers</option>
            <option value="single-text">single text (mediator)</option>
          </select>
        </label>
        <label>
          Rounds <input type="number" min={1} max={100000} value={rounds} onChange={(e) => setRounds(Math.max(1, Number(e.target.value) || 1))} />
        </label>
        <label>
          Seed <input type="number" value={seed} onChange={(e) => setSeed(Number(e.target.value) || 0)} />
        </label>
        <label>
          Repeats <input type="number" min={1} max={1000} value={repeats} onChange={(e) => setRepeats(Math.max(1, Math.min(1000, Number(e.target.value) || 1)))} />
        </label>
      </div>
      <fieldset>
        <legend>
          <Term k="strategy">Strategies</Term>
        </legend>
        {participants.map((id, i) => (
          <label key={id} className="inline">
            {nameOf(id)}{' '}
            <select aria-label={`Strategy of ${nameOf(id)}`} value={agents[i] ?? 'boulware'} onChange={(e) => setAgents(agents.map((a, k) => (k === i ? e.target.value : a)))}>
              {AGENT_KINDS.map((k) => (
                <option key={k.name} value={k.name} title={k.description}>
                  {k.name}
                </option>
              ))}
            </select>
          </label>
        ))}
        {participants.map((id, i) => (
          <StrategyHelp key={id} who={nameOf(id)} name={agents[i] ?? 'boulware'} />
        ))}
      </fieldset>
      <div className="row">
        <button type="button" onClick={() => void run()} disabled={progress !== null}>
          Run simulation
        </button>
        {result && !openedLive && (
          <button type="button" onClick={() => void save()}>
            Save run
          </button>
        )}
        {saved && <span role="status">{saved}</span>}
      </div>
      {runs && runs.length > 0 && (
        <details className="saved-runs" data-testid="saved-runs">
          <summary>Saved runs ({runs.length})</summary>
          <ul>
            {runs.map((r) => {
              const c = r.config as Partial<{ protocol: string; agents: string[]; rounds: number; seed: number; repeats: number }> | null;
              return (
                <li key={r.id}>
                  <button type="button" onClick={() => void openRun(r.id)} aria-current={openedRun === r.id ? 'true' : undefined}>
                    Open run {r.id}
                  </button>{' '}
                  <span className="hint">
                    {new Date(r.createdAt).toLocaleString('en')}: {c?.protocol ?? '?'}, {(c?.agents ?? []).join(' vs ')}, {c?.rounds ?? '?'} rounds, seed {c?.seed ?? '?'}, {c?.repeats ?? '?'} repeats
                  </span>
                </li>
              );
            })}
          </ul>
        </details>
      )}
      {liveSessions.length > 0 && (
        <details className="saved-runs" data-testid="live-sessions" open={liveSession !== undefined || undefined}>
          <summary>Finished live sessions ({liveSessions.length})</summary>
          <ul>
            {liveSessions.map((x) => (
              <li key={x.id}>
                <button type="button" onClick={() => void openLive(x.id)} aria-current={openedLive?.id === x.id ? 'true' : undefined}>
                  Open in Simulation
                </button>{' '}
                <span className="hint">
                  live session of {x.updatedAt ? new Date(x.updatedAt).toLocaleString('en') : x.id}
                  {hostTokenOf(x.id) ? '' : ' (needs its host token)'}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {tokenFor && (
        <form
          className="row"
          aria-label="Host token of the live session"
          onSubmit={(e) => {
            e.preventDefault();
            if (tokenText.trim()) void openLive(tokenFor, tokenText.trim());
          }}
        >
          <label>
            This browser does not know the host token of the session; paste it (from the host link, after <code>#token=</code>){' '}
            <input value={tokenText} size={30} autoComplete="off" onChange={(e) => setTokenText(e.target.value)} />
          </label>
          <button type="submit" disabled={!tokenText.trim()}>
            Open the session
          </button>
        </form>
      )}
      {openedLive && result && (
        <p role="status" data-testid="opened-live">
          Showing the finished live session of {openedLive.updatedAt ? new Date(openedLive.updatedAt).toLocaleString('en') : openedLive.id} ({result.participants.map((p) => `${nameOf(p.id)}: ${p.agent}`).join(', ')}), replayed from its trace.
          {result.replayProblems?.length ? ` It does not replay cleanly on the scenario as it is now: ${result.replayProblems.slice(0, 2).join('; ')}.` : ''}
        </p>
      )}
      {openedRun !== null && result && (
        <p role="status" data-testid="opened-run">
          Showing saved run {openedRun}.
        </p>
      )}
      {progress && <ProgressBar label="Simulating in the background" progress={progress} />}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {result && (
        <>
          <p data-testid="sim-outcome">
            First run (seed {result.first.seed}): {result.first.agreement ? `agreement in round ${result.first.rounds}:` : `no agreement (${result.first.endReason}).`}
          </p>
          {result.first.agreement && <Outcome issues={scenario.issues} outcome={result.first.agreement} reference={nash} referenceName="Nash" caption="The agreement of the first run" testId="sim-agreement" />}
          <div className="row" role="group" aria-label="Step through the first run">
            <button type="button" onClick={() => setStep(0)} disabled={step === 0}>
              First
            </button>
            <button type="button" onClick={() => setStep(Math.max(0, step - 1))} disabled={step === 0}>
              Previous
            </button>
            <label>
              Step{' '}
              <input
                type="range"
                min={0}
                max={Math.max(0, result.trace.filter((t) => t.utilities).length - 1)}
                value={step}
                onChange={(e) => setStep(Number(e.target.value))}
                aria-valuetext={`step ${step + 1}`}
              />
            </label>
            <button type="button" onClick={() => setStep(Math.min(result.trace.filter((t) => t.utilities).length - 1, step + 1))}>
              Next
            </button>
            <span data-testid="sim-step" aria-live="polite">
              Step {step + 1} of {result.trace.filter((t) => t.utilities).length}
              {current ? `: round ${current.round + 1}, ${nameOf(current.party)} ${current.kind}s` : ''}
            </span>
          </div>
          {current?.outcome && <Outcome issues={scenario.issues} outcome={current.outcome} reference={nash} referenceName="Nash" caption={`Round ${current.round + 1}: what ${nameOf(current.party)} ${current.kind === 'offer' ? 'offers' : `${current.kind}s`}`} testId="sim-current" />}
          {pair && (
            <UtilityPlot
              title="Offers of the first run in the utility space"
              x={{ id: pair[0], name: nameOf(pair[0]), reservation: background?.rx }}
              y={{ id: pair[1], name: nameOf(pair[1]), reservation: background?.ry }}
              cloud={space?.cloud ?? null}
              frontier={background?.frontier ?? []}
              frontierProjected={background?.frontierProjected ?? false}
              solutions={[]}
              trace={trace}
              traceSeries={participants.map((id, i) => ({ name: nameOf(id), colour: seriesColour(i) }))}
              agreement={agreementPoint}
              describeIndex={(i) => outcomeText(scenario.issues, outcomeSpace.outcomeAt(i))}
            />
          )}
          <h3>Utility over the rounds</h3>
          <p className="hint">One chart per party: the utility to that party of each offer, coloured by who made it{result.first.agreement ? '; the agreement is marked' : ''}.</p>
          <div className="chart-grid">
            {participants.map((id) => (
              <RoundsChart key={id} party={id} nameOf={nameOf} participants={participants} result={result} reservation={space?.analysis.parties.find((p) => p.id === id)?.reservation} />
            ))}
          </div>
          {result.models && <OpponentModelChart report={result.models} nameOf={nameOf} />}
          <table data-testid="sim-stats">
            <caption>
              {result.runs.length} runs (seeds {seed}–{seed + result.runs.length - 1}): agreement in {(result.stats.agreementRate * 100).toFixed(0)} %, rounds {fmt(result.stats.rounds.mean, 1)} ± {fmt(result.stats.rounds.sd, 1)}
            </caption>
            <thead>
              <tr>
                <th scope="col">party</th>
                <th scope="col">mean utility</th>
                <th scope="col">sd</th>
                <th scope="col">min</th>
                <th scope="col">max</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(result.stats.utilities).map(([id, s]) => (
                <tr key={id}>
                  <th scope="row">{nameOf(id)}</th>
                  <td>{fmt(s.mean)}</td>
                  <td>{fmt(s.sd)}</td>
                  <td>{fmt(s.min)}</td>
                  <td>{fmt(s.max)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The utility to one party of every offer of the first run, one line per proposer, the agreement marked. */
function RoundsChart({ party, nameOf, participants, result, reservation }: { party: string; nameOf: (id: string) => string; participants: readonly string[]; result: SimulationSummary; reservation: number | undefined }) {
  const steps = result.trace.filter((t) => t.utilities && t.outcome && (t.kind === 'offer' || t.kind === 'propose' || t.kind === 'text'));
  const layers: PlotLayer[] = participants.flatMap((id, i): PlotLayer[] => {
    const own = steps.filter((t) => t.party === id);
    return own.length ? [{ label: `offers of ${nameOf(id)}`, points: own.map((t) => [t.round + 1, t.utilities![party] ?? 0] as const), kind: 'line', color: seriesColour(i) }] : [];
  });
  const first = result.first;
  if (first.agreement && first.utilities[party] !== undefined) layers.push({ label: 'agreement', points: [[first.rounds, first.utilities[party]!]], kind: 'dot', color: '#1a1a1a', radius: 5, shape: 'diamond', titles: [`agreement in round ${first.rounds}: utility ${first.utilities[party]!.toFixed(3)}`] });
  const svg = svgPlot({
    title: `Utility of ${nameOf(party)} over the rounds`,
    xLabel: 'round',
    yLabel: `utility of ${nameOf(party)}`,
    layers,
    yDomain: [0, 1.05],
    ...(first.agreement ? { vLines: [{ x: first.rounds, label: 'agreement' }] } : {}),
    ...(reservation !== undefined && Number.isFinite(reservation) ? { hLines: [{ y: reservation, label: 'reservation' }] } : {}),
    width: 460,
    height: 300,
  });
  return (
    <SvgChart
      svg={svg}
      testId="rounds-chart"
      table={{
        caption: `Utility of ${nameOf(party)} of each offer of the first run`,
        header: ['round', 'proposer', `utility of ${nameOf(party)}`],
        rows: steps.map((t) => [String(t.round + 1), nameOf(t.party), t.utilities![party] ?? 0]),
      }}
    />
  );
}
