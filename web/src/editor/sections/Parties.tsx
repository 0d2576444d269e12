import { useState } from 'react';
import { addParty, removeParty, renameParty, setReservation, setRole, setText, type NewParty } from '../doc-edit.ts';
import { Field, NameField, ProvenanceEditor, RemoveButton, Section, type SectionProps } from '../fields.tsx';

type Role = NewParty['role'];

/** Parties: names, roles, descriptions, reservation values. */
export function Parties(ctx: SectionProps) {
  const { doc, source, apply, problemsAt, warningsAt } = ctx;
  return (
    <Section id="parties" title="Parties and roles" hint="A new party starts with weight 0 and value 0 on every issue. Changing a party's id (then Enter or leave the field) renames it in the agreement rule, the questions and every variant. Removing a party also removes it from the agreement rule's voters and required parties.">
      <div className="scroll-x">
        <table data-testid="parties-table">
          <thead>
            <tr>
              <th scope="col">id</th>
              <th scope="col">name</th>
              <th scope="col">role</th>
              <th scope="col">reservation (utility of no deal)</th>
              <th scope="col">description</th>
              <th scope="col">actions</th>
            </tr>
          </thead>
          <tbody>
            {doc.parties.map((p, i) => (
              <tr key={i}>
                <th scope="row">
                  <NameField label={`Id of party ${p.id}`} name={p.id} path={['parties', i, 'id']} problems={problemsAt(['parties', i, 'id'])} onRename={(t) => apply(() => renameParty(source, p.id, t), `party-id:${i}`)} />
                </th>
                <td>
                  <Field label={`Name of ${p.id}`} value={p.name ?? ''} width={14} path={['parties', i, 'name']} problems={problemsAt(['parties', i, 'name'])} onChange={(t) => apply(() => setText(source, ['parties', i, 'name'], t), `party-name:${i}`)} />
                </td>
                <td>
                  <select aria-label={`Role of ${p.id}`} data-path={`parties[${i}].role`} value={p.role} onChange={(e) => apply(() => setRole(source, p.id, e.target.value))}>
                    <option value="negotiator">negotiator</option>
                    <option value="mediator">mediator</option>
                    <option value="observer">observer</option>
                  </select>
                </td>
                <td>
                  {p.reservation.kind === 'outcome' ? (
                    <span>the utility of an outcome (edit in YAML)</span>
                  ) : (
                    <>
                      <Field
                        label={`Reservation of ${p.id}`}
                        value={p.reservation.kind === 'number' ? p.reservation.text : ''}
                        path={['parties', i, 'reservation']}
                        problems={problemsAt(['parties', i, 'reservation'])}
                        warnings={warningsAt(['parties', i, 'reservation'])}
                        onChange={(t) => apply(() => setReservation(source, p.id, t), `reservation:${i}`)}
                      />
                      {p.reservation.kind === 'number' && <ProvenanceEditor what={`the reservation of ${p.id}`} path={['parties', i, 'reservation']} provenance={p.reservation.provenance} ctx={ctx} />}
                    </>
                  )}
                </td>
                <td>
                  <Field label={`Description of ${p.id}`} value={p.description ?? ''} width={24} multiline path={['parties', i, 'description']} onChange={(t) => apply(() => setText(source, ['parties', i, 'description'], t), `party-description:${i}`)} />
                  <ProvenanceEditor what={p.name ?? p.id} path={['parties', i]} provenance={p.provenance} ctx={ctx} />
                </td>
                <td>
                  <RemoveButton label={`Remove party ${p.id}`} onRemove={() => apply(() => removeParty(source, p.id))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <AddPartyForm onAdd={(party) => apply(() => addParty(source, party))} />
    </Section>
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
