import { setText } from '../doc-edit.ts';
import { Field, ProvenanceEditor, Section, type SectionProps } from '../fields.tsx';

/** The scenario's name, description, and its own sources and assumption. */
export function General(ctx: SectionProps) {
  const { doc, source, apply, problemsAt } = ctx;
  return (
    <Section id="general" title="Name and description">
      <div className="row">
        <label>
          Name <Field label="Scenario name" value={doc.name} width={50} path={['name']} problems={problemsAt(['name'])} onChange={(t) => apply(() => setText(source, ['name'], t, { required: true }), 'name')} />
        </label>
      </div>
      <label className="block">
        Description <Field label="Scenario description" value={doc.description ?? ''} multiline width={70} path={['description']} problems={problemsAt(['description'])} onChange={(t) => apply(() => setText(source, ['description'], t), 'description')} />
      </label>
      <ProvenanceEditor what="the scenario" path={[]} provenance={doc.provenance} ctx={ctx} />
    </Section>
  );
}
