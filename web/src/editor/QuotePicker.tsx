// Picks a quote from a document's text: select a passage in the text, or search it and take a
// sentence found. The quote, the document's id and the line(s) go to the source being added.
import { useEffect, useId, useRef, useState } from 'react';
import type { DocumentTexts } from './document-texts.ts';
import { findPassages, passageOf, type Passage } from './quote-pick.ts';

export interface QuotePickerProps {
  /** What the source is for, in words ("the scenario", "issue ceasefire"). */
  readonly what: string;
  /** The scenario's documents (declared), by id with their titles. */
  readonly documents: readonly { readonly id: string; readonly title?: string }[];
  readonly texts: DocumentTexts;
  readonly onPick: (p: { quote: string; document: string; locator: string }) => void;
}

export function QuotePicker({ what, documents, texts, onPick }: QuotePickerProps) {
  const withText = documents.filter((d) => texts.available.has(d.id));
  const [docId, setDocId] = useState(withText[0]?.id ?? '');
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [selection, setSelection] = useState<Passage | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const id = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const { load } = texts;

  useEffect(() => {
    if (!docId && withText[0]) setDocId(withText[0].id);
  }, [docId, withText]);

  useEffect(() => {
    setText(null);
    setError(null);
    setSelection(null);
    if (!docId) return;
    let live = true;
    load(docId).then(
      (t) => live && setText(t),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [docId, load]);

  if (withText.length === 0) {
    return (
      <p className="hint" data-testid="quote-picker-empty">
        {documents.length === 0 ? 'The scenario declares no documents: add one under “Documents” (and attach its text) to pick quotes from it.' : 'No document’s text is available: attach a text file under “Documents”.'}
      </p>
    );
  }
  const title = (d: string) => documents.find((x) => x.id === d)?.title ?? d;
  const found = text && query.trim() ? findPassages(text, query) : [];
  const use = (p: Passage) => onPick({ quote: p.quote, document: docId, locator: p.locator });
  const readSelection = () => {
    const el = area.current;
    setSelection(el && text ? passageOf(text, el.selectionStart, el.selectionEnd) : null);
  };

  return (
    <div className="quote-picker" role="group" aria-label={`Pick a quote for ${what} from a document`} data-testid="quote-picker">
      <div className="row">
        <label>
          Document{' '}
          <select aria-label="Document to quote from" value={docId} onChange={(e) => setDocId(e.target.value)}>
            {withText.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title ?? d.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search the document <input type="search" value={query} size={24} onChange={(e) => setQuery(e.target.value)} aria-describedby={`${id}-found`} />
        </label>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {text === null && !error && <p className="hint">Loading the text of {title(docId)}…</p>}
      {text !== null && (
        <>
          <p id={`${id}-found`} className="hint" aria-live="polite">
            {query.trim() ? (found.length ? `${found.length === 20 ? 'The first 20' : found.length} passage${found.length === 1 ? '' : 's'} with “${query.trim()}”:` : `No sentence holds “${query.trim()}”.`) : 'Search, or select a passage in the text (mouse, or Shift with the arrow keys) and use it.'}
          </p>
          {found.length > 0 && (
            <ul className="found-passages">
              {found.map((p) => (
                <li key={p.start}>
                  <button type="button" onClick={() => use(p)} aria-label={`Use the passage at ${p.locator}: ${p.quote}`}>
                    Use
                  </button>{' '}
                  <span className="hint">{p.locator}:</span> {p.quote}
                </li>
              ))}
            </ul>
          )}
          <label className="block">
            Text of {title(docId)}
            <textarea ref={area} readOnly value={text} rows={8} cols={70} className="document-text" onSelect={readSelection} onKeyUp={readSelection} onMouseUp={readSelection} />
          </label>
          <div className="row">
            <button type="button" disabled={!selection} onClick={() => selection && use(selection)}>
              Use the selected passage
            </button>
            {selection && (
              <span className="hint" data-testid="quote-selection">
                {selection.locator}: “{selection.quote.length > 120 ? `${selection.quote.slice(0, 120)}…` : selection.quote}”
              </span>
            )}
          </div>
        </>
      )}
    </div>
  );
}
