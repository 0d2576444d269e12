import { collectProvenance, formatPath } from 'parley';
import type { Diagnostic, Scenario } from 'parley';
import { useMemo, useRef, useState } from 'react';
import { diagnosticsAt } from '../editor/doc-edit.ts';
import { knownQuotes, readDoc } from '../editor/doc-model.ts';
import type { SectionProps } from '../editor/fields.tsx';
import { plainDiagnostic } from '../editor/plain-errors.ts';
import { Agreement } from '../editor/sections/Agreement.tsx';
import { Documents } from '../editor/sections/Documents.tsx';
import { useDocumentTexts } from '../editor/document-texts.ts';
import { General } from '../editor/sections/General.tsx';
import { Issues } from '../editor/sections/Issues.tsx';
import { Parties } from '../editor/sections/Parties.tsx';
import { RedLines } from '../editor/sections/RedLines.tsx';
import { Values } from '../editor/sections/Values.tsx';
import { Variants } from '../editor/sections/Variants.tsx';
import { Weights } from '../editor/sections/Weights.tsx';
import { warnings as findWarnings, warningsAt, type Path } from '../editor/warnings.ts';
import { YamlView, type YamlViewHandle } from '../editor/YamlView.tsx';
import type { DraftStatus } from '../workspace.ts';

export interface EditorProps {
  /** The open scenario's id (its document texts are asked for by it). */
  readonly scenarioId: string;
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

/** The form field for a diagnostic's path: the deepest one whose path starts the diagnostic's. */
function fieldFor(path: string): HTMLElement | null {
  let best: HTMLElement | null = null;
  let bestLength = -1;
  for (const el of document.querySelectorAll<HTMLElement>('[data-path]')) {
    const p = el.dataset.path ?? '';
    if ((path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`)) && p.length > bestLength) {
      best = el;
      bestLength = p.length;
    }
  }
  return best;
}

/** The scenario editor: a form over every part of the scenario, beside the YAML it edits. */
export function Editor({ scenarioId, source, diagnostics, scenario, builtin, dirty, onSource, onSave, onRevert, onUndo, onRedo, canUndo, canRedo, draft }: EditorProps) {
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [editError, setEditError] = useState<string | null>(null);
  const yaml = useRef<YamlViewHandle>(null);
  const texts = useDocumentTexts(scenarioId);
  const parsed = useMemo(() => readDoc(source), [source]);
  // While the YAML does not parse, the form keeps showing the last version that did (read-only).
  const lastParsed = useRef(parsed);
  if (parsed) lastParsed.current = parsed;
  const doc = parsed ?? lastParsed.current;
  const frozen = parsed === null;
  const quotes = useMemo(() => knownQuotes(source), [source]);
  const warnings = useMemo(() => (doc ? findWarnings(doc) : []), [doc]);
  const provenance = useMemo(() => (scenario ? collectProvenance(scenario) : []), [scenario]);

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

  /** Jumps to the form field of an error, or to its line in the YAML. */
  const jump = (d: Diagnostic) => {
    const el = d.path ? fieldFor(d.path) : null;
    if (el) {
      el.closest('details')?.setAttribute('open', '');
      el.scrollIntoView({ block: 'center' });
      el.focus();
    } else if (d.line !== undefined) yaml.current?.showLine(d.line);
  };

  const ctx: SectionProps | null = doc
    ? {
        doc,
        source,
        apply,
        problemsAt: (path: Path) => diagnosticsAt(diagnostics, formatPath([...path])),
        warningsAt: (path: Path) => warningsAt(warnings, path),
        quotes,
        texts,
      }
    : null;

  return (
    <section aria-labelledby="editor-title" data-undo-scope>
      <h2 id="editor-title">Scenario editor</h2>
      <div className="row editor-toolbar">
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
              {diagnostics.map((d, i) => {
                const p = plainDiagnostic(d, doc);
                return (
                  <li key={i}>
                    <a
                      href="#"
                      onClick={(e) => {
                        e.preventDefault();
                        jump(d);
                      }}
                    >
                      {p.line !== undefined ? `Line ${p.line}` : 'Go to it'}
                    </a>
                    : {p.what} {p.message}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </div>
      {warnings.length > 0 && (
        <details className="warnings" data-testid="warnings">
          <summary>{warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`} (the scenario reads, but check these)</summary>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </details>
      )}
      {!ctx && <p className="error">The YAML does not read as a scenario: fix the marked line below.</p>}
      {ctx && frozen && (
        <p role="status" className="stale" data-testid="form-frozen">
          The YAML has a syntax error, so the form shows the last version that parsed and cannot be edited until the marked line is fixed (or Ctrl+Z).
        </p>
      )}
      {ctx && (
        <fieldset disabled={frozen} className="editor-form">
          <nav aria-label="Editor sections" className="row hint">
            {['general', 'documents', 'parties', 'issues', 'weights', 'values', 'red-lines', 'agreement', 'variants', 'sources', 'yaml'].map((s) => (
              <a key={s} href={`#ed-${s}`} onClick={(e) => { e.preventDefault(); document.getElementById(`ed-${s}`)?.scrollIntoView(); }}>
                {s.replace('-', ' ')}
              </a>
            ))}
          </nav>
          <General {...ctx} />
          <Documents {...ctx} />
          <Parties {...ctx} />
          <Issues {...ctx} />
          <Weights {...ctx} />
          <Values {...ctx} />
          <RedLines {...ctx} />
          <Agreement {...ctx} />
          <Variants {...ctx} />
          <section aria-labelledby="ed-sources" className="editor-section">
            <h3 id="ed-sources">All sources and assumptions</h3>
            {provenance.length === 0 ? (
              <p className="hint">No sources or assumptions recorded.</p>
            ) : (
              <ul className="provenance" data-testid="provenance">
                {provenance.map((e, i) => (
                  <li key={i}>
                    <strong>{e.subject}</strong>
                    {e.provenance.sources?.map((s, k) => (
                      <blockquote key={k}>
                        “{s.quote}”{s.document ? <cite> — {doc?.documents.find((d) => d.id === s.document)?.title ?? s.document}</cite> : null}
                        {s.locator ? `, ${s.locator}` : ''}
                      </blockquote>
                    ))}
                    {e.provenance.assumption && <p className="assumption">Assumption: {e.provenance.assumption}</p>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </fieldset>
      )}
      <h3 id="ed-yaml">
        <label htmlFor="yaml-source">Scenario YAML</label>
      </h3>
      <YamlView ref={yaml} source={source} diagnostics={diagnostics} onSource={(t) => onSource(t, 'yaml')} />
    </section>
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
