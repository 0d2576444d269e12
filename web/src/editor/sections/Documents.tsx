import { useState } from 'react';
import { addDocument } from '../doc-edit.ts';
import { RemoveButton, Section, type SectionProps } from '../fields.tsx';
import { mib } from '../../screens/upload-limits.ts';

/** The scenario's documents: whether the server has each one's text, and (saved scenarios) attaching a text file. */
export function Documents(ctx: SectionProps) {
  const { doc, source, apply, texts } = ctx;
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const attach = async (documentId: string, title: string, file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setMessage(null);
    try {
      await texts.attach(documentId, file);
      setMessage({ text: `Attached “${file.name}” as the text of ${title}.`, error: false });
    } catch (e) {
      setMessage({ text: `Not attached: ${e instanceof Error ? e.message : String(e)}`, error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section
      id="documents"
      title="Documents"
      hint={
        texts.canAttach
          ? `The documents that sources quote from. Attach each one's text (a plain-text file of at most ${mib(texts.maxBytes)}) to pick quotes from it; the text is kept with the scenario.`
          : 'The documents that sources quote from. A built-in scenario’s texts come from its own folder; save a copy to attach texts of your own.'
      }
    >
      {doc.documents.length === 0 ? (
        <p className="hint">No documents declared.</p>
      ) : (
        <ul className="documents" data-testid="documents">
          {doc.documents.map((d) => {
            const title = d.title ?? d.id;
            const have = texts.available.get(d.id);
            return (
              <li key={d.id}>
                <strong>{title}</strong>{' '}
                <span className="hint">
                  {!have
                    ? '— no text yet'
                    : have.origin === 'scenario-folder'
                      ? '— text from the scenario’s folder'
                      : `— text attached${have.fileName ? ` from “${have.fileName}”` : ''}${have.bytes !== null ? ` (${have.bytes.toLocaleString()} bytes)` : ''}`}
                </span>
                {texts.canAttach && (
                  <>
                    {' '}
                    <label>
                      {have ? 'Replace the text' : 'Attach the text'}{' '}
                      <input
                        type="file"
                        accept=".txt,.md,.text,text/plain,text/markdown"
                        aria-label={`Attach the text of ${title}`}
                        disabled={busy}
                        onChange={(e) => {
                          const file = e.target.files?.[0];
                          e.target.value = '';
                          void attach(d.id, title, file);
                        }}
                      />
                    </label>
                    {have?.origin === 'attached' && (
                      <RemoveButton
                        label={`Remove the attached text of ${title}`}
                        text="Remove the text"
                        onRemove={() => void texts.remove(d.id).catch((e: unknown) => setMessage({ text: e instanceof Error ? e.message : String(e), error: true }))}
                      />
                    )}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'hint'} data-testid="document-message">
          {message.text}
        </p>
      )}
      <AddDocumentForm onAdd={(id, title) => apply(() => addDocument(source, id, title))} />
    </Section>
  );
}

function AddDocumentForm({ onAdd }: { onAdd: (id: string, title: string) => boolean }) {
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  return (
    <form
      className="row"
      aria-label="Add a document"
      onSubmit={(e) => {
        e.preventDefault();
        if (id.trim() && onAdd(id, title)) {
          setId('');
          setTitle('');
        }
      }}
    >
      <label>
        New document id <input value={id} size={14} onChange={(e) => setId(e.target.value)} />
      </label>
      <label>
        Document title <input value={title} size={30} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <button type="submit" disabled={!id.trim()}>
        Add document
      </button>
    </form>
  );
}
