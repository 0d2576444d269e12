import { OutcomeSpace, outcomeText } from 'parley';
import type { AnalysisResult, FrontierEntry, Scenario } from 'parley';
import { useEffect, useMemo, useState } from 'react';
import type { Cloud } from '../compute/cloud.ts';
import { UtilityPlot, type PlotPoint } from '../plot/UtilityPlot.tsx';
import type { SOLUTION_STYLE } from '../plot/palette.ts';
import { engine, WorkerError } from '../worker-client.ts';
import type { AnalyzeReply, ScenarioRef } from '../worker-protocol.ts';
import { defaultPair, fmt, plottableParties, utilitiesText } from './view-model.ts';
import { ProgressBar, type ProgressState } from './ProgressBar.tsx';
import { Outcome } from '../view/OutcomeTable.tsx';
import { Term } from '../view/Glossary.tsx';

export interface AnalysisProps {
  readonly scenario: Scenario;
  readonly scenarioRef: ScenarioRef;
}

export function Analysis({ scenario, scenarioRef }: AnalysisProps) {
  const parties = useMemo(() => plottableParties(scenario), [scenario]);
  const [pair, setPair] = useState<[string, string] | null>(() => defaultPair(scenario));
  const [result, setResult] = useState<AnalysisResult | null>(null);
  const [cloud, setCloud] = useState<Cloud | null>(null);
  const [ms, setMs] = useState<number | null>(null);
  const [progress, setProgress] = useState<ProgressState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const space = useMemo(() => new OutcomeSpace(scenario.issues), [scenario]);

  useEffect(() => {
    setPair(defaultPair(scenario));
  }, [scenario]);

  useEffect(() => {
    let live = true;
    setError(null);
    setProgress({ done: 0, total: 1, stage: 'analysis' });
    engine()
      .request<AnalyzeReply>({ type: 'analyze', scenario: scenarioRef, pair: defaultPair(scenario) }, (done, total, stage) => live && setProgress({ done, total, stage: stage ?? '' }))
      .then((r) => {
        if (!live) return;
        setResult(r.analysis);
        setCloud(r.cloud);
        setMs(r.ms);
        setProgress(null);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setProgress(null);
        setError(e instanceof WorkerError || e instanceof Error ? e.message : String(e));
      });
    return () => {
      live = false;
    };
  }, [scenario, scenarioRef]);

  const choosePair = (a: string, b: string) => {
    setPair([a, b]);
    setCloud(null);
    engine()
      .request<Cloud>({ type: 'cloud', scenario: scenarioRef, pair: [a, b] })
      .then(setCloud)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };

  const nameOf = (id: string) => scenario.parties.find((p) => p.id === id)?.name ?? id;
  const words = (o: readonly number[]) => outcomeText(scenario.issues, o);

  const plotData = useMemo(() => {
    if (!result || !pair) return null;
    const [a, b] = pair;
    const ia = result.frontier.parties.indexOf(a);
    const ib = result.frontier.parties.indexOf(b);
    const frontier: PlotPoint[] =
      ia >= 0 && ib >= 0
        ? result.frontier.points.map((p) => ({ x: p.utilities[ia]!, y: p.utilities[ib]!, label: `frontier: ${words(p.outcome)} (${nameOf(a)} ${fmt(p.utilities[ia]!)}, ${nameOf(b)} ${fmt(p.utilities[ib]!)})` }))
        : [];
    const solutions = (['nash', 'kalaiSmorodinsky', 'utilitarian', 'egalitarian'] as const).flatMap((key) => {
      const s = result.solutions[key];
      const x = s?.utilities[a];
      const y = s?.utilities[b];
      return s && x !== undefined && y !== undefined ? [{ key: key as keyof typeof SOLUTION_STYLE, x, y, label: `${words(s.outcome)} (${utilitiesText(s.utilities, nameOf)})` }] : [];
    });
    const pa = result.parties.find((p) => p.id === a);
    const pb = result.parties.find((p) => p.id === b);
    return {
      frontier,
      frontierProjected: result.frontier.parties.length > 2,
      solutions,
      x: { id: a, name: nameOf(a), reservation: pa?.reservation },
      y: { id: b, name: nameOf(b), reservation: pb?.reservation },
    };
  }, [result, pair]);

  return (
    <section aria-labelledby="analysis-title">
      <h2 id="analysis-title">Analysis</h2>
      {progress && <ProgressBar label="Analysing in the background" progress={progress} />}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {parties.length < 2 && <p>The plot needs two parties with preferences.</p>}
      {parties.length >= 3 && pair && (
        <div className="row" role="group" aria-label="Parties on the axes">
          <label>
            Horizontal axis{' '}
            <select value={pair[0]} onChange={(e) => choosePair(e.target.value, pair[1] === e.target.value ? pair[0] : pair[1])}>
              {parties.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Vertical axis{' '}
            <select value={pair[1]} onChange={(e) => choosePair(pair[0] === e.target.value ? pair[1] : pair[0], e.target.value)}>
              {parties.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {result && (
        <div className="facts" data-testid="analysis-facts">
          <p>
            {result.outcomes.toLocaleString('en')} outcomes, {result.exact ? 'analysed exactly' : `not exact (${result.method})`}
            {ms !== null && <> in {ms.toFixed(0)} ms</>}. <Term k="Pareto frontier">Pareto frontier</Term>: {result.frontier.points.length} distinct utility vectors ({result.frontier.outcomes} outcomes).
          </p>
          <p data-testid="zone">
            <Term k="zone of agreement">Zone of agreement</Term>:{' '}
            {result.rational.exists === false
              ? 'none — no outcome gives every negotiator at least its reservation value.'
              : result.rational.count !== null
                ? `${result.rational.count.toLocaleString('en')} outcomes give every negotiator at least its reservation value; ${result.passing.count?.toLocaleString('en')} also pass the agreement rule.`
                : 'exists (counts not computed for a space this large).'}
          </p>
        </div>
      )}
      {result && plotData && <UtilityPlot title={`Utility space of ${plotData.x.name} and ${plotData.y.name}`} cloud={cloud} {...plotData} describeIndex={(i) => words(space.outcomeAt(i))} />}
      {result && <SolutionsTable result={result} nameOf={nameOf} issues={scenario.issues} />}
      {result && result.notes.length > 0 && (
        <ul className="notes">
          {result.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SolutionsTable({ result, nameOf, issues }: { result: AnalysisResult; nameOf: (id: string) => string; issues: Scenario['issues'] }) {
  const nash = result.solutions.nash?.outcome ?? null;
  const ids = result.parties.filter((p) => p.defines).map((p) => p.id);
  const rows: { label: string; e: { outcome: readonly number[]; utilities: Readonly<Record<string, number>> } }[] = [];
  const names = { nash: 'Nash', kalaiSmorodinsky: 'Kalai–Smorodinsky', utilitarian: 'utilitarian', egalitarian: 'egalitarian' } as const;
  for (const k of Object.keys(names) as (keyof typeof names)[]) {
    const s = result.solutions[k];
    if (s) rows.push({ label: names[k], e: s });
  }
  result.top.forEach((t: FrontierEntry, i) => rows.push({ label: `frontier #${i + 1}${t.rational ? '' : ' (not rational)'}`, e: t }));
  return (
    <table data-testid="solutions-table" className="solutions">
      <caption>Bargaining solutions and the top of the Pareto frontier{nash ? ' (each deal shown by how it differs from the Nash deal)' : ''}</caption>
      <thead>
        <tr>
          <th scope="col">point</th>
          <th scope="col">outcome</th>
          {ids.map((id) => (
            <th scope="col" key={id}>
              {nameOf(id)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <th scope="row">{r.label.startsWith('frontier') ? r.label : <Term k={r.label}>{r.label}</Term>}</th>
            <td>
              <Outcome issues={issues} outcome={r.e.outcome} reference={r.label === 'Nash' ? null : nash} referenceName="Nash" onlyDifferences />
            </td>
            {ids.map((id) => (
              <td key={id} data-label={nameOf(id)}>
                {fmt(r.e.utilities[id])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
