import { setEvaluation } from '../doc-edit.ts';
import { Field, ProvenanceEditor, Section, type SectionProps } from '../fields.tsx';

/** Each party's value of each option (tables), with warnings outside [0, 1]; and the sources of weights and tables. */
export function Values(ctx: SectionProps) {
  const { doc, source, apply, problemsAt, warningsAt } = ctx;
  return (
    <Section id="values" title="Value tables" hint="The value of each option to each party, from 0 (worst) to 1 (best). Values outside 0…1 are warned about: utilities then leave 0…1.">
      {doc.parties.map((p, i) => {
        if (p.preferences !== 'linear') return null;
        const warned = warningsAt(['parties', i, 'preferences', 'values']).length;
        return (
          <details key={i} open={warned > 0 ? true : undefined}>
            <summary>
              {p.name ?? p.id}: value of each option{warned > 0 ? ` (${warned} outside 0…1)` : ''}
            </summary>
            {doc.issues.map((is) => {
              const f = p.values[is.name];
              const base = ['parties', i, 'preferences', 'values', is.name] as const;
              return (
                <fieldset key={is.name}>
                  <legend>{is.name}</legend>
                  {f === undefined ? (
                    <span className="hint">no value function (allowed when the weight is 0)</span>
                  ) : f.kind === 'other' ? (
                    <span className="hint">a {f.type} function (edit it in the YAML)</span>
                  ) : is.kind !== 'categorical' ? (
                    <span className="hint">a table over {is.kind} values (edit it in the YAML)</span>
                  ) : (
                    is.options.map((o) => (
                      <label key={o.name} className="inline">
                        {o.name}{' '}
                        <Field
                          label={`Value of ${is.name} = ${o.name} for ${p.id}`}
                          value={f.entries[o.name] ?? ''}
                          path={[...base, o.name]}
                          problems={problemsAt([...base, o.name]).concat(problemsAt([...base, 'values', o.name]))}
                          warnings={warningsAt([...base, o.name])}
                          onChange={(t) => apply(() => setEvaluation(source, p.id, is.name, o.name, t), `value:${i}:${is.name}:${o.name}`)}
                        />
                      </label>
                    ))
                  )}
                  {f?.kind === 'table' && <ProvenanceEditor what={`${p.id}'s values of ${is.name}`} path={base} provenance={f.provenance} ctx={ctx} />}
                  {p.weights[is.name] !== undefined && <ProvenanceEditor what={`${p.id}'s weight of ${is.name}`} path={['parties', i, 'preferences', 'weights', is.name]} provenance={p.weightProvenance[is.name] ?? { sources: [] }} ctx={ctx} />}
                </fieldset>
              );
            })}
          </details>
        );
      })}
    </Section>
  );
}
