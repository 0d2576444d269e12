import { formatDiagnostic } from 'parley';
import type { Diagnostic } from 'parley';
import { strToU8, zipSync } from 'fflate';
import { useRef, useState } from 'react';
import { api, ApiError, downloadBytes, type ScenarioListing } from '../api.ts';
import { scenarioFiles } from './upload-files.ts';
import { DEFAULT_LIMITS, fileBaseName, mib, uploadProblem, withServerLimit } from './upload-limits.ts';

/** The server's request-body limit (from /api/health), once per page; undefined when it does not say. */
let bodyLimit: Promise<number | undefined> | undefined;
function serverBodyLimit(): Promise<number | undefined> {
  bodyLimit ??= fetch('api/health')
    .then((r) => r.json() as Promise<{ limits?: { bodyBytes?: number } }>)
    .then((h) => h.limits?.bodyBytes)
    .catch(() => undefined);
  return bodyLimit;
}

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
  const [exportNotes, setExportNotes] = useState<{ name: string; files: number; notes: readonly string[] } | null>(null);

  const upload = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setBusy(true);
    setMessage(null);
    setProblems([]);
    try {
      // Which files, and whether they fit, is known from names and sizes: check before reading a byte.
      const picked = scenarioFiles([...files].map((file) => ({ path: file.webkitRelativePath || file.name, file })));
      const tooBig = uploadProblem(
        picked.map((f) => ({ name: f.path, size: f.file.size })),
        withServerLimit(DEFAULT_LIMITS, await serverBodyLimit()),
      );
      if (tooBig) {
        setMessage(`Import refused: ${tooBig}`);
        return;
      }
      const total = picked.reduce((n, f) => n + f.file.size, 0);
      setMessage(`Reading and sending ${picked.length} file${picked.length === 1 ? '' : 's'} (${mib(total)})…`);
      const list = await Promise.all(picked.map(async (f) => ({ path: f.path, text: await f.file.text() })));
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

  /** GENIUS export: one zip named after the scenario, and what GENIUS cannot hold said on screen. */
  const exportGenius = async (s: ScenarioListing) => {
    setMessage(null);
    setProblems([]);
    setExportNotes(null);
    const res = await fetch(api.exportUrl(s.id, 'genius'));
    const body = (await res.json()) as { files?: { path: string; text: string }[]; notes?: string[]; error?: string; diagnostics?: Diagnostic[] };
    if (!res.ok || !body.files) {
      setMessage(`GENIUS export failed: ${body.error ?? res.status}`);
      setProblems(body.diagnostics ?? []);
      return;
    }
    const name = `${fileBaseName(s.name)}-genius.zip`;
    const zip = zipSync(Object.fromEntries(body.files.map((f) => [f.path, strToU8(f.text)])), { level: 6 });
    downloadBytes(name, zip, 'application/zip');
    setExportNotes({ name, files: body.files.length, notes: body.notes ?? [] });
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
      {exportNotes && (
        <div role="status" data-testid="export-notes" className={exportNotes.notes.length ? 'warnings' : undefined}>
          <p>
            Downloaded {exportNotes.name} ({exportNotes.files} GENIUS files).
            {exportNotes.notes.length > 0 ? ' GENIUS cannot hold everything in this scenario; the export leaves out:' : ' Nothing was left out.'}
          </p>
          {exportNotes.notes.length > 0 && (
            <ul>
              {exportNotes.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          )}
        </div>
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
