import { formatDiagnostic } from 'parley';
import type { Diagnostic } from 'parley';
import { useRef, useState } from 'react';
import { api, ApiError, download, type ScenarioListing } from '../api.ts';
import { scenarioFiles } from './upload-files.ts';

export interface LibraryProps {
  readonly scenarios: readonly ScenarioListing[];
  readonly currentId: string | null;
  readonly onOpen: (id: string) => void;
  readonly onChanged: (openId?: string) => void;
}

export function Library({ scenarios, currentId, onOpen, onChanged }: LibraryProps) {
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [problems, setProblems] = useState<readonly Diagnostic[]>([]);
  const [busy, setBusy] = useState(false);

  const upload = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setBusy(true);
    setMessage(null);
    setProblems([]);
    try {
      const list = scenarioFiles(await Promise.all([...files].map(async (f) => ({ path: f.webkitRelativePath || f.name, text: await f.text() }))));
      const r = await api.import(list);
      setMessage(`Imported “${r.name}” (${r.format})${r.skipped.length ? `; skipped ${r.skipped.map((s) => s.file).join(', ')}` : ''}.`);
      onChanged(r.id);
    } catch (e) {
      setMessage(e instanceof Error ? `Import failed: ${e.message}` : 'Import failed');
      if (e instanceof ApiError) setProblems(e.diagnostics);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
      if (folderInput.current) folderInput.current.value = '';
    }
  };

  const exportGenius = async (s: ScenarioListing) => {
    const res = await fetch(api.exportUrl(s.id, 'genius'));
    const body = (await res.json()) as { files?: { path: string; text: string }[]; error?: string; diagnostics?: Diagnostic[] };
    if (!res.ok || !body.files) {
      setMessage(`GENIUS export failed: ${body.error ?? res.status}`);
      setProblems(body.diagnostics ?? []);
      return;
    }
    for (const f of body.files) download(f.path, f.text, 'application/xml');
  };

  const remove = async (s: ScenarioListing) => {
    if (!window.confirm(`Delete “${s.name}” with its variants and runs?`)) return;
    await api.remove(s.id);
    onChanged();
  };

  return (
    <section aria-labelledby="library-title">
      <h2 id="library-title">Scenario library</h2>
      <div className="row">
        <label className="button">
          Import files…
          <input
            ref={input}
            type="file"
            multiple
            disabled={busy}
            data-testid="import-files"
            aria-describedby="import-help"
            onChange={(e) => void upload(e.target.files)}
          />
        </label>
        <label className="button">
          Import a folder…
          <input ref={folderInput} type="file" disabled={busy} aria-describedby="import-help" {...{ webkitdirectory: '' }} onChange={(e) => void upload(e.target.files)} />
        </label>
        <span id="import-help" className="hint">
          A parley YAML/JSON file, or a scenario's files together: GENIUS domain + profiles (XML), GeniusWeb (JSON), NegMAS (YAML), LLM-Deliberation.
        </span>
      </div>
      {message && (
        <p role="status" data-testid="import-message">
          {message}
        </p>
      )}
      {problems.length > 0 && (
        <ul className="diagnostics" role="alert">
          {problems.map((d, i) => (
            <li key={i}>{formatDiagnostic(d)}</li>
          ))}
        </ul>
      )}
      <table data-testid="scenario-table">
        <caption>Scenarios (built-in ones are read-only; edits are saved as a copy)</caption>
        <thead>
          <tr>
            <th scope="col">name</th>
            <th scope="col">format</th>
            <th scope="col">kind</th>
            <th scope="col">actions</th>
          </tr>
        </thead>
        <tbody>
          {scenarios.map((s) => (
            <tr key={s.id} aria-current={s.id === currentId ? 'true' : undefined}>
              <th scope="row">{s.name}</th>
              <td>{s.format}</td>
              <td>{s.builtin ? 'built-in' : 'saved'}</td>
              <td className="actions">
                <button type="button" onClick={() => onOpen(s.id)} aria-label={`Open ${s.name}`}>
                  Open
                </button>
                <a href={api.exportUrl(s.id, 'yaml')} download aria-label={`Export ${s.name} as YAML`}>
                  YAML
                </a>
                <a href={api.exportUrl(s.id, 'json')} download aria-label={`Export ${s.name} as JSON`}>
                  JSON
                </a>
                <button type="button" onClick={() => void exportGenius(s)} aria-label={`Export ${s.name} as GENIUS XML`}>
                  GENIUS
                </button>
                {!s.builtin && (
                  <button type="button" onClick={() => void remove(s)} aria-label={`Delete ${s.name}`}>
                    Delete
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
