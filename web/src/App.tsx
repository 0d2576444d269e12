import type { Scenario } from 'parley';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api, type ScenarioDetail, type ScenarioListing } from './api.ts';
import { diagnose } from './editor/doc-edit.ts';
import { Library } from './screens/Library.tsx';
import { Editor } from './screens/Editor.tsx';
import { Analysis } from './screens/Analysis.tsx';
import { WhatIf } from './screens/WhatIf.tsx';
import { Simulation } from './screens/Simulation.tsx';
import { Play } from './screens/Play.tsx';
import { Report } from './screens/Report.tsx';
import type { ScenarioRef } from './worker-protocol.ts';
import { participantsOf } from './screens/view-model.ts';
import { Guide } from './view/Guide.tsx';

const TABS = [
  ['library', 'Library'],
  ['editor', 'Editor'],
  ['analysis', 'Analysis'],
  ['what-if', 'What-if'],
  ['simulation', 'Simulation'],
  ['play', 'Play'],
  ['report', 'Report'],
] as const;
type Tab = (typeof TABS)[number][0];

const DEFAULT_SCENARIO = 'ceasefire';

export function App() {
  const [scenarios, setScenarios] = useState<ScenarioListing[]>([]);
  const [detail, setDetail] = useState<ScenarioDetail | null>(null);
  const [source, setSource] = useState('');
  const [tab, setTab] = useState<Tab>('analysis');
  const [error, setError] = useState<string | null>(null);
  const [lastGood, setLastGood] = useState<Scenario | null>(null);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const refresh = useCallback(async () => {
    const list = await api.list();
    setScenarios(list);
    return list;
  }, []);

  const open = useCallback(async (id: string) => {
    try {
      const d = await api.get(id);
      setDetail(d);
      setSource(d.source);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    refresh()
      .then((list) => {
        const first = list.find((s) => s.id === DEFAULT_SCENARIO) ?? list[0];
        if (first) return open(first.id);
      })
      .catch((e: unknown) => setError(`Cannot reach the server: ${e instanceof Error ? e.message : String(e)}`));
  }, [refresh, open]);

  const diagnosis = useMemo(() => diagnose(source, detail ? `${detail.id}.yaml` : 'scenario.yaml'), [source, detail]);
  // Forget the last good reading when another scenario opens (this runs first), then keep the newest good one.
  useEffect(() => setLastGood(null), [detail]);
  useEffect(() => {
    if (diagnosis.scenario) setLastGood(diagnosis.scenario);
  }, [diagnosis.scenario]);

  const scenario = diagnosis.scenario ?? lastGood;
  const scenarioRef: ScenarioRef | null = useMemo(() => (diagnosis.scenario ? { source } : null), [diagnosis.scenario, source]);
  const dirty = detail !== null && source !== detail.source;

  const save = async () => {
    if (!detail) return;
    const saved = detail.builtin ? await api.create(source) : await api.update(detail.id, source);
    await refresh();
    await open(saved.id);
  };

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const n = TABS.length;
    const next = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    setTab(TABS[next]![0]);
    tabRefs.current[next]?.focus();
  };

  return (
    <div className="app">
      <header>
        <h1>parley workbench</h1>
        <p className="current" data-testid="current-scenario">
          {detail ? (
            <>
              {scenario?.name ?? detail.name} <span className="hint">({detail.builtin ? 'built-in' : 'saved'}, {detail.format}{dirty ? ', edited' : ''})</span>
            </>
          ) : (
            'No scenario open'
          )}
        </p>
      </header>
      <nav>
        <div role="tablist" aria-label="Workbench screens">
          {TABS.map(([key, label], i) => (
            <button
              key={key}
              ref={(el) => {
                tabRefs.current[i] = el;
              }}
              role="tab"
              id={`tab-${key}`}
              aria-selected={tab === key}
              aria-controls={`panel-${key}`}
              tabIndex={tab === key ? 0 : -1}
              onClick={() => setTab(key)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {label}
            </button>
          ))}
        </div>
      </nav>
      <Guide go={(screen) => void (detail?.id === DEFAULT_SCENARIO ? Promise.resolve() : open(DEFAULT_SCENARIO)).then(() => setTab(screen as Tab))} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <main role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'library' && (
          <Library
            scenarios={scenarios}
            currentId={detail?.id ?? null}
            onOpen={(id) => {
              void open(id).then(() => setTab('analysis'));
            }}
            onChanged={(openId) => {
              void refresh().then(() => (openId ? open(openId) : undefined));
            }}
          />
        )}
        {tab === 'editor' && detail && <Editor source={source} diagnostics={diagnosis.diagnostics} scenario={scenario} builtin={detail.builtin} dirty={dirty} onSource={setSource} onSave={save} />}
        {tab !== 'library' && tab !== 'editor' && !scenarioRef && detail && (
          <p role="alert" className="error">
            The scenario has {diagnosis.diagnostics.length} problem(s); fix them in the editor first.
          </p>
        )}
        {tab === 'analysis' && scenario && scenarioRef && <Analysis scenario={scenario} scenarioRef={scenarioRef} />}
        {tab === 'what-if' && scenario && scenarioRef && <WhatIf scenario={scenario} scenarioRef={scenarioRef} />}
        {tab === 'simulation' && scenario && scenarioRef && detail && <Simulation scenario={scenario} scenarioRef={scenarioRef} scenarioId={detail.id} />}
        {tab === 'play' && detail && scenarioRef && <Play scenarioId={detail.id} dirty={dirty} participants={scenario ? playSeats(scenario) : []} savedSource={detail.source} />}
        {tab === 'report' && scenario && scenarioRef && <Report scenario={scenario} scenarioRef={scenarioRef} />}
      </main>
    </div>
  );
}

/** Seats a person can take: parties with preferences that vote on the agreement (names only — no preferences). */
function playSeats(s: Scenario): { id: string; name: string }[] {
  const ids = participantsOf(s);
  return s.parties.filter((p) => ids.includes(p.id) && p.preferences).map((p) => ({ id: p.id, name: p.name }));
}
