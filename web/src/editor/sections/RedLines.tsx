import { useState } from 'react';
import { addRedLine, removeRedLine, setRedLineCondition, setText } from '../doc-edit.ts';
import type { IssueDoc } from '../doc-model.ts';
import { Field, ProvenanceEditor, RemoveButton, Section, type SectionProps } from '../fields.tsx';

/** Red lines: what each party never accepts, whatever the utility (every condition of a line must hold to cross it). */
export function RedLines(ctx: SectionProps) {
  const { doc, source, apply, problemsAt } = ctx;
  const issueOf = (name: string) => doc.issues.find((i) => i.name === name);
  return (
    <Section id="red-lines" title="Red lines" hint="A red line is crossed when every listed issue takes one of the listed options (or a value in the range); write several red lines for “any of”.">
      <ul className="red-lines" data-testid="red-lines">
        {doc.parties.flatMap((p, i) =>
          p.redLines.map((r, n) => {
            const label = r.id ?? `red line ${n + 1}`;
            const path = ['parties', i, 'redLines', n] as const;
            const unused = doc.issues.filter((is) => r.when[is.name] === undefined);
            return (
              <li key={`${i}-${n}`} data-path={`parties[${i}].redLines[${n}]`}>
                <strong>{p.name ?? p.id}</strong>:{' '}
                <Field label={`Id of ${p.id}'s ${label}`} value={r.id ?? ''} width={16} path={[...path, 'id']} problems={problemsAt([...path, 'id'])} onChange={(t) => apply(() => setText(source, [...path, 'id'], t), `rl-id:${i}:${n}`)} />{' '}
                <Field label={`Description of ${p.id}'s ${label}`} value={r.description ?? ''} width={30} onChange={(t) => apply(() => setText(source, [...path, 'description'], t, { required: true }), `rl-description:${i}:${n}`)} />{' '}
                <RemoveButton label={`Remove ${p.id}'s red line ${label}`} onRemove={() => apply(() => removeRedLine(source, p.id, n))} />
                <ul>
                  {Object.entries(r.when).map(([issue, c]) => (
                    <li key={issue}>
                      when <strong>{issue}</strong> is{' '}
                      {c.kind === 'options' ? (
                        <OptionPicks
                          issue={issueOf(issue)}
                          picked={c.options}
                          label={(o) => `${p.id}'s ${label}: ${issue} = ${o}`}
                          onChange={(opts) => apply(() => setRedLineCondition(source, p.id, n, issue, opts))}
                        />
                      ) : (
                        <>
                          from <Field label={`${p.id}'s ${label}: lowest ${issue}`} value={c.min} width={4} onChange={(t) => apply(() => setRedLineCondition(source, p.id, n, issue, { min: t, max: c.max }), `rl-min:${i}:${n}:${issue}`)} /> to{' '}
                          <Field label={`${p.id}'s ${label}: highest ${issue}`} value={c.max} width={4} onChange={(t) => apply(() => setRedLineCondition(source, p.id, n, issue, { min: c.min, max: t }), `rl-max:${i}:${n}:${issue}`)} />
                        </>
                      )}{' '}
                      {Object.keys(r.when).length > 1 && <RemoveButton text="Remove condition" label={`Remove the condition on ${issue} from ${p.id}'s ${label}`} onRemove={() => apply(() => setRedLineCondition(source, p.id, n, issue, null))} />}
                    </li>
                  ))}
                </ul>
                {unused.length > 0 && (
                  <label>
                    and also when…{' '}
                    <select
                      aria-label={`Add a condition to ${p.id}'s ${label}`}
                      value=""
                      onChange={(e) => {
                        const is = issueOf(e.target.value);
                        if (!is) return;
                        apply(() => setRedLineCondition(source, p.id, n, is.name, is.kind === 'categorical' ? [is.options[0]?.name ?? ''] : { min: is.min, max: is.max }));
                      }}
                    >
                      <option value="">(pick an issue)</option>
                      {unused.map((is) => (
                        <option key={is.name} value={is.name}>
                          {is.name}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
                <ProvenanceEditor what={`${p.id}'s ${label}`} path={path} provenance={r.provenance} ctx={ctx} />
              </li>
            );
          }),
        )}
      </ul>
      <AddRedLineForm ctx={ctx} />
    </Section>
  );
}

/** Checkboxes: which options of an issue a red line lists. */
function OptionPicks({ issue, picked, label, onChange }: { issue: IssueDoc | undefined; picked: readonly string[]; label: (o: string) => string; onChange: (options: string[]) => void }) {
  const names = issue?.options.map((o) => o.name) ?? picked;
  return (
    <span className="picks">
      {names.map((o) => (
        <label key={o} className="inline">
          <input
            type="checkbox"
            aria-label={label(o)}
            checked={picked.includes(o)}
            onChange={(e) => {
              const next = e.target.checked ? names.filter((x) => x === o || picked.includes(x)) : picked.filter((x) => x !== o);
              if (next.length) onChange(next);
            }}
          />
          {o}
        </label>
      ))}
    </span>
  );
}

/** Adds a red line: a party, an issue and the options (or range) that cross it. */
function AddRedLineForm({ ctx }: { ctx: SectionProps }) {
  const { doc, source, apply } = ctx;
  const [party, setParty] = useState('');
  const [issue, setIssue] = useState('');
  const [id, setId] = useState('');
  const [description, setDescription] = useState('');
  const [options, setOptions] = useState<string[]>([]);
  const [min, setMin] = useState('');
  const [max, setMax] = useState('');
  const is = doc.issues.find((x) => x.name === issue);
  const ready = party !== '' && is !== undefined && (is.kind !== 'categorical' || options.length > 0);
  return (
    <form
      className="add-red-line"
      aria-label="Add a red line"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        const line = { id, description, issue, ...(is.kind === 'categorical' ? { options } : { range: { min: min || is.min, max: max || is.max } }) };
        if (apply(() => addRedLine(source, party, line))) {
          setId('');
          setDescription('');
          setOptions([]);
        }
      }}
    >
      <div className="row">
        <label>
          Red line of{' '}
          <select value={party} onChange={(e) => setParty(e.target.value)}>
            <option value="">(pick a party)</option>
            {doc.parties.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name ?? p.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          Red line id <input value={id} size={14} onChange={(e) => setId(e.target.value)} />
        </label>
        <label>
          Red line description (optional) <input value={description} size={24} onChange={(e) => setDescription(e.target.value)} />
        </label>
      </div>
      <div className="row">
        <label>
          crossed when{' '}
          <select
            aria-label="Red line issue"
            value={issue}
            onChange={(e) => {
              setIssue(e.target.value);
              setOptions([]);
            }}
          >
            <option value="">(pick an issue)</option>
            {doc.issues.map((x) => (
              <option key={x.name} value={x.name}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        {is?.kind === 'categorical' && (
          <span>
            is{' '}
            {is.options.map((o) => (
              <label key={o.name} className="inline">
                <input type="checkbox" aria-label={`Crossed at ${o.name}`} checked={options.includes(o.name)} onChange={(e) => setOptions(e.target.checked ? [...options, o.name] : options.filter((x) => x !== o.name))} />
                {o.name}
              </label>
            ))}
          </span>
        )}
        {is && is.kind !== 'categorical' && (
          <span>
            is from <input aria-label="Red line lowest value" value={min} placeholder={is.min} size={4} onChange={(e) => setMin(e.target.value)} /> to{' '}
            <input aria-label="Red line highest value" value={max} placeholder={is.max} size={4} onChange={(e) => setMax(e.target.value)} />
          </span>
        )}
        <button type="submit" disabled={!ready}>
          Add red line
        </button>
      </div>
    </form>
  );
}
