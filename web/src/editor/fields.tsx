// Form pieces shared by the editor's sections: fields that keep what is typed, removals that ask
// first, sum bars, and the sources-and-assumption editor every element carries.
import { formatPath } from 'parley';
import type { Diagnostic } from 'parley';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { addSource, removeSource, setAssumption } from './doc-edit.ts';
import type { ProvenanceDoc, ScenarioDoc, SourceDoc } from './doc-model.ts';
import type { DocumentTexts } from './document-texts.ts';
import { QuotePicker } from './QuotePicker.tsx';
import type { Path, Warning } from './warnings.ts';

/** What every section gets. */
export interface SectionProps {
  readonly doc: ScenarioDoc;
  readonly source: string;
  /** Applies an edit; an edit the document cannot take (a duplicate name, say) is reported, not applied. `key` joins keystrokes into one undo step. */
  readonly apply: (f: () => string, key?: string) => boolean;
  readonly problemsAt: (path: Path) => Diagnostic[];
  readonly warningsAt: (path: Path) => Warning[];
  /** Quotes the scenario already uses, to pick from. */
  readonly quotes: readonly SourceDoc[];
  /** The texts of the scenario's documents, to pick quotes from. */
  readonly texts: DocumentTexts;
}

/**
 * A row's identifying name (an issue's name, a party's id) as an editable field that commits on
 * blur or Enter, for renames that run through the whole scenario. The name is the row's text
 * content too (a hidden copy: the field holds it as a value), so the row reads as its name.
 */
export function NameField({ label, name, path, problems, onRename }: { label: string; name: string; path: Path; problems: readonly Diagnostic[]; onRename: (to: string) => void }) {
  return (
    <>
      <Field label={label} value={name} width={Math.max(8, name.length)} path={path} problems={problems} commitOnBlur onChange={onRename} />
      <span hidden>{name}</span>
    </>
  );
}

