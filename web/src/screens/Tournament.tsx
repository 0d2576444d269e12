// The Tournament screen: pick agents and scenarios, start, watch progress and the leaderboard, then the results —
// ranking with intervals, agent × agent heat map of mean utility, every agreement over the frontier. Past runs from the store.
import { AGENT_KINDS } from 'parley';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ScenarioListing } from '../api.ts';
import { OKABE_ITO } from '../plot/palette.ts';
import { ProgressBar } from './ProgressBar.tsx';
import { tournamentApi, type TournamentListingReply, type TournamentScatterReply, type TournamentStatusReply } from './tournament-api.ts';
import { fmt } from './view-model.ts';

const BASELINES = AGENT_KINDS.filter((k) => k.year === null).map((k) => k.name);
const ANAC = AGENT_KINDS.filter((k) => k.year !== null);
const DEFAULT_AGENTS = ['boulware', 'conceder', 'linear', 'micro'].filter((a) => BASELINES.includes(a));

export interface TournamentProps {
  readonly scenarios: readonly ScenarioListing[];
}

export function Tournament({ scenarios }: TournamentProps) {
  const [agents, setAgents] = useState<string[]>(DEFAULT_AGENTS);
  const [picked, setPicked] = useState<string[]>([]);
  const [repetitions, setRepetitions] = useState(1);
  const [rounds, setRounds] = useState(200);
  const [seed, setSeed] = useState(1);
  const [selfPlay, setSelfPlay] = useState(false);
  const [runs, setRuns] = useState<TournamentListingReply[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [status, setStatus] = useState<TournamentStatusReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const refreshRuns = useCallback(() => tournamentApi.list().then(setRuns, (e: unknown) => setError(String(e instanceof Error ? e.message : e))), []);
  useEffect(() => void refreshRuns(), [refreshRuns]);

  // Poll the open tournament while it runs.
  useEffect(() => {
    if (!current) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const s = await tournamentApi.get(current);
        if (stop) return;
        setStatus(s);
        if (s.status === 'running') timer = setTimeout(() => void poll(), 400);
        else void refreshRuns();
      } catch (e) {
        if (!stop) setError(e instanceof Error ? e.message : String(e));
      }
    };
    void poll();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, [current, refreshRuns]);

  const toggle = (list: string[], set: (v: string[]) => void, x: string) => set(list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);

  const start = async () => {
    setError(null);
    setStarting(true);
    try {
      const r = await tournamentApi.start({ agents, scenarios: picked, repetitions, rounds, seed, selfPlay });
      setStatus(null);
      setCurrent(r.id);
      void refreshRuns();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setStarting(false);
    }
  };

  const n = agents.length;
  const planned = picked.length * repetitions * (n * (n - 1) + (selfPlay ? n : 0));

  return (
    <section aria-labelledby="tournament-heading">
      <h2 id="tournament-heading">Tournament</h2>
      <p className="hint">
        Every agent against every other on every scenario, in both role orders, times the repetitions; run in the server’s worker pool and stored, so past runs stay listed. Larger tournaments:{' '}
        <code>parley tournament</code> (docs/tournaments.md).
      </p>
      <fieldset>
        <legend>Agents</legend>
        {BASELINES.map((a) => (
          <label key={a} className="inline">
            <input type="checkbox" checked={agents.includes(a)} onChange={() => toggle(agents, setAgents, a)} /> {a}
          </label>
        ))}
        <details>
          <summary>ANAC agents ({ANAC.length})</summary>
          {ANAC.map((k) => (
            <label key={k.name} className="inline" title={k.strategy}>
              <input type="checkbox" checked={agents.includes(k.name)} onChange={() => toggle(agents, setAgents, k.name)} /> {k.name} <span className="hint">({k.year})</span>
            </label>
          ))}
        </details>
      </fieldset>
      <fieldset data-testid="tournament-scenarios">
        <legend>Scenarios</legend>
        {scenarios.length === 0 && <p className="hint">No scenarios in the library yet.</p>}
        {scenarios.map((s) => (
          <label key={s.id} className="inline">
            <input type="checkbox" checked={picked.includes(s.id)} onChange={() => toggle(picked, setPicked, s.id)} /> {s.name}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <label className="field">
          Repetitions <input type="number" min={1} max={1000} value={repetitions} onChange={(e) => setRepetitions(Math.max(1, Number(e.target.value) || 1))} />
        </label>
        <label className="field">
          Rounds <input type="number" min={1} max={10000} value={rounds} onChange={(e) => setRounds(Math.max(1, Number(e.target.value) || 1))} />
        </label>
        <label className="field">
          Seed <input type="number" value={seed} onChange={(e) => setSeed(Math.trunc(Number(e.target.value) || 0))} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={selfPlay} onChange={(e) => setSelfPlay(e.target.checked)} /> self-play
        </label>
        <button type="button" onClick={() => void start()} disabled={starting || agents.length === 0 || picked.length === 0}>
          Start tournament
        </button>
        <span className="hint">{picked.length ? `${planned.toLocaleString('en')} negotiations (two-party scenarios)` : 'pick at least one scenario'}</span>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {status && <TournamentView status={status} onStop={() => void tournamentApi.stop(status.id).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))} />}
      <PastRuns runs={runs} current={current} onOpen={setCurrent} />
    </section>
  );
}

function PastRuns({ runs, current, onOpen }: { runs: readonly TournamentListingReply[]; current: string | null; onOpen: (id: string) => void }) {
  if (!runs.length) return <p className="hint">No tournaments yet.</p>;
  return (
    <table data-testid="past-tournaments">
      <caption>Tournaments in the database</caption>
      <thead>
        <tr>
          <th scope="col">started</th>
          <th scope="col">status</th>
          <th scope="col">negotiations</th>
          <th scope="col">agents</th>
          <th scope="col">scenarios</th>
          <th scope="col">
            <span className="hint">open</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id} aria-current={r.id === current}>
            <th scope="row">{r.createdAt.replace('T', ' ').slice(0, 19)}</th>
            <td>{r.status}</td>
            <td>
              {r.done.toLocaleString('en')} / {r.total.toLocaleString('en')}
            </td>
            <td>{r.agents.join(', ')}</td>
            <td>{r.scenarios.join(', ')}</td>
            <td>
              <button type="button" onClick={() => onOpen(r.id)} aria-label={`open tournament ${r.id}`}>
                Open
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TournamentView({ status, onStop }: { status: TournamentStatusReply; onStop: () => void }) {
  const p = status.progress;
  const s = status.summary;
  return (
    <div data-testid="tournament-view">
      <h3>
        Tournament {status.id} — {status.status}
      </h3>
      {status.error && (
        <p role="alert" className="error">
          {status.error}
        </p>
      )}
      {status.status === 'running' && (
        <div className="row">
          <ProgressBar label="Negotiations" progress={{ done: p?.done ?? status.done, total: status.total, stage: p ? `${p.rate.toFixed(0)}/s${p.eta !== null ? `, ${Math.ceil(p.eta)} s left` : ''}` : 'starting' }} />
          <button type="button" onClick={onStop}>
            Stop
          </button>
        </div>
      )}
      {!s && p && (
        <table data-testid="leaderboard">
          <caption>Leaderboard so far (mean utility; intervals when done)</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">agent</th>
              <th scope="col">mean utility</th>
              <th scope="col">agreements</th>
              <th scope="col">negotiations</th>
              <th scope="col">faults</th>
            </tr>
          </thead>
          <tbody>
            {p.leaderboard.map((r, i) => (
              <tr key={r.agent}>
                <td>{i + 1}</td>
                <th scope="row">{r.agent}</th>
                <td>{fmt(r.meanUtility ?? undefined)}</td>
                <td>{(r.agreementRate * 100).toFixed(1)} %</td>
                <td>{r.negotiations}</td>
                <td>{r.faults}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {s && <Results status={status} />}
    </div>
  );
}

function Results({ status }: { status: TournamentStatusReply }) {
  const s = status.summary!;
  const conf = Math.round(s.statistics.bootstrap.confidence * 100);
  const significant = s.pairwise.filter((x) => x.significant);
  return (
    <>
      <p>
        {s.negotiations.toLocaleString('en')} negotiations, {s.agreements.toLocaleString('en')} agreements ({((s.agreements / Math.max(1, s.negotiations)) * 100).toFixed(1)} %), {s.faults} with faults,{' '}
        {s.seconds.toFixed(2)} s.
      </p>
      <table data-testid="leaderboard">
        <caption>
          Ranking: mean utility over each agent’s negotiations, with {conf} % bootstrap intervals ({s.statistics.bootstrap.resamples} resamples of its pairings)
        </caption>
        <thead>
          <tr>
            <th scope="col">rank</th>
            <th scope="col">agent</th>
            <th scope="col">score</th>
            <th scope="col">{conf} % interval</th>
            <th scope="col">agreements</th>
            <th scope="col">advantage</th>
            <th scope="col">welfare</th>
            <th scope="col">to Pareto</th>
            <th scope="col">to Nash</th>
            <th scope="col">faults</th>
          </tr>
        </thead>
        <tbody>
          {s.ranking.map((r) => (
            <tr key={r.agent}>
              <td>{r.rank}</td>
              <th scope="row">{r.agent}</th>
              <td>{fmt(r.score ?? undefined)}</td>
              <td>{r.low === null ? '—' : `${fmt(r.low)} – ${fmt(r.high ?? undefined)}`}</td>
              <td>{(r.agreementRate * 100).toFixed(1)} %</td>
              <td>{fmt(r.meanAdvantage)}</td>
              <td>{fmt(r.meanWelfare)}</td>
              <td>{fmt(r.meanParetoDistance ?? undefined)}</td>
              <td>{fmt(r.meanNashDistance ?? undefined)}</td>
              <td>{r.faults}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <IntervalChart summary={s} />
      <p className="hint">
        Significant differences ({s.statistics.test.name}, {s.statistics.test.correction}-adjusted, α = {s.statistics.test.alpha}):{' '}
        {significant.length
          ? significant
              .map((x) => {
                const [hi, lo] = x.difference >= 0 ? [x.a, x.b] : [x.b, x.a];
                return `${hi} > ${lo} (p = ${x.adjustedPValue < 0.0001 ? x.adjustedPValue.toExponential(1) : x.adjustedPValue.toFixed(4)})`;
              })
              .join('; ')
          : 'none'}
      </p>
      <HeatMap summary={s} />
      <Scatter status={status} />
    </>
  );
}

type Summary = NonNullable<TournamentStatusReply['summary']>;

/** Each agent's score with its interval, on a common 0–1 axis. */
function IntervalChart({ summary }: { summary: Summary }) {
  const rows = summary.ranking.filter((r) => r.score !== null);
  const W = 560;
  const left = 170;
  const rowH = 22;
  const H = rows.length * rowH + 30;
  const x = (u: number) => left + u * (W - left - 20);
  return (
    <figure className="plot">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Scores with bootstrap intervals" data-testid="ranking-intervals">
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={4} y2={H - 22} stroke="#ddd" />
            <text x={x(t)} y={H - 8} fontSize={11} textAnchor="middle">
              {t}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = 14 + i * rowH;
          return (
            <g key={r.agent}>
              <text x={left - 8} y={y + 4} fontSize={12} textAnchor="end">
                {r.agent}
              </text>
              {r.low !== null && r.high !== null && <line x1={x(r.low)} x2={x(r.high)} y1={y} y2={y} stroke={OKABE_ITO.blue} strokeWidth={3} />}
              <circle cx={x(r.score!)} cy={y} r={4} fill={OKABE_ITO.vermillion}>
                <title>{`${r.agent}: ${fmt(r.score!)} (${fmt(r.low ?? undefined)} – ${fmt(r.high ?? undefined)})`}</title>
              </circle>
            </g>
          );
        })}
      </svg>
      <figcaption className="hint">Score (dot) and its bootstrap interval (bar).</figcaption>
    </figure>
  );
}

/** Agent (row) against opponent (column): the row agent's mean utility over all scenarios. */
function HeatMap({ summary }: { summary: Summary }) {
  const agents = summary.ranking.map((r) => r.agent);
  const cell = new Map(summary.matrix.map((c) => [`${c.agent}\u0000${c.opponent}`, c]));
  const size = 46;
  const left = 170;
  const top = 120;
  const W = left + agents.length * size + 90; // room for the last column's slanted label
  const H = top + agents.length * size + 10;
  return (
    <figure className="plot" style={{ maxWidth: `${Math.max(360, W)}px` }}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Heat map: each agent's mean utility against each opponent" data-testid="heat-map">
        {agents.map((a, j) => (
          <text key={`c${a}`} x={left + j * size + size / 2} y={top - 8} fontSize={11} transform={`rotate(-45 ${left + j * size + size / 2} ${top - 8})`}>
            {a}
          </text>
        ))}
        {agents.map((a, i) => (
          <g key={a}>
            <text x={left - 8} y={top + i * size + size / 2 + 4} fontSize={11} textAnchor="end">
              {a}
            </text>
            {agents.map((o, j) => {
              const c = cell.get(`${a}\u0000${o}`);
              const u = c && Number.isFinite(c.meanUtility) ? c.meanUtility : null;
              return (
                <g key={o}>
                  <rect x={left + j * size} y={top + i * size} width={size - 2} height={size - 2} fill={u === null ? '#f2f2f2' : OKABE_ITO.blue} fillOpacity={u === null ? 1 : 0.1 + 0.9 * Math.max(0, Math.min(1, u))}>
                    <title>{u === null ? `${a} did not meet ${o}` : `${a} against ${o}: mean utility ${fmt(u)} over ${c!.negotiations} negotiations, agreements ${(c!.agreementRate * 100).toFixed(0)} %`}</title>
                  </rect>
                  {u !== null && (
                    <text x={left + j * size + size / 2 - 1} y={top + i * size + size / 2 + 4} fontSize={11} textAnchor="middle" fill={u > 0.55 ? '#fff' : '#000'}>
                      {u.toFixed(2)}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <figcaption className="hint">Row agent’s mean utility against the column agent, over all scenarios (darker: higher).</figcaption>
    </figure>
  );
}

/** Every agreement on one scenario over its Pareto frontier, in undiscounted utilities. */
function Scatter({ status }: { status: TournamentStatusReply }) {
  const [scenario, setScenario] = useState(0);
  const [data, setData] = useState<TournamentScatterReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setData(null);
    tournamentApi.scatter(status.id, scenario).then(setData, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [status.id, scenario]);
  const W = 460;
  const H = 420;
  const pad = 44;
  const sx = (u: number) => pad + u * (W - pad - 12);
  const sy = (u: number) => H - pad - u * (H - pad - 12);
  const frontier = useMemo(() => (data ? [...data.frontier].sort((a, b) => a[0]! - b[0]!) : []), [data]);
  return (
    <div>
      <h3>Agreements over the frontier</h3>
      {status.scenarios.length > 1 && (
        <label className="field">
          Scenario{' '}
          <select value={scenario} onChange={(e) => setScenario(Number(e.target.value))}>
            {status.scenarios.map((s, i) => (
              <option key={s.id} value={i}>
                {s.id}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && <p className="error">{error}</p>}
      {data && data.parties.length < 2 && <p className="hint">This scenario has no two-party frontier to draw.</p>}
      {data && data.parties.length >= 2 && (
        <figure className="plot">
          <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Agreements on ${data.scenario.name} over its Pareto frontier`} data-testid="agreement-scatter" data-points={data.agreements.length}>
            {[0, 0.5, 1].map((t) => (
              <g key={t}>
                <line x1={sx(t)} x2={sx(t)} y1={sy(0)} y2={sy(1)} stroke="#eee" />
                <line x1={sx(0)} x2={sx(1)} y1={sy(t)} y2={sy(t)} stroke="#eee" />
                <text x={sx(t)} y={H - pad + 16} fontSize={11} textAnchor="middle">
                  {t}
                </text>
                <text x={pad - 6} y={sy(t) + 4} fontSize={11} textAnchor="end">
                  {t}
                </text>
              </g>
            ))}
            <text x={(sx(0) + sx(1)) / 2} y={H - 6} fontSize={12} textAnchor="middle">
              {data.parties[0]!.name}
            </text>
            <text x={12} y={(sy(0) + sy(1)) / 2} fontSize={12} textAnchor="middle" transform={`rotate(-90 12 ${(sy(0) + sy(1)) / 2})`}>
              {data.parties[1]!.name}
            </text>
            {data.agreements.map((a, i) => (
              <circle key={i} cx={sx(a[0]!)} cy={sy(a[1]!)} r={3} fill={OKABE_ITO.skyBlue} fillOpacity={0.5} stroke={OKABE_ITO.blue} strokeWidth={0.5} />
            ))}
            {data.parties.length === 2 ? (
              <polyline points={frontier.map((f) => `${sx(f[0]!)},${sy(f[1]!)}`).join(' ')} fill="none" stroke={OKABE_ITO.black} strokeWidth={1.5} />
            ) : (
              frontier.map((f, i) => <circle key={`f${i}`} cx={sx(f[0]!)} cy={sy(f[1]!)} r={1.5} fill={OKABE_ITO.black} />)
            )}
            {data.nash && (
              <rect x={sx(data.nash[0]!) - 5} y={sy(data.nash[1]!) - 5} width={10} height={10} fill={OKABE_ITO.orange} transform={`rotate(45 ${sx(data.nash[0]!)} ${sy(data.nash[1]!)})`}>
                <title>Nash point</title>
              </rect>
            )}
          </svg>
          <figcaption className="hint">
            {data.agreements.length.toLocaleString('en')} agreement{data.agreements.length === 1 ? '' : 's'}
            {data.totalAgreements > data.agreements.length ? ` of ${data.totalAgreements.toLocaleString('en')}` : ''} (blue), the Pareto frontier (black
            {data.parties.length > 2 ? ', projected' : ''}) and the Nash point (orange diamond), in undiscounted utilities.
          </figcaption>
        </figure>
      )}
    </div>
  );
}
