import type { Scenario } from 'parley';
import { useState } from 'react';
import type { WhatIfResult } from '../compute/what-if.ts';
import { parameterLabel } from 'parley';
import { Tornado } from '../plot/Tornado.tsx';
import { engine } from '../worker-client.ts';
import type { ScenarioRef } from '../worker-protocol.ts';
import { fmt } from './view-model.ts';

export interface WhatIfProps {
  readonly scenario: Scenario;
  readonly scenarioRef: ScenarioRef;
}

const recText = (o: Readonly<Record<string, unknown>>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');

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
          {result.questions && (
            <>
              <h3>The four questions</h3>
              <dl data-testid="four-questions">
                {result.questions.map((q) => (
                  <div key={q.key}>
                    <dt>{q.question}</dt>
                    <dd>{q.summary}</dd>
                  </div>
                ))}
              </dl>
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
                  <td>{r.nash ? recText(r.nash.outcome) : 'none'}</td>
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
