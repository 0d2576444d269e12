import type { Scenario } from 'parley';
import { useState } from 'react';
import { download } from '../api.ts';
import { engine } from '../worker-client.ts';
import type { ScenarioRef } from '../worker-protocol.ts';

export function Report({ scenario, scenarioRef }: { scenario: Scenario; scenarioRef: ScenarioRef }) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const make = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await engine().request<{ html: string; fileName: string }>({ type: 'report', scenario: scenarioRef, seed: 1 });
      download(r.fileName, r.html, 'text/html');
      setDone(`Exported ${r.fileName} (${(r.html.length / 1024).toFixed(0)} KiB).`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="report-title">
      <h2 id="report-title">Report</h2>
      <p>
        A self-contained HTML report of “{scenario.name}”: the scenario with every source and assumption, the analysis and its plot, the questions the scenario declares, rule comparison and sensitivity.
      </p>
      <button type="button" onClick={() => void make()} disabled={busy}>
        {busy ? 'Writing the report…' : 'Export the HTML report'}
      </button>
      {done && (
        <p role="status" data-testid="report-status">
          {done}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
