import { collectProvenance, formatDiagnostic, formatPath } from 'parley';
import type { Diagnostic, Scenario } from 'parley';
import { useEffect, useId, useMemo, useState } from 'react';
import { parse as parseYaml } from 'yaml';
import type { DraftStatus } from '../workspace.ts';
import {
  addIssue,
  addOption,
  addParty,
  diagnosticsAt,
  removeIssue,
  removeOption,
  removeParty,
  renameOption,
  setEvaluation,
  setReservation,
  setRole,
  setRule,
  setWeight,
  type NewParty,
} from '../editor/doc-edit.ts';

export interface EditorProps {
  readonly source: string;
  readonly diagnostics: readonly Diagnostic[];
  /** The last scenario that read without errors. */
  readonly scenario: Scenario | null;
  readonly builtin: boolean;
  readonly dirty: boolean;
  /** A new text; `key` names the field typed in (its keystrokes make one undo step). */
  readonly onSource: (source: string, key?: string) => void;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly draft: DraftStatus;
  readonly onSave: () => Promise<void>;
  /** Back to the saved text (after a confirmation). */
  readonly onRevert: () => void;
}

type Loose = Record<string, unknown>;
const asObj = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** A number as written, plain or annotated ({value: …}). */
const numText = (v: unknown): string => {
  const x = v && typeof v === 'object' && 'value' in (v as Loose) ? (v as Loose).value : v;
  return x === undefined || x === null ? '' : String(x);
};

