import { useState } from 'react';
import { addIssue, addOption, removeIssue, removeOption, renameIssue, renameOption, setIssueRange, setIssueType, setOptionDescription, setText, type NewIssue } from '../doc-edit.ts';
import { Field, NameField, ProvenanceEditor, RemoveButton, Section, type SectionProps } from '../fields.tsx';

/** Issues and their options (categorical), or ranges (integer and real). */
export function Issues(ctx: SectionProps) {
  const { doc, source, apply, problemsAt } = ctx;
  return (
    <Section
      id="issues"
      title="Issues and options"
      hint="A new issue or option gets weight 0 and value 0 for every party with weights and values, so the scenario stays valid. Renaming an issue (edit its name, then Enter or leave the field) renames it in every weight, value, red line, reservation outcome, question and variant. Removing one also removes its weights, values, red-line conditions and reservation-outcome entries."
    >
      <div className="scroll-x">
        <table data-testid="issues-table">
          <thead>
            <tr>
              <th scope="col">issue</th>
              <th scope="col">options or range</th>
              <th scope="col">description</th>
              <th scope="col">actions</th>
            </tr>
          </thead>
          <tbody>
            {doc.issues.map((is, k) => (
              <tr key={k}>
                <th scope="row">
                  <NameField label={`Name of issue ${is.name}`} name={is.name} path={['issues', k, 'name']} problems={problemsAt(['issues', k, 'name'])} onRename={(t) => apply(() => renameIssue(source, is.name, t), `issue-name:${k}`)} />
                  <div className="hint">{is.kind}</div>
                </th>
                <td>
                  {is.kind === 'categorical' ? (
                    <>
                      <ul className="options">
                        {is.options.map((o, j) => (
                          <li key={j}>
                            <Field
                              label={`Name of option ${j + 1} of ${is.name}`}
                              value={o.name}
                              width={Math.max(8, o.name.length)}
                              path={['issues', k, 'options', j]}
                              problems={problemsAt(['issues', k, 'options', j])}
                              onChange={(t) => apply(() => renameOption(source, is.name, o.name, t), `option:${k}:${j}`)}
                            />{' '}
                            <Field label={`Description of option ${o.name} of ${is.name}`} value={o.description ?? ''} width={20} onChange={(t) => apply(() => setOptionDescription(source, k, j, t), `option-description:${k}:${j}`)} />{' '}
                            <RemoveButton label={`Remove option ${o.name} of ${is.name}`} onRemove={() => apply(() => removeOption(source, is.name, o.name))} />
                            <ProvenanceEditor what={`option ${o.name} of ${is.name}`} path={['issues', k, 'options', j]} provenance={o.provenance} ctx={ctx} />
                          </li>
                        ))}
                      </ul>
                      <AddOptionForm issue={is.name} onAdd={(o) => apply(() => addOption(source, is.name, o))} />
                    </>
                  ) : (
                    <div className="row">
                      <label>
                        Type{' '}
                        <select aria-label={`Type of ${is.name}`} value={is.kind} onChange={(e) => apply(() => setIssueType(source, k, e.target.value as 'integer' | 'real'))}>
                          <option value="integer">integer</option>
                          <option value="real">real</option>
                        </select>
                      </label>
                      <label>
                        Min <Field label={`Minimum of ${is.name}`} value={is.min} width={5} path={['issues', k, 'min']} problems={problemsAt(['issues', k, 'min'])} onChange={(t) => apply(() => setIssueRange(source, k, 'min', t), `min:${k}`)} />
                      </label>
                      <label>
                        Max <Field label={`Maximum of ${is.name}`} value={is.max} width={5} path={['issues', k, 'max']} problems={problemsAt(['issues', k, 'max'])} onChange={(t) => apply(() => setIssueRange(source, k, 'max', t), `max:${k}`)} />
                      </label>
                      {is.kind === 'real' && (
                        <label>
                          Steps <Field label={`Steps of ${is.name}`} value={is.steps} width={4} path={['issues', k, 'steps']} problems={problemsAt(['issues', k, 'steps'])} onChange={(t) => apply(() => setIssueRange(source, k, 'steps', t), `steps:${k}`)} />
                        </label>
                      )}
                    </div>
                  )}
                </td>
                <td>
                  <Field label={`Description of ${is.name}`} value={is.description ?? ''} multiline width={24} path={['issues', k, 'description']} onChange={(t) => apply(() => setText(source, ['issues', k, 'description'], t), `issue-description:${k}`)} />
                  <ProvenanceEditor what={`issue ${is.name}`} path={['issues', k]} provenance={is.provenance} ctx={ctx} />
                </td>
                <td>
                  <RemoveButton label={`Remove issue ${is.name}`} onRemove={() => apply(() => removeIssue(source, is.name))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <AddIssueForm onAdd={(issue) => apply(() => addIssue(source, issue))} />
    </Section>
  );
}

/** A small form that adds one option to a categorical issue (Enter or the button). */
function AddOptionForm({ issue, onAdd }: { issue: string; onAdd: (option: string) => boolean }) {
  const [name, setName] = useState('');
  return (
    <form
      className="row"
      aria-label={`Add an option to ${issue}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim() && onAdd(name)) setName('');
      }}
    >
      <label>
        New option of {issue} <input value={name} size={12} onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit" disabled={!name.trim()}>
        Add option
      </button>
    </form>
  );
}

/** The form that adds an issue: categorical with its first option, or integer or real min..max. */
function AddIssueForm({ onAdd }: { onAdd: (issue: NewIssue) => boolean }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<NewIssue['type']>('categorical');
  const [option, setOption] = useState('');
  const [min, setMin] = useState('0');
  const [max, setMax] = useState('10');
  const [steps, setSteps] = useState('11');
  const ready = name.trim() !== '' && (type !== 'categorical' || option.trim() !== '');
  return (
    <form
      className="row"
      aria-label="Add an issue"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        if (onAdd(type === 'categorical' ? { name, type, option } : { name, type, min, max, steps })) {
          setName('');
          setOption('');
        }
      }}
    >
      <label>
        New issue <input value={name} size={12} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Type{' '}
        <select value={type} onChange={(e) => setType(e.target.value as NewIssue['type'])}>
          <option value="categorical">categorical</option>
          <option value="integer">integer</option>
          <option value="real">real</option>
        </select>
      </label>
      {type === 'categorical' ? (
        <label>
          First option <input value={option} size={12} onChange={(e) => setOption(e.target.value)} />
        </label>
      ) : (
        <>
          <label>
            Min <input value={min} size={4} onChange={(e) => setMin(e.target.value)} />
          </label>
          <label>
            Max <input value={max} size={4} onChange={(e) => setMax(e.target.value)} />
          </label>
          {type === 'real' && (
            <label>
              Steps <input value={steps} size={4} onChange={(e) => setSteps(e.target.value)} />
            </label>
          )}
        </>
      )}
      <button type="submit" disabled={!ready}>
        Add issue
      </button>
    </form>
  );
}