/** A text field that keeps what is typed (even when invalid), reports every change, and shows its problems and warnings. */
export function Field({
  label,
  value,
  onChange,
  problems = [],
  warnings = [],
  width = 5,
  path,
  multiline = false,
  commitOnBlur = false,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  problems?: readonly Diagnostic[];
  warnings?: readonly Warning[];
  width?: number;
  /** The field's place in the scenario, so that an error's link can jump to it. */
  path?: Path;
  multiline?: boolean;
  /** Commit on blur or Enter (Escape reverts), not on every keystroke: for names, whose rename runs through the whole scenario. */
  commitOnBlur?: boolean;
}) {
  const [text, setText] = useState(value);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(value);
  }, [value, focused]);
  const id = `f${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const notes = [...problems.map((d) => d.message), ...warnings.map((w) => `Warning: ${w.message}`)];
  const common = {
    'aria-label': label,
    'aria-invalid': problems.length > 0,
    'aria-describedby': notes.length ? id : undefined,
    'data-path': path ? formatPath(path) : undefined,
    value: text,
    onFocus: () => setFocused(true),
    onBlur: () => {
      if (commitOnBlur && text !== value) onChange(text);
      setFocused(false);
    },
  };
  return (
    <span className={problems.length ? 'field invalid' : warnings.length ? 'field warned' : 'field'}>
      {multiline ? (
        <textarea
          {...common}
          rows={2}
          cols={Math.max(width, 30)}
          onChange={(e) => {
            setText(e.target.value);
            onChange(e.target.value);
          }}
        />
      ) : (
        <input
          {...common}
          size={width}
          onChange={(e) => {
            setText(e.target.value);
            if (!commitOnBlur) onChange(e.target.value);
          }}
          onKeyDown={
            commitOnBlur
              ? (e) => {
                  if (e.key === 'Enter' && text !== value) onChange(text);
                  else if (e.key === 'Escape') setText(value);
                }
              : undefined
          }
        />
      )}
      {notes.length > 0 && (
        <span id={id} className={problems.length ? 'field-error' : 'field-warning'} role={problems.length ? 'alert' : undefined}>
          {notes.join('; ')}
        </span>
      )}
    </span>
  );
}

/** A "Remove" button that names what it removes and asks first. */
export function RemoveButton({ label, onRemove, text = 'Remove' }: { label: string; onRemove: () => void; text?: string }) {
  return (
    <button type="button" aria-label={label} onClick={() => window.confirm(`${label}? (Ctrl+Z undoes it.)`) && onRemove()}>
      {text}
    </button>
  );
}

/** A bar showing a sum of weights against 1 (the mark). */
export function SumBar({ sum, label }: { sum: number | null; label: string }) {
  const s = sum ?? 0;
  const off = Math.abs(s - 1) > 1e-3;
  const scale = Math.max(1.25, s);
  return (
    <span className="sum-bar" role="img" aria-label={`${label}: ${+s.toFixed(4)}${off ? ' (not 1)' : ''}`} data-testid="sum-bar">
      <span className={off ? 'fill off' : 'fill'} style={{ width: `${(Math.min(s, scale) / scale) * 100}%` }} />
      <span className="mark" style={{ left: `${(1 / scale) * 100}%` }} />
      <span className="sum-text">Σ {+s.toFixed(4)}</span>
    </span>
  );
}

/** The sources and assumption of one element, editable: pick a quote from a document's text or one the scenario already uses, or write one. */
export function ProvenanceEditor({ what, path, provenance, ctx }: { what: string; path: Path; provenance: ProvenanceDoc; ctx: SectionProps }) {
  const n = provenance.sources.length + (provenance.assumption ? 1 : 0);
  const [quote, setQuote] = useState('');
  const [document, setDocument] = useState('');
  const [locator, setLocator] = useState('');
  const [picking, setPicking] = useState(false);
  const quoteField = useRef<HTMLInputElement>(null);
  const listId = `q${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const pick = (q: string) => {
    setQuote(q);
    const known = ctx.quotes.find((x) => x.quote === q);
    if (known) {
      setDocument(known.document ?? '');
      setLocator(known.locator ?? '');
    }
  };
  return (
    <details className="provenance-editor">
      <summary aria-label={`Sources and assumption of ${what}`}>{n ? `sources (${n})` : 'sources'}</summary>
      <label className="block">
        Assumption (what is assumed and why){' '}
        <Field label={`Assumption of ${what}`} value={provenance.assumption ?? ''} multiline width={50} path={[...path, 'assumption']} onChange={(t) => ctx.apply(() => setAssumption(ctx.source, path, t), `assumption:${formatPath(path)}`)} />
      </label>
      {provenance.sources.length > 0 && (
        <ul>
          {provenance.sources.map((s, i) => (
            <li key={i}>
              “{s.quote}”{s.document ? <cite> — {ctx.doc.documents.find((d) => d.id === s.document)?.title ?? s.document}</cite> : null}
              {s.locator ? `, ${s.locator}` : ''} <RemoveButton label={`Remove source ${i + 1} of ${what}`} onRemove={() => ctx.apply(() => removeSource(ctx.source, path, i))} />
            </li>
          ))}
        </ul>
      )}
      <form
        className="row"
        aria-label={`Add a source to ${what}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (ctx.apply(() => addSource(ctx.source, path, { quote, document, locator }))) {
            setQuote('');
            setLocator('');
          }
        }}
      >
        <label>
          Quote <input ref={quoteField} list={listId} value={quote} size={40} onChange={(e) => pick(e.target.value)} />
        </label>
        <datalist id={listId}>
          {ctx.quotes.map((q, i) => (
            <option key={i} value={q.quote} />
          ))}
        </datalist>
        <label>
          from{' '}
          <select value={document} onChange={(e) => setDocument(e.target.value)}>
            <option value="">(no document)</option>
            {ctx.doc.documents.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title ?? d.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          where <input value={locator} size={10} onChange={(e) => setLocator(e.target.value)} />
        </label>
        <button type="submit" disabled={!quote.trim()}>
          Add source
        </button>
        <button type="button" aria-expanded={picking} onClick={() => setPicking((x) => !x)}>
          {picking ? 'Close the document' : 'Pick from a document…'}
        </button>
      </form>
      {picking && (
        <QuotePicker
          what={what}
          documents={ctx.doc.documents}
          texts={ctx.texts}
          onPick={(p) => {
            setQuote(p.quote);
            setDocument(p.document);
            setLocator(p.locator);
            // Back to the form, with the quote in it: "Add source" adds it.
            quoteField.current?.focus();
          }}
        />
      )}
    </details>
  );
}

/** A section of the editor with a heading and an anchor. */
export function Section({ id, title, children, hint }: { id: string; title: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <section aria-labelledby={`ed-${id}`} className="editor-section" data-testid={`section-${id}`}>
      <h3 id={`ed-${id}`}>{title}</h3>
      {hint && <p className="hint">{hint}</p>}
      {children}
    </section>
  );
}
