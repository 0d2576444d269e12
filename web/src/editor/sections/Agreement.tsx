import { setAgreementList, setRule } from '../doc-edit.ts';
import { Field, ProvenanceEditor, Section, type SectionProps } from '../fields.tsx';

/** The agreement rule: unanimity or a quorum, who votes, and whose acceptance is required. */
export function Agreement(ctx: SectionProps) {
  const { doc, source, apply, problemsAt } = ctx;
  const a = doc.agreement;
  const negotiators = doc.parties.filter((p) => p.role === 'negotiator').map((p) => p.id);
  const voters = a.voters ?? negotiators;
  const toggle = (list: readonly string[], id: string, on: boolean) => doc.parties.map((p) => p.id).filter((x) => (x === id ? on : list.includes(x)));
  return (
    <Section id="agreement" title="Agreement rule" hint="A deal is agreed when the rule holds: every voter accepts (unanimity), or at least k voters and every required party accept (quorum). A party accepts a deal that crosses none of its red lines and gives it at least its reservation.">
      <div className="row">
        <label>
          Rule{' '}
          <select aria-label="Agreement rule" data-path="agreement.rule" value={a.rule} onChange={(e) => apply(() => setRule(source, e.target.value as 'unanimity' | 'quorum', Number(a.k || Math.max(1, voters.length - 1))))}>
            <option value="unanimity">unanimity</option>
            <option value="quorum">quorum</option>
          </select>
        </label>
        {a.rule === 'quorum' && (
          <label>
            k (accepting voters needed) <Field label="Quorum k" value={a.k} path={['agreement', 'k']} onChange={(t) => apply(() => setRule(source, 'quorum', Number(t)), 'quorum-k')} problems={problemsAt(['agreement'])} width={3} />
          </label>
        )}
      </div>
      <fieldset>
        <legend>Voters</legend>
        <label className="inline">
          <input type="checkbox" checked={a.voters === null} onChange={(e) => apply(() => setAgreementList(source, 'voters', e.target.checked ? null : negotiators))} />
          the negotiators (default)
        </label>
        {a.voters !== null &&
          doc.parties.map((p) => (
            <label key={p.id} className="inline">
              <input type="checkbox" aria-label={`${p.id} votes`} checked={voters.includes(p.id)} onChange={(e) => apply(() => setAgreementList(source, 'voters', toggle(voters, p.id, e.target.checked)))} />
              {p.name ?? p.id}
            </label>
          ))}
      </fieldset>
      {a.rule === 'quorum' && (
        <fieldset>
          <legend>Required (each has a veto)</legend>
          {doc.parties.map((p) => (
            <label key={p.id} className="inline">
              <input type="checkbox" aria-label={`${p.id} is required`} checked={a.required.includes(p.id)} onChange={(e) => apply(() => setAgreementList(source, 'required', toggle(a.required, p.id, e.target.checked)))} />
              {p.name ?? p.id}
            </label>
          ))}
        </fieldset>
      )}
      <ProvenanceEditor what="the agreement rule" path={['agreement']} provenance={a.provenance} ctx={ctx} />
    </Section>
  );
}
