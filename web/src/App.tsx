import { applyVariant } from 'parley';
import type { Scenario } from 'parley';
import { Fragment, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { api, type ScenarioDetail, type ScenarioListing } from './api.ts';
import { diagnose, setText, type Diagnosis } from './editor/doc-edit.ts';
import { formatRoute, parseRoute, sameRoute, type Route } from './route.ts';
import { Library } from './screens/Library.tsx';
import { Editor } from './screens/Editor.tsx';
import { Analysis } from './screens/Analysis.tsx';
import { WhatIf } from './screens/WhatIf.tsx';
import { Simulation } from './screens/Simulation.tsx';
import { Play } from './screens/Play.tsx';
import { Report } from './screens/Report.tsx';
import { Tournament } from './screens/Tournament.tsx';
import { LiveCreate } from './screens/LiveCreate.tsx';
import type { ScenarioRef } from './worker-protocol.ts';
import { useWorkspace, type DraftStatus } from './workspace.ts';
import { copyDocumentTexts } from './editor/document-texts.ts';
import { participantsOf } from './screens/view-model.ts';
import { Guide } from './view/Guide.tsx';

/** What every screen may use: the open scenario as the screens see it, and the app's actions. */
export interface ScreenContext {
  readonly scenarios: readonly ScenarioListing[];
  readonly detail: ScenarioDetail | null;
  /** The text being edited (the draft). */
  readonly source: string;
  readonly diagnosis: Diagnosis;
  /** The scenario with the chosen variant applied: the current text's, or the last good one's while the text has errors. */
  readonly scenario: Scenario;
  /** The same without the variant. */
  readonly base: Scenario;
  readonly scenarioRef: ScenarioRef;
  readonly baseRef: ScenarioRef;
  /** The results are from the last good text: the current one has errors. */
  readonly stale: boolean;
  readonly dirty: boolean;
  readonly route: Route;
  readonly navigate: (to: Partial<Route>) => void;
  /** Replaces the text; `key` names the field typed in (its keystrokes make one undo step). */
  readonly setSource: (source: string, key?: string) => void;
  readonly undo: () => void;
  readonly redo: () => void;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly draft: DraftStatus;
  readonly save: () => Promise<void>;
  /** Drops the edits (asks first). */
  readonly revert: () => void;
  readonly refresh: () => Promise<ScenarioListing[]>;
}

/** One screen: its key (in the URL), tab label, and what it shows. `scenario`: it needs a scenario that reads. */
interface ScreenEntry {
  readonly key: string;
  readonly label: string;
  readonly needs: 'nothing' | 'detail' | 'scenario';
  readonly render: (c: ScreenContext) => ReactNode;
}

// The route table: add a screen with one line (its key is its address: #/<key>?scenario=…).
const SCREENS: readonly ScreenEntry[] = [
  { key: 'library', label: 'Library', needs: 'nothing', render: (c) => <Library scenarios={c.scenarios} currentId={c.detail?.id ?? null} onOpen={(id) => c.navigate({ scenario: id, screen: 'analysis', variant: undefined })} onChanged={(id) => void c.refresh().then(() => id && c.navigate({ scenario: id }))} /> },
  { key: 'editor', label: 'Editor', needs: 'detail', render: (c) => <Editor scenarioId={c.detail!.id} source={c.source} diagnostics={c.diagnosis.diagnostics} scenario={c.diagnosis.scenario ?? c.base ?? null} builtin={c.detail!.builtin} dirty={c.dirty} onSource={c.setSource} onSave={c.save} onRevert={c.revert} onUndo={c.undo} onRedo={c.redo} canUndo={c.canUndo} canRedo={c.canRedo} draft={c.draft} /> },
  { key: 'analysis', label: 'Analysis', needs: 'scenario', render: (c) => <Analysis scenario={c.scenario} scenarioRef={c.scenarioRef} /> },
  { key: 'what-if', label: 'What-if', needs: 'scenario', render: (c) => <WhatIf scenario={c.base} scenarioRef={c.baseRef} /> },
  { key: 'simulation', label: 'Simulation', needs: 'scenario', render: (c) => <Simulation scenario={c.scenario} scenarioRef={c.scenarioRef} scenarioId={c.detail!.id} /> },
  { key: 'play', label: 'Play', needs: 'scenario', render: (c) => <Play scenarioId={c.detail!.id} dirty={c.dirty} participants={playSeats(c.scenario)} savedSource={c.detail!.source} /> },
  { key: 'live', label: 'Live', needs: 'scenario', render: (c) => <LiveCreate scenarioId={c.detail!.id} variant={c.route.variant} scenario={c.scenario} dirty={c.dirty} /> },
  { key: 'tournament', label: 'Tournament', needs: 'nothing', render: (c) => <Tournament scenarios={c.scenarios} /> },
  { key: 'report', label: 'Report', needs: 'scenario', render: (c) => <Report scenario={c.scenario} scenarioRef={c.scenarioRef} /> },
];
const SCREEN_KEYS = SCREENS.map((s) => s.key);
const DEFAULT_SCREEN = 'analysis';
const DEFAULT_SCENARIO = 'ceasefire';
const LAST_SCENARIO_KEY = 'parley.lastScenario';

const readRoute = (): Route => parseRoute(window.location.hash, SCREEN_KEYS, DEFAULT_SCREEN);

/** The route in the location hash, kept in step with the back and forward buttons. */
function useRoute(): [Route, (to: Partial<Route>, replace?: boolean) => void] {
  const [route, setRoute] = useState<Route>(readRoute);
  useEffect(() => {
    const onChange = () => setRoute((r) => (sameRoute(r, readRoute()) ? r : readRoute()));
    window.addEventListener('hashchange', onChange);
    window.addEventListener('popstate', onChange);
    return () => {
      window.removeEventListener('hashchange', onChange);
      window.removeEventListener('popstate', onChange);
    };
  }, []);
  const navigate = useCallback((to: Partial<Route>, replace = false) => {
    const current = readRoute();
    const merged = { ...current, ...to };
    const next = parseRoute(formatRoute(merged), SCREEN_KEYS, DEFAULT_SCREEN);
    if (sameRoute(current, next) && window.location.hash !== '') return;
    if (replace) window.history.replaceState(window.history.state, '', formatRoute(next));
    else window.history.pushState(null, '', formatRoute(next));
    setRoute(next);
  }, []);
  return [route, navigate];
}

export function App() {
  const [route, navigate] = useRoute();
  const [scenarios, setScenarios] = useState<ScenarioListing[]>([]);
  const [error, setError] = useState<string | null>(null);
  const work = useWorkspace(setError);
  const { detail, source, dirty, open, setSource } = work;
  const [lastGood, setLastGood] = useState<{ scenario: Scenario; source: string } | null>(null);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const refresh = useCallback(async () => {
    const list = await api.list();
    setScenarios(list);
    return list;
  }, []);

  useEffect(() => {
    refresh().catch((e: unknown) => setError(`Cannot reach the server: ${e instanceof Error ? e.message : String(e)}`));
  }, [refresh]);

  // The URL says which scenario is open; without one, the last opened (or the built-in ceasefire).
  useEffect(() => {
    if (route.scenario === undefined) {
      navigate({ scenario: lastOpened() ?? DEFAULT_SCENARIO }, true);
      return;
    }
    if (route.scenario !== detail?.id) {
      rememberOpened(route.scenario);
      void open(route.scenario);
    }
  }, [route.scenario, detail?.id, navigate, open]);

  const diagnosis = useMemo(() => diagnose(source, detail ? `${detail.id}.yaml` : 'scenario.yaml'), [source, detail]);
  // Forget the last good reading when another scenario opens (this runs first), then keep the newest good one.
  useEffect(() => setLastGood(null), [detail]);
  useEffect(() => {
    if (diagnosis.scenario) setLastGood({ scenario: diagnosis.scenario, source });
  }, [diagnosis.scenario, source]);

  const good = useMemo(() => (diagnosis.scenario ? { scenario: diagnosis.scenario, source } : lastGood), [diagnosis.scenario, source, lastGood]);
  const stale = !diagnosis.scenario && good !== null;
  const variantIds = good?.scenario.variants?.map((v) => v.id) ?? [];
  const variant = route.variant && variantIds.includes(route.variant) ? route.variant : undefined;
  const view = useMemo(() => {
    if (!good) return null;
    const baseRef: ScenarioRef = { source: good.source };
    if (!variant) return { base: good.scenario, scenario: good.scenario, baseRef, scenarioRef: baseRef, variantError: null };
    try {
      return { base: good.scenario, scenario: applyVariant(good.scenario, variant), baseRef, scenarioRef: { source: good.source, variant }, variantError: null };
    } catch (e) {
      return { base: good.scenario, scenario: good.scenario, baseRef, scenarioRef: baseRef, variantError: e instanceof Error ? e.message : String(e) };
    }
  }, [good, variant]);

  const save = async () => {
    if (!detail) return;
    // A copy gets a name of its own, so that the Library does not list two scenarios by one name.
    const name = diagnosis.scenario?.name;
    const taken = new Set(scenarios.map((x) => x.name));
    const text = detail.builtin && name && taken.has(name) ? setText(source, ['name'], copyName(name, taken), { required: true }) : source;
    const saved = detail.builtin ? await api.create(text) : await api.update(detail.id, text);
    // A copy of a built-in keeps its documents' texts (attached to the copy), to pick quotes from.
    if (detail.builtin) await copyDocumentTexts(detail.id, saved.id);
    await work.saved(detail.id);
    await refresh();
    if (saved.id !== detail.id) navigate({ scenario: saved.id });
    else await open(saved.id);
  };

  const revert = () => {
    if (!detail || !window.confirm('Discard your changes to this scenario? (Ctrl+Z brings them back.)')) return;
    setSource(detail.source);
  };

  // Undo and redo on the editor screen: Ctrl+Z, Ctrl+Shift+Z (or Ctrl+Y); ⌘ on a Mac.
  const { undo, redo } = work;
  const onEditor = route.screen === 'editor';
  useEffect(() => {
    if (!onEditor) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const k = e.key.toLowerCase();
      if (k !== 'z' && k !== 'y') return;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('input, textarea, select, [contenteditable]') && !target.closest('[data-undo-scope]')) return;
      e.preventDefault();
      // A field being typed in shows the text as typed: leave it, so it shows the restored value.
      if (document.activeElement instanceof HTMLInputElement) document.activeElement.blur();
      if (k === 'y' || e.shiftKey) redo();
      else undo();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onEditor, undo, redo]);

  // Leaving the page with unsaved changes: the browser asks first (the draft is kept either way).
  const { keepLocally } = work;
  useEffect(() => {
    if (!dirty) return;
    const onLeave = (e: BeforeUnloadEvent) => {
      keepLocally();
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [dirty, keepLocally]);

  const screen = SCREENS.find((s) => s.key === route.screen) ?? SCREENS[0]!;
  const tab = screen.key;
  const goTo = (key: string) => navigate({ screen: key });

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const n = SCREENS.length;
    const next = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    goTo(SCREENS[next]!.key);
    tabRefs.current[next]?.focus();
  };

  const context: ScreenContext | null =
    view && detail
      ? { scenarios, detail, source, diagnosis, ...view, stale, dirty, route, navigate, setSource, save, revert, refresh, undo, redo, canUndo: work.canUndo, canRedo: work.canRedo, draft: work.draft }
      : null;
  const shown = (() => {
    if (screen.needs === 'nothing') return screen.render(context ?? ({ scenarios, detail, route, navigate, refresh } as unknown as ScreenContext));
    if (!detail) return null;
    if (screen.needs === 'detail' && !context) {
      // The editor opens even when the text never read: it shows the problems.
      return screen.render({ scenarios, detail, source, diagnosis, stale: false, dirty, route, navigate, setSource, save, revert, refresh, undo, redo, canUndo: work.canUndo, canRedo: work.canRedo, draft: work.draft } as unknown as ScreenContext);
    }
    if (!context) {
      return (
        <p role="alert" className="error" data-testid="no-results">
          The scenario has {plural(diagnosis.diagnostics.length, 'problem')} and has not read without errors since it was opened;{' '}
          <a href={formatRoute({ ...route, screen: 'editor' })}>fix them in the editor</a>.
        </p>
      );
    }
    return screen.render(context);
  })();

  return (
    <div className="app">
      <header>
        <h1>parley workbench</h1>
        <p className="current" data-testid="current-scenario">
          {detail ? (
            <>
              {good?.scenario.name ?? detail.name} <span className="hint">({detail.builtin ? 'built-in' : 'saved'}, {detail.format}{dirty ? ', edited' : ''})</span>
            </>
          ) : (
            'No scenario open'
          )}
        </p>
        {variantIds.length > 0 && (
          <label className="variant-picker">
            Variant{' '}
            <select aria-label="Variant shown on every screen" value={variant ?? ''} onChange={(e) => navigate({ variant: e.target.value || undefined })}>
              <option value="">base scenario</option>
              {variantIds.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      <nav>
        <div role="tablist" aria-label="Workbench screens">
          {SCREENS.map(({ key, label }, i) => (
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
              onClick={() => goTo(key)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {label}
            </button>
          ))}
        </div>
      </nav>
      <Guide go={(screen) => navigate({ scenario: DEFAULT_SCENARIO, screen, ...(detail?.id === DEFAULT_SCENARIO ? {} : { variant: undefined }) })} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {view?.variantError && (
        <p role="alert" className="error">
          Variant “{variant}” cannot be applied: {view.variantError}
        </p>
      )}
      <main role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {stale && screen.needs === 'scenario' && (
          <p role="status" className="stale" data-testid="stale-banner">
            Stale results: the scenario has {plural(diagnosis.diagnostics.length, 'problem')}, so this screen shows the last version that read without errors.{' '}
            <a href={formatRoute({ ...route, screen: 'editor' })}>Fix them in the editor</a>.
          </p>
        )}
        {/* A scenario's screen starts afresh for another scenario or variant (its state belongs to the one it was opened on). */}
        <Fragment key={screen.needs === 'nothing' ? '' : `${detail?.id ?? ''}\u0000${variant ?? ''}`}>{shown}</Fragment>
      </main>
    </div>
  );
}

/** "Name (copy)", or "Name (copy 2)"… when that is taken too. */
function copyName(name: string, taken: ReadonlySet<string>): string {
  let candidate = `${name} (copy)`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name} (copy ${n})`;
  return candidate;
}

function rememberOpened(id: string): void {
  try {
    window.localStorage.setItem(LAST_SCENARIO_KEY, id);
  } catch {
    // storage may be off: the URL still says which scenario is open
  }
}

function lastOpened(): string | null {
  try {
    return window.localStorage.getItem(LAST_SCENARIO_KEY);
  } catch {
    return null; // storage may be off: the URL still says which scenario is open
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Seats a person can take: parties with preferences that vote on the agreement (names only — no preferences). */
function playSeats(s: Scenario): { id: string; name: string }[] {
  const ids = participantsOf(s);
  return s.parties.filter((p) => ids.includes(p.id) && p.preferences).map((p) => ({ id: p.id, name: p.name }));
}
