import { parameterLabel, plot as svgPlot } from 'parley';
import type { PlotLayer, QuestionAnswer, Scenario, TradeoffAnalysis } from 'parley';
import { useState } from 'react';
import type { WhatIfResult } from '../compute/what-if.ts';
import { Tornado } from '../plot/Tornado.tsx';
import { OutcomeTable, rowsFromRecord } from '../view/OutcomeTable.tsx';
import { seriesColour } from '../plot/palette.ts';
import { SvgChart } from '../plot/SvgChart.tsx';
import { engine } from '../worker-client.ts';
import type { ScenarioRef } from '../worker-protocol.ts';
import { fmt } from './view-model.ts';

export interface WhatIfProps {
  readonly scenario: Scenario;
  readonly scenarioRef: ScenarioRef;
}

export function WhatIf({ scenario, scenarioRef }: WhatIfProps) {
  const variants = scenario.variants ?? [];
  const [chosen, setChosen] = useState<string[]>(() => variants.map((v) => v.id));
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameOf = (id: string) => scenario.parties.find((p) => p.id === id)?.name ?? id;

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await engine().request<WhatIfResult>({ type: 'what-if', scenario: { source: scenarioRef.source }, variants: chosen, seed: 1 }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const negotiators = result ? result.comparison.parties : [];
  return (
    <section aria-labelledby="whatif-title">
      <h2 id="whatif-title">What-if</h2>
      <fieldset>
        <legend>Variants to compare with the scenario as written</legend>
        {variants.length === 0 && <p className="hint">This scenario has no variants; add some in the editor.</p>}
        {variants.map((v) => (
          <label key={v.id} className="inline">
            <input type="checkbox" checked={chosen.includes(v.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, v.id] : chosen.filter((c) => c !== v.id))} /> {v.id}
            {v.description ? <span className="hint"> — {v.description}</span> : null}
          </label>
        ))}
      </fieldset>
      {(scenario.questions?.length ?? 0) > 0 && !result && (
        <p className="hint" data-testid="questions-pending">
          This scenario declares {scenario.questions!.length} question{scenario.questions!.length === 1 ? '' : 's'} ({scenario.questions!.map((q) => q.text).join(' · ')}); they are answered with the comparison.
        </p>
      )}
      <button type="button" onClick={() => void run()} disabled={busy}>
        {busy ? 'Working…' : 'Compare and test sensitivity'}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {result && (
        <>
          {result.questions.length > 0 && (
            <>
              <h3>Questions</h3>
              <div data-testid="questions">
                {result.questions.map((q) => (
                  <QuestionCard key={q.id} answer={q} nameOf={nameOf} />
                ))}
              </div>
            </>
          )}
          <h3>Side by side</h3>
          <table data-testid="variant-table">
            <thead>
              <tr>
                <th scope="col">variant</th>
                <th scope="col">outcomes</th>
                <th scope="col">agreement rule</th>
                <th scope="col">rational deals</th>
                <th scope="col">passing the rule</th>
                <th scope="col">Nash deal</th>
                {negotiators.map((p) => (
                  <th scope="col" key={p}>
                    {nameOf(p)} at Nash (change)
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.comparison.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row" title={r.description}>
                    {r.id}
                  </th>
                  <td>{String(r.outcomes)}</td>
                  <td>{r.rule}</td>
                  <td>{r.rational ?? (r.rationalExists ? 'some' : r.rationalExists === false ? 'none' : '?')}</td>
                  <td>{r.passing ?? (r.passingExists ? 'some' : r.passingExists === false ? 'none' : '?')}</td>
                  <td>{r.nash ? <OutcomeTable rows={rowsFromRecord(r.nash.outcome, r.id === 'base' ? null : result.comparison.rows.find((x) => x.id === 'base')?.nash?.outcome)} referenceName="base Nash" onlyDifferences /> : 'none'}</td>
                  {negotiators.map((p) => (
                    <td key={p}>
                      {fmt(r.nash?.utilities[p])} {r.nashChange[p] !== null && r.nashChange[p] !== undefined && r.id !== 'base' ? `(${r.nashChange[p]! >= 0 ? '+' : ''}${fmt(r.nashChange[p])})` : ''}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Sensitivity (each assumption ±{(result.sensitivity.range * 100).toFixed(0)} %)</h3>
          {result.sensitivity.notes.map((n, i) => (
            <p key={i} className="hint">
              {n}
            </p>
          ))}
          {negotiators.slice(0, 2).map((p) => (
            <Tornado key={p} party={nameOf(p)} range={result.sensitivity.range} base={result.sensitivity.base.nashUtilities[p]} rows={result.sensitivity.tornado.slice(0, 12).map((r) => ({ label: parameterLabel(r.parameter, nameOf), low: r.low.answers.nashUtilities[p], high: r.high.answers.nashUtilities[p] }))} />
          ))}
          <table data-testid="sensitivity-table">
            <caption>One assumption at a time, most influential first</caption>
            <thead>
              <tr>
                <th scope="col">assumption</th>
                <th scope="col">as written</th>
                <th scope="col">range</th>
                <th scope="col">Nash deal flips (down / up)</th>
                <th scope="col">zone of agreement flips (down / up)</th>
                <th scope="col">swing</th>
              </tr>
            </thead>
            <tbody>
              {result.sensitivity.tornado.map((r) => (
                <tr key={r.parameter.id}>
                  <th scope="row" title={r.parameter.assumption}>
                    {r.parameter.id}
                  </th>
                  <td>{fmt(r.parameter.base)}</td>
                  <td>
                    {fmt(r.low.value)} … {fmt(r.high.value)}
                  </td>
                  <td>
                    {flip(r.flips.nash.down)} / {flip(r.flips.nash.up)}
                  </td>
                  <td>
                    {flip(r.flips.agreement.down)} / {flip(r.flips.agreement.up)}
                  </td>
                  <td>{fmt(r.swing)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.sensitivity.monteCarlo && (
            <p>
              All assumptions at once ({result.sensitivity.monteCarlo.samples} seeded draws): a zone of agreement in {(result.sensitivity.monteCarlo.agreementRate * 100).toFixed(0)} %; the Nash deal
              differs from the base in {(result.sensitivity.monteCarlo.changed.nash * 100).toFixed(0)} %.
            </p>
          )}
        </>
      )}
    </section>
  );
}

const flip = (f: { delta: number; value: number } | null) => (f ? `${f.delta >= 0 ? '+' : ''}${(f.delta * 100).toFixed(1)} % (${fmt(f.value)})` : '—');

/** One declared question: the one-sentence answer first, the numbers on demand, the mediator's trade-off as a chart over λ. */
function QuestionCard({ answer, nameOf }: { answer: QuestionAnswer; nameOf: (id: string) => string }) {
  const d = answer.details;
  return (
    <article className="question" data-testid={`question-${answer.id}`} aria-labelledby={`question-${answer.id}-text`}>
      <h4 id={`question-${answer.id}-text`}>{answer.text}</h4>
      <p className="answer" data-testid="question-answer">
        {answer.answer}
      </p>
      {d.type === 'mediator-tradeoff' && 'total' in d && <TradeoffChart t={d.total} nameOf={nameOf} />}
      <details>
        <summary>Details</summary>
        <p>{d.summary}</p>
        {'error' in d ? null : d.type === 'concession' && 'analysis' in d ? (
          <table>
            <caption>
              Options of the conceded issues, by what they cost {nameOf(d.analysis.party)} ({d.passingKeepingAll} passing deals keep {d.analysis.keep} on every one)
            </caption>
            <thead>
              <tr>
                <th scope="col">option</th>
                <th scope="col">loss</th>
                <th scope="col">rational deals with it</th>
                <th scope="col">in rational deals</th>
              </tr>
            </thead>
            <tbody>
              {d.analysis.options.map((o) => (
                <tr key={`${o.issue}=${o.option}`}>
                  <th scope="row">
                    {o.issue}={o.option}
                  </th>
                  <td>{fmt(o.loss)}</td>
                  <td>{o.rational}</td>
                  <td>{o.rationalPresence}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : d.type === 'mediator-tradeoff' && 'total' in d ? (
          <table>
            <caption>The mediator's pick on each interval of λ (V = the negotiators' total utility)</caption>
            <thead>
              <tr>
                <th scope="col">λ from</th>
                <th scope="col">λ to</th>
                {Object.keys(d.total.segments[0]?.utilities ?? {}).map((p) => (
                  <th scope="col" key={p}>
                    {nameOf(p)}
                  </th>
                ))}
                <th scope="col">{nameOf(d.total.protected)} accepts</th>
                <th scope="col">deal</th>
              </tr>
            </thead>
            <tbody>
              {d.total.segments.map((s) => (
                <tr key={s.from}>
                  <td>{fmt(s.from)}</td>
                  <td>{fmt(s.to)}</td>
                  {Object.values(s.utilities).map((u, i) => (
                    <td key={i}>{fmt(u)}</td>
                  ))}
                  <td>{s.protectedAccepts ? 'yes' : 'no'}</td>
                  <td>{s.deal}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : d.type === 'variant' && 'comparison' in d ? (
          <table>
            <caption>Base and variants side by side</caption>
            <thead>
              <tr>
                <th scope="col">scenario</th>
                <th scope="col">rational deals</th>
                <th scope="col">passing deals</th>
                <th scope="col">Nash deal</th>
              </tr>
            </thead>
            <tbody>
              {d.comparison.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.id}</th>
                  <td>{r.rational ?? '?'}</td>
                  <td>{r.passing ?? '?'}</td>
                  <td>{r.nash ? <OutcomeTable rows={rowsFromRecord(r.nash.outcome, r.id === 'base' ? null : d.comparison.rows.find((x) => x.id === 'base')?.nash?.outcome)} referenceName="base Nash" onlyDifferences /> : 'none'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : d.type === 'rule' && 'comparison' in d ? (
          <table>
            <caption>Deals each agreement rule makes reachable</caption>
            <thead>
              <tr>
                <th scope="col">rule</th>
                <th scope="col">passing deals</th>
                <th scope="col">refused by a negotiator</th>
                <th scope="col">best passing deal</th>
              </tr>
            </thead>
            <tbody>
              {d.comparison.rules.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.id}: {r.rule}
                  </th>
                  <td>{r.passing}</td>
                  <td>{r.passingNotRational}</td>
                  <td>{r.bestPassing ? r.bestPassing.deal : 'none'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </details>
    </article>
  );
}

/** The mediator's trade-off as the report draws it (the engine's SVG plot): each party's utility at the proposed deal as λ goes from 0 to 1. */
function TradeoffChart({ t, nameOf }: { t: TradeoffAnalysis; nameOf: (id: string) => string }) {
  if (t.grid.length === 0) return null;
  const parties = Object.keys(t.grid[0]!.utilities);
  const svg = svgPlot({
    title: `The mediator's proposal as its weight on ${nameOf(t.protected)} moves`,
    xLabel: `λ (weight on ${nameOf(t.protected)}'s utility)`,
    yLabel: 'utility at the proposed deal',
    xDomain: [0, 1],
    layers: parties.map((p, i): PlotLayer => ({ label: nameOf(p), points: t.grid.map((g) => [g.lambda, g.utilities[p] ?? 0] as const), kind: 'step', color: seriesColour(i) })),
    width: 560,
    height: 300,
  });
  return (
    <SvgChart
      svg={svg}
      testId="tradeoff-chart"
      table={{
        caption: `Utility at the proposed deal for each λ (weight on ${nameOf(t.protected)})`,
        header: ['λ', ...parties.map(nameOf), 'deal'],
        rows: t.grid.map((g) => [g.lambda, ...parties.map((p) => g.utilities[p] ?? 0), g.deal]),
      }}
    />
  );
}
