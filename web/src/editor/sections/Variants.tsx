import { useMemo, useState } from 'react';
import { parse as parseYaml } from 'yaml';
import { addVariant, baseValueAt, flattenPatch, removeVariant, removeVariantChange, setText, setVariantChange } from '../doc-edit.ts';
import { Field, ProvenanceEditor, RemoveButton, Section, type SectionProps } from '../fields.tsx';
import { baseNames, changeProblem, describeChange } from '../variant-follow.ts';

export { describeChange };

/** A value as the diff shows it. */
export function showValue(v: unknown): string {
  if (v === undefined) return '(none)';
  if (v === null) return '(removed)';
  if (Array.isArray(v)) return v.map(showValue).join(', ');
  if (typeof v === 'object') return 'value' in (v as object) ? showValue((v as { value: unknown }).value) : JSON.stringify(v);
  return String(v);
}

type ChangeKind = 'reservation' | 'weight' | 'value' | 'rule';

/** Variants: named lists of changes against the base scenario, shown as a diff against the base as it is now. */
export function Variants(ctx: SectionProps) {
  const { doc, source, apply } = ctx;
  const base = useMemo(() => {
    try {
      return parseYaml(source, { maxAliasCount: 100 }) as unknown;
    } catch {
      return null;
    }
  }, [source]);
  const names = useMemo(() => baseNames(base), [base]);
  const nameOf = (id: string) => doc.parties.find((p) => p.id === id)?.name ?? id;
  return (
    <Section id="variants" title="Variants" hint="A variant is a list of changes to the base scenario (a patch): the table shows each change against the base as it is now, so edits of the base show through. Pick a variant at the top of the page to see it on every screen.">
      {doc.variants.length === 0 && <p className="hint">No variants yet.</p>}
      {doc.variants.map((v, n) => {
        const changes = flattenPatch(v.patch);
        // Changes that name what the base no longer has (after an edit of the YAML, say): flagged, with the reason.
        const stale = changes.map((c) => (c.path.length ? changeProblem(names, v.patch, c) : null));
        const staleCount = stale.filter(Boolean).length;
        return (
          <article key={n} className="variant" data-testid={`variant-${v.id}`} data-path={`variants[${n}]`}>
            <h4>
              {v.id} <RemoveButton label={`Remove variant ${v.id}`} onRemove={() => apply(() => removeVariant(source, v.id))} />
            </h4>
            <label className="block">
              Description <Field label={`Description of variant ${v.id}`} value={v.description ?? ''} width={50} onChange={(t) => apply(() => setText(source, ['variants', n, 'description'], t), `variant-description:${n}`)} />
            </label>
            {staleCount > 0 && (
              <div className="warning" role="status" data-testid={`variant-stale-${v.id}`}>
                <strong>{staleCount === 1 ? '1 change no longer applies' : `${staleCount} changes no longer apply`}</strong> to the base as it is now, so the variant cannot be applied until {staleCount === 1 ? 'it is' : 'they are'} removed:
                <ul>
                  {changes.map((c, i) =>
                    stale[i] ? (
                      <li key={c.path.join('\u0000')}>
                        {describeChange(c.path, nameOf)}: {stale[i]}
                      </li>
                    ) : null,
                  )}
                </ul>
                <button type="button" onClick={() => apply(() => changes.reduce((src, c, i) => (stale[i] ? removeVariantChange(src, v.id, c.path) : src), source))}>
                  Remove the {staleCount === 1 ? 'change' : `${staleCount} changes`} that no longer apply
                </button>
              </div>
            )}
            {changes.length === 0 ? (
              <p className="hint">No changes yet: the variant is the base scenario.</p>
            ) : (
              <div className="scroll-x">
                <table className="diff">
                  <caption>Changes against the base</caption>
                  <thead>
                    <tr>
                      <th scope="col">what</th>
                      <th scope="col">base</th>
                      <th scope="col">in this variant</th>
                      <th scope="col">actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((c, i) => {
                      const was = baseValueAt(base, c.path);
                      return (
                        <tr key={c.path.join('\u0000')} className={stale[i] ? 'stale-change' : undefined}>
                          <th scope="row">{describeChange(c.path, nameOf)}</th>
                          <td className="diff-old">{stale[i] ? `no longer applies: ${stale[i]}` : showValue(was)}</td>
                          <td className="diff-new">{showValue(c.value)}</td>
                          <td>
                            <RemoveButton label={`Remove the change of ${describeChange(c.path, nameOf)} from ${v.id}`} onRemove={() => apply(() => removeVariantChange(source, v.id, c.path))} />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            <AddChangeForm ctx={ctx} variant={v.id} base={base} />
            <ProvenanceEditor what={`variant ${v.id}`} path={['variants', n]} provenance={v.provenance} ctx={ctx} />
          </article>
        );
      })}
      <AddVariantForm onAdd={(id, description) => apply(() => addVariant(source, id, description))} />
    </Section>
  );
}

function AddVariantForm({ onAdd }: { onAdd: (id: string, description: string) => boolean }) {
  const [id, setId] = useState('');
  const [description, setDescription] = useState('');
  return (
    <form
      className="row"
      aria-label="Add a variant"
      onSubmit={(e) => {
        e.preventDefault();
        if (id.trim() && onAdd(id, description)) {
          setId('');
          setDescription('');
        }
      }}
    >
      <label>
        New variant id <input value={id} size={14} onChange={(e) => setId(e.target.value)} />
      </label>
      <label>
        Variant description <input value={description} size={30} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <button type="submit" disabled={!id.trim()}>
        Add variant
      </button>
    </form>
  );
}

/** Adds one change to a variant: a party's reservation, weight or value, or the agreement rule. */
function AddChangeForm({ ctx, variant, base }: { ctx: SectionProps; variant: string; base: unknown }) {
  const { doc, source, apply } = ctx;
  const [kind, setKind] = useState<ChangeKind>('reservation');
  const [party, setParty] = useState(doc.parties[0]?.id ?? '');
  const [issue, setIssue] = useState(doc.issues[0]?.name ?? '');
  const [option, setOption] = useState('');
  const [value, setValue] = useState('');
  const [rule, setRuleKind] = useState<'unanimity' | 'quorum'>('quorum');
  const is = doc.issues.find((x) => x.name === issue);
  const opt = option || is?.options[0]?.name || '';
  const submit = () => {
    if (kind === 'rule') return apply(() => setVariantChange(source, variant, ['agreement'], rule === 'quorum' ? { rule, k: Number(value) || 1 } : { rule }));
    if (kind === 'reservation') return apply(() => setVariantChange(source, variant, ['parties', party, 'reservation'], value));
    if (kind === 'weight') return apply(() => setVariantChange(source, variant, ['parties', party, 'preferences', 'weights', issue], value));
    const table = baseValueAt(base, ['parties', party, 'preferences', 'values', issue]) as { type?: unknown } | undefined;
    const path = ['parties', party, 'preferences', 'values', issue, ...(table?.type === 'table' ? ['values'] : []), opt];
    return apply(() => setVariantChange(source, variant, path, value));
  };
  return (
    <form
      className="row"
      aria-label={`Add a change to ${variant}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (submit()) setValue('');
      }}
    >
      <label>
        Change{' '}
        <select aria-label={`Kind of change to ${variant}`} value={kind} onChange={(e) => setKind(e.target.value as ChangeKind)}>
          <option value="reservation">a party's reservation</option>
          <option value="weight">a party's weight</option>
          <option value="value">a party's value of an option</option>
          <option value="rule">the agreement rule</option>
        </select>
      </label>
      {kind !== 'rule' && (
        <label>
          of{' '}
          <select aria-label={`Party changed in ${variant}`} value={party} onChange={(e) => setParty(e.target.value)}>
            {doc.parties.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name ?? p.id}
              </option>
            ))}
          </select>
        </label>
      )}
      {(kind === 'weight' || kind === 'value') && (
        <label>
          issue{' '}
          <select aria-label={`Issue changed in ${variant}`} value={issue} onChange={(e) => setIssue(e.target.value)}>
            {doc.issues.map((x) => (
              <option key={x.name} value={x.name}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === 'value' && is?.kind === 'categorical' && (
        <label>
          option{' '}
          <select aria-label={`Option changed in ${variant}`} value={opt} onChange={(e) => setOption(e.target.value)}>
            {is.options.map((o) => (
              <option key={o.name} value={o.name}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === 'rule' && (
        <label>
          to{' '}
          <select aria-label={`Rule in ${variant}`} value={rule} onChange={(e) => setRuleKind(e.target.value as 'unanimity' | 'quorum')}>
            <option value="unanimity">unanimity</option>
            <option value="quorum">quorum</option>
          </select>
        </label>
      )}
      {(kind !== 'rule' || rule === 'quorum') && (
        <label>
          {kind === 'rule' ? 'k' : 'new value'} <input aria-label={`New value in ${variant}`} value={value} size={6} onChange={(e) => setValue(e.target.value)} />
        </label>
      )}
      <button type="submit" disabled={kind !== 'rule' && !value.trim()}>
        Add change
      </button>
    </form>
  );
}
