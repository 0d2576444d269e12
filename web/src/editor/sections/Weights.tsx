import { normaliseWeights, setWeight } from '../doc-edit.ts';
import { Field, Section, SumBar, type SectionProps } from '../fields.tsx';
import { weightSum } from '../warnings.ts';

/** Per-party weights with a live sum bar and a "Normalise" action. */
export function Weights(ctx: SectionProps) {
  const { doc, source, apply, problemsAt, warningsAt } = ctx;
  const parties = doc.parties.map((p, i) => ({ p, i })).filter(({ p }) => p.preferences === 'linear');
  return (
    <Section id="weights" title="Weights" hint="Utility = Σ weight × value. Weights are used as written (not renormalised): they should sum to 1 and must not be negative.">
      <div className="scroll-x">
        <table data-testid="weights-table">
          <thead>
            <tr>
              <th scope="col">party</th>
              {doc.issues.map((is, k) => (
                <th scope="col" key={k} title={is.options.map((o) => o.name).join(' | ') || `${is.kind} ${is.min}..${is.max}`}>
                  {is.name}
                </th>
              ))}
              <th scope="col">sum</th>
            </tr>
          </thead>
          <tbody>
            {parties.map(({ p, i }) => {
              const sum = weightSum(p.weights);
              const off = warningsAt(['parties', i, 'preferences', 'weights']);
              return (
                <tr key={i}>
                  <th scope="row">{p.name ?? p.id}</th>
                  {doc.issues.map((is, k) => (
                    <td key={k}>
                      <Field
                        label={`Weight of ${is.name} for ${p.id}`}
                        value={p.weights[is.name] ?? ''}
                        path={['parties', i, 'preferences', 'weights', is.name]}
                        problems={problemsAt(['parties', i, 'preferences', 'weights', is.name])}
                        onChange={(t) => apply(() => setWeight(source, p.id, is.name, t), `weight:${i}:${is.name}`)}
                      />
                    </td>
                  ))}
                  <td>
                    <SumBar sum={sum} label={`Sum of ${p.id}'s weights`} />
                    <button type="button" disabled={off.length === 0} onClick={() => apply(() => normaliseWeights(source, p.id))} aria-label={`Normalise the weights of ${p.id}`}>
                      Normalise
                    </button>
                    {off.length > 0 && (
                      <span className="field-warning" data-testid="weight-warning">
                        {off[0]!.message}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