/** A text field that keeps what is typed (even when invalid) and reports every change. */
function Field({ label, value, onChange, problems, width = 5 }: { label: string; value: string; onChange: (t: string) => void; problems: readonly Diagnostic[]; width?: number }) {
  const [text, setText] = useState(value);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(value);
  }, [value, focused]);
  const id = `f${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  return (
    <span className={problems.length ? 'field invalid' : 'field'}>
      <input
        aria-label={label}
        aria-invalid={problems.length > 0}
        aria-describedby={problems.length ? id : undefined}
        size={width}
        value={text}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value);
        }}
      />
      {problems.length > 0 && (
        <span id={id} className="field-error" role="alert">
          {problems.map((d) => d.message).join('; ')}
        </span>
      )}
    </span>
  );
}

type Role = NewParty['role'];

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

/** The form that adds an issue: categorical with its first option, or integer min..max. */
function AddIssueForm({ onAdd }: { onAdd: (issue: Parameters<typeof addIssue>[1]) => boolean }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<'categorical' | 'integer'>('categorical');
  const [option, setOption] = useState('');
  const [min, setMin] = useState('0');
  const [max, setMax] = useState('10');
  const ready = name.trim() !== '' && (type === 'integer' || option.trim() !== '');
  return (
    <form
      className="row"
      aria-label="Add an issue"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        if (onAdd(type === 'categorical' ? { name, type, option } : { name, type, min, max })) {
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
        <select value={type} onChange={(e) => setType(e.target.value as 'categorical' | 'integer')}>
          <option value="categorical">categorical</option>
          <option value="integer">integer</option>
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
        </>
      )}
      <button type="submit" disabled={!ready}>
        Add issue
      </button>
    </form>
  );
}

/** The form that adds a party (id, name, role); it starts with weight 0 and value 0 everywhere. */
function AddPartyForm({ onAdd }: { onAdd: (party: NewParty) => boolean }) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('negotiator');
  return (
    <form
      className="row"
      aria-label="Add a party"
      onSubmit={(e) => {
        e.preventDefault();
        if (id.trim() && onAdd({ id, name, role })) {
          setId('');
          setName('');
        }
      }}
    >
      <label>
        New party id <input value={id} size={10} onChange={(e) => setId(e.target.value)} />
      </label>
      <label>
        Name <input value={name} size={14} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Role{' '}
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          <option value="negotiator">negotiator</option>
          <option value="mediator">mediator</option>
          <option value="observer">observer</option>
        </select>
      </label>
      <button type="submit" disabled={!id.trim()}>
        Add party
      </button>
    </form>
  );
}

export function Editor({ source, diagnostics, scenario, builtin, dirty, onSource, onSave, onRevert, onUndo, onRedo, canUndo, canRedo, draft }: EditorProps) {
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const doc = useMemo(() => {
    try {
      return asObj(parseYaml(source));
    } catch {
      return null;
    }
  }, [source]);
  const [editError, setEditError] = useState<string | null>(null);
  /** Applies a structured edit; an edit the document cannot take (e.g. a duplicate name) is reported, not applied. */
  const apply = (f: () => string, key?: string): boolean => {
    try {
      onSource(f(), key);
      setEditError(null);
      return true;
    } catch (e) {
      setEditError(e instanceof Error ? e.message : String(e));
      return false;
    }
  };
  const issues = asArr(doc?.issues).map((i) => asObj(i));
  const parties = asArr(doc?.parties).map((p) => asObj(p));
  const optionNames = (issue: Loose) => asArr(issue.options).map((o) => (typeof o === 'string' ? o : String(asObj(o).name ?? '')));
  const at = (...path: (string | number)[]) => diagnosticsAt(diagnostics, formatPath(path));
  const agreement = asObj(doc?.agreement);
  const provenance = useMemo(() => (scenario ? collectProvenance(scenario) : []), [scenario]);

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      await onSave();
    } catch (e) {
      setSaveError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="editor-title" data-undo-scope>
      <h2 id="editor-title">Scenario editor</h2>
      <div className="row">
        <button type="button" onClick={() => void save()} disabled={saving || diagnostics.length > 0 || (!dirty && !builtin)}>
          {builtin ? 'Save as a copy' : 'Save'}
        </button>
        <button type="button" onClick={onUndo} disabled={!canUndo} aria-keyshortcuts="Control+Z">
          Undo
        </button>
        <button type="button" onClick={onRedo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z">
          Redo
        </button>
        <button type="button" onClick={onRevert} disabled={!dirty}>
          Discard changes
        </button>
        <span className="hint">{diagnostics.length > 0 ? 'Fix the problems below to save.' : dirty ? 'Unsaved changes (the other screens already use them).' : 'Saved.'}</span>
      </div>
      <DraftNote draft={draft} dirty={dirty} />
      {saveError && (
        <p role="alert" className="error">
          {saveError}
        </p>
      )}
      {editError && (
        <p role="alert" className="error" data-testid="edit-error">
          {editError}
        </p>
      )}
      <div aria-live="polite" data-testid="diagnostics">
        {diagnostics.length > 0 && (
          <>
            <h3>{diagnostics.length === 1 ? '1 problem' : `${diagnostics.length} problems`}</h3>
            <ul className="diagnostics">
              {diagnostics.map((d, i) => (
                <li key={i}>{formatDiagnostic(d)}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      {doc && (
        <>
          <h3>Parties and roles</h3>
          <table data-testid="parties-table">
            <thead>
              <tr>
                <th scope="col">id</th>
                <th scope="col">name</th>
                <th scope="col">role</th>
                <th scope="col">reservation (utility of no deal)</th>
                <th scope="col">actions</th>
              </tr>
            </thead>
            <tbody>
              {parties.map((p, i) => {
                const id = String(p.id ?? '');
                const res = asObj(p.reservation);
                const outcomeRes = 'outcome' in res;
                return (
                  <tr key={i}>
                    <th scope="row">{id}</th>
                    <td>{String(p.name ?? id)}</td>
                    <td>
                      <select aria-label={`Role of ${id}`} value={String(p.role ?? 'negotiator')} onChange={(e) => apply(() => setRole(source, id, e.target.value))}>
                        <option value="negotiator">negotiator</option>
                        <option value="mediator">mediator</option>
                        <option value="observer">observer</option>
                      </select>
                    </td>
                    <td>
                      {outcomeRes ? (
                        <span>the utility of an outcome (edit in YAML)</span>
                      ) : (
                        <Field label={`Reservation of ${id}`} value={numText(p.reservation)} onChange={(t) => apply(() => setReservation(source, id, t))} problems={at('parties', i, 'reservation')} />
                      )}
                    </td>
                    <td>
                      <RemoveButton label={`Remove party ${id}`} onRemove={() => apply(() => removeParty(source, id))} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>

          <AddPartyForm onAdd={(party) => apply(() => addParty(source, party))} />
          <p className="hint">A new party starts with weight 0 and value 0 on every issue. Removing a party also removes it from the agreement rule&apos;s voters and required parties.</p>

          <h3>Issues and options</h3>
          <table data-testid="issues-table">
            <thead>
              <tr>
                <th scope="col">issue</th>
                <th scope="col">options</th>
                <th scope="col">actions</th>
              </tr>
            </thead>
            <tbody>
              {issues.map((is, k) => {
                const name = String(is.name ?? '');
                const categorical = is.options !== undefined;
                return (
                  <tr key={k}>
                    <th scope="row">{name}</th>
                    <td>
                      {categorical ? (
                        <>
                          {optionNames(is).map((o, j) => (
                            <span key={j} className="inline">
                              <Field
                                label={`Name of option ${j + 1} of ${name}`}
                                value={o}
                                width={Math.max(8, o.length)}
                                onChange={(t) => apply(() => renameOption(source, name, o, t))}
                                problems={at('issues', k, 'options', j)}
                              />{' '}
                              <RemoveButton label={`Remove option ${o} of ${name}`} onRemove={() => apply(() => removeOption(source, name, o))} />{' '}
                            </span>
                          ))}
                          <AddOptionForm issue={name} onAdd={(o) => apply(() => addOption(source, name, o))} />
                        </>
                      ) : (
                        <span>
                          {String(is.type)} {String(is.min)}..{String(is.max)}
                        </span>
                      )}
                    </td>
                    <td>
                      <RemoveButton label={`Remove issue ${name}`} onRemove={() => apply(() => removeIssue(source, name))} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <AddIssueForm onAdd={(issue) => apply(() => addIssue(source, issue))} />
          <p className="hint">
            A new issue or option gets weight 0 and value 0 for every party with weights and values, so the scenario stays valid. Removing one also removes its weights, values,
            red-line conditions and reservation-outcome entries; anything left invalid is listed above.
          </p>

          <h3>Issues and weights</h3>
          <p className="hint">Utility = Σ weight × value. Weights are used as written (not renormalised) and must not be negative.</p>
          <table data-testid="weights-table">
            <thead>
              <tr>
                <th scope="col">party</th>
                {issues.map((is, k) => (
                  <th scope="col" key={k} title={optionNames(is).join(' | ') || `${String(is.type)} ${String(is.min)}..${String(is.max)}`}>
                    {String(is.name)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {parties.map((p, i) => {
                const prefs = asObj(p.preferences);
                if (!prefs.weights) return null;
                const id = String(p.id ?? '');
                const weights = asObj(prefs.weights);
                return (
                  <tr key={i}>
                    <th scope="row">{id}</th>
                    {issues.map((is, k) => {
                      const name = String(is.name);
                      return (
                        <td key={k}>
                          <Field label={`Weight of ${name} for ${id}`} value={numText(weights[name])} onChange={(t) => apply(() => setWeight(source, id, name, t))} problems={at('parties', i, 'preferences', 'weights', name)} />
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>

          <h3>Value tables</h3>
          {parties.map((p, i) => {
            const id = String(p.id ?? '');
            const values = asObj(asObj(p.preferences).values);
            const tables = issues.filter((is) => optionNames(is).length > 0 && values[String(is.name)] !== undefined);
            if (tables.length === 0) return null;
            return (
              <details key={i}>
                <summary>{id}: value of each option</summary>
                {tables.map((is) => {
                  const name = String(is.name);
                  const f = asObj(values[name]);
                  const table = f.type === 'table' ? asObj(f.values) : f;
                  if (f.type && f.type !== 'table') return null;
                  return (
                    <fieldset key={name}>
                      <legend>{name}</legend>
                      {optionNames(is).map((o) => (
                        <label key={o} className="inline">
                          {o}{' '}
                          <Field
                            label={`Value of ${name} = ${o} for ${id}`}
                            value={numText(table[o])}
                            onChange={(t) => apply(() => setEvaluation(source, id, name, o, t))}
                            problems={at('parties', i, 'preferences', 'values', name, ...(f.type === 'table' ? ['values'] : []), o)}
                          />
                        </label>
                      ))}
                    </fieldset>
                  );
                })}
              </details>
            );
          })}

          <h3>Agreement rule</h3>
          <div className="row">
            <label>
              Rule{' '}
              <select value={String(agreement.rule ?? 'unanimity')} onChange={(e) => apply(() => setRule(source, e.target.value as 'unanimity' | 'quorum', Number(agreement.k ?? 1)))}>
                <option value="unanimity">unanimity</option>
                <option value="quorum">quorum</option>
              </select>
            </label>
            {agreement.rule === 'quorum' && (
              <label>
                k (accepting voters needed){' '}
                <Field label="Quorum k" value={String(agreement.k ?? '')} onChange={(t) => apply(() => setRule(source, 'quorum', Number(t)))} problems={at('agreement')} width={3} />
              </label>
            )}
            <span className="hint">
              {agreement.voters ? `voters: ${asArr(agreement.voters).join(', ')}` : 'voters: the negotiators'}
              {agreement.required ? `; required (veto): ${asArr(agreement.required).join(', ')}` : ''}
            </span>
          </div>

          <h3>Sources and assumptions</h3>
          {provenance.length === 0 ? (
            <p className="hint">No sources or assumptions recorded.</p>
          ) : (
            <ul className="provenance" data-testid="provenance">
              {provenance.map((e, i) => (
                <li key={i}>
                  <strong>{e.subject}</strong>
                  {e.provenance.sources?.map((s, k) => (
                    <blockquote key={k}>
                      “{s.quote}”{s.document ? <cite> — {s.document}</cite> : null}
                      {s.locator ? `, ${s.locator}` : ''}
                    </blockquote>
                  ))}
                  {e.provenance.assumption && <p className="assumption">Assumption: {e.provenance.assumption}</p>}
                </li>
              ))}
            </ul>
          )}

          <h3>Variants</h3>
          {asArr(doc.variants).length === 0 ? (
            <p className="hint">No variants. Add them in the YAML below under `variants:` (a patch merged into the scenario).</p>
          ) : (
            <ul>
              {asArr(doc.variants).map((v, i) => {
                const o = asObj(v);
                return (
                  <li key={i}>
                    <strong>{String(o.id)}</strong> {o.description ? `— ${String(o.description)}` : ''} <code>{JSON.stringify(o.patch)}</code>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
      <h3>
        <label htmlFor="yaml-source">Scenario YAML</label>
      </h3>
      <textarea id="yaml-source" className="source" spellCheck={false} rows={24} value={source} onChange={(e) => onSource(e.target.value, 'yaml')} />
    </section>
  );
}

/** A "Remove" button whose accessible name says what it removes. */
function RemoveButton({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <button type="button" aria-label={label} onClick={() => window.confirm(`${label}? (Ctrl+Z undoes it.)`) && onRemove()}>
      Remove
    </button>
  );
}

/** Where the unsaved edits are kept, and whether the open text is a draft found on opening. */
function DraftNote({ draft, dirty }: { draft: DraftStatus; dirty: boolean }) {
  const time = (iso: string | undefined) => (iso ? new Date(iso).toLocaleString() : '');
  return (
    <p className="hint" role="status" data-testid="draft-status">
      {draft.restored && dirty && <strong>Restored your unsaved draft of {time(draft.restored.at)}. </strong>}
      {!dirty
        ? ''
        : draft.state === 'pending'
          ? 'Keeping a draft…'
          : draft.state === 'saved'
            ? `Draft kept on the server (${time(draft.at)}); save to make it the scenario.`
            : draft.state === 'local'
              ? `The server cannot be reached: the draft is kept in this browser (${time(draft.at)}).`
              : ''}
    </p>
  );
}
