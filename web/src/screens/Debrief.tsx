// After a Play game: the other side's preferences, revealed by the server only once the game is over
// (GET /api/play/:id/debrief), and where the deal sits against the Pareto frontier and the Nash deal
// (the engine's analysis of the saved scenario, in the worker).
import { OutcomeSpace, humanise, outcomeText, titleLabel } from 'parley';
import type { Scenario } from 'parley';
import { useEffect, useMemo, useState } from 'react';
import { UtilityPlot } from '../plot/UtilityPlot.tsx';
import { api, type PlayDebrief } from '../api.ts';
import { engine } from '../worker-client.ts';
import type { AnalyzeReply } from '../worker-protocol.ts';
import { Outcome } from '../view/OutcomeTable.tsx';
import { Term } from '../view/Glossary.tsx';
import { seriesColour } from '../plot/palette.ts';
import { fmt } from './view-model.ts';

export interface DebriefProps {
  /** The finished game's session: the server reveals the other side from it. */
  readonly sessionId: string;
  readonly scenario: Scenario;
  readonly source: string;
  readonly me: string;
  readonly participants: readonly string[];
  readonly deal: readonly number[] | null;
}

export function Debrief({ sessionId, scenario, source, me, participants, deal }: DebriefProps) {
  const others = participants.filter((p) => p !== me);
  const pair: [string, string] | null = others[0] ? [me, others[0]] : null;
  const [reply, setReply] = useState<AnalyzeReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  const nameOf = (id: string) => scenario.parties.find((p) => p.id === id)?.name ?? id;
  const space = useMemo(() => new OutcomeSpace(scenario.issues), [scenario]);
  const [revealed, setRevealed] = useState<PlayDebrief | null>(null);
  useEffect(() => {
    let live = true;
    api.playDebrief(sessionId).then(
      (d) => live && setRevealed(d),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [sessionId]);
  const party = (id: string) => revealed?.parties.find((p) => p.id === id);

  useEffect(() => {
    let live = true;
    engine()
      .request<AnalyzeReply>({ type: 'analyze', scenario: { source }, pair })
      .then((r) => live && setReply(r))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [source, me]);

  const a = reply?.analysis;
  const nash = a?.solutions.nash ?? null;
  const dealU = (id: string) => (deal ? (party(id)?.dealUtility ?? null) : null);
  // Pareto-efficient: no frontier point is at least as good for every party and better for one.
  const dominated = useMemo(() => {
    if (!a || !deal || !revealed) return null;
    const u = a.frontier.parties.map((id) => revealed.parties.find((p) => p.id === id)?.dealUtility ?? 0);
    return a.frontier.points.some((p) => p.utilities.every((v, i) => v >= u[i]! - 1e-9) && p.utilities.some((v, i) => v > u[i]! + 1e-9));
  }, [a, deal, revealed]);

  const plot = useMemo(() => {
    if (!a || !pair) return null;
    const ia = a.frontier.parties.indexOf(pair[0]);
    const ib = a.frontier.parties.indexOf(pair[1]);
    const frontier = ia >= 0 && ib >= 0 ? a.frontier.points.map((p) => ({ x: p.utilities[ia]!, y: p.utilities[ib]!, label: `frontier: ${outcomeText(scenario.issues, p.outcome)}` })) : [];
    const sol = nash && nash.utilities[pair[0]] !== undefined && nash.utilities[pair[1]] !== undefined ? [{ key: 'nash' as const, x: nash.utilities[pair[0]]!, y: nash.utilities[pair[1]]!, label: outcomeText(scenario.issues, nash.outcome) }] : [];
    const du = deal ? [{ x: dealU(pair[0]) ?? 0, y: dealU(pair[1]) ?? 0, label: `the deal: ${outcomeText(scenario.issues, deal)}`, colour: seriesColour(0) }] : [];
    const res = (id: string) => a.parties.find((p) => p.id === id)?.reservation;
    return { frontier, sol, du, frontierProjected: a.frontier.parties.length > 2, rx: res(pair[0]), ry: res(pair[1]) };
  }, [a, deal, revealed]);

  return (
    <section aria-labelledby="debrief-title" data-testid="debrief" className="debrief">
      <h3 id="debrief-title">Debrief: what the other side wanted</h3>
      <p className="hint">Now that the game is over, the other parties’ preferences are shown.</p>
      {others.map((id) => {
        const p = party(id);
        if (!p) return null;
        return (
          <div key={id} className="scroll">
            <table data-testid={`debrief-prefs-${id}`}>
              <caption>
                {p.name}: reservation value {fmt(p.reservation)}
                {p.redLines.length ? `; red lines: ${p.redLines.join('; ')}` : '; no red lines'}
              </caption>
              <thead>
                <tr>
                  <th scope="col">issue</th>
                  <th scope="col">weight</th>
                  <th scope="col">its best option</th>
                </tr>
              </thead>
              <tbody>
                {p.issues.map((is) => {
                  let best: string | null = null;
                  let bv = -Infinity;
                  for (const v of is.values) if (v.evaluation !== null && v.evaluation > bv) [best, bv] = [humanise(v.value), v.evaluation];
                  return (
                    <tr key={is.name}>
                      <th scope="row">{titleLabel(is.name)}</th>
                      <td>{fmt(is.weight)}</td>
                      <td>{best ?? '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {a && revealed && (
        <>
          <h3>Where the deal sits</h3>
          <p data-testid="debrief-verdict">
            {deal
              ? dominated
                ? 'The deal is not on the Pareto frontier: another deal was better for someone and worse for no one.'
                : 'The deal is on the Pareto frontier: no other deal is better for one party without being worse for another.'
              : 'There was no deal: every party gets its reservation value.'}{' '}
            {nash && deal ? (nash.outcome.every((v, i) => v === deal[i]) ? 'It is the Nash deal.' : 'It differs from the Nash deal (see below).') : ''}
          </p>
          <div className="scroll">
            <table data-testid="debrief-utilities">
              <caption>
                Utility of the deal to each party, beside the <Term k="Nash">Nash</Term> deal and the <Term k="reservation value">reservation value</Term>
              </caption>
              <thead>
                <tr>
                  <th scope="col">party</th>
                  <th scope="col">the deal</th>
                  <th scope="col">Nash deal</th>
                  <th scope="col">reservation</th>
                </tr>
              </thead>
              <tbody>
                {participants.map((id) => (
                  <tr key={id}>
                    <th scope="row">
                      {nameOf(id)}
                      {id === me ? ' (you)' : ''}
                    </th>
                    <td>{fmt(dealU(id))}</td>
                    <td>{fmt(nash?.utilities[id])}</td>
                    <td>{fmt(party(id)?.reservation)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {deal && nash && <Outcome issues={scenario.issues} outcome={deal} reference={nash.outcome} referenceName="Nash" caption="The deal against the Nash deal" testId="debrief-deal" />}
          {plot && pair && (
            <UtilityPlot
              title={`The deal in the utility space of ${nameOf(pair[0])} and ${nameOf(pair[1])}`}
              x={{ id: pair[0], name: nameOf(pair[0]), reservation: plot.rx }}
              y={{ id: pair[1], name: nameOf(pair[1]), reservation: plot.ry }}
              cloud={reply?.cloud ?? null}
              frontier={plot.frontier}
              frontierProjected={plot.frontierProjected}
              solutions={plot.sol}
              trace={plot.du}
              traceLegend="the deal"
              describeIndex={(i) => outcomeText(scenario.issues, space.outcomeAt(i))}
            />
          )}
        </>
      )}
    </section>
  );
}
