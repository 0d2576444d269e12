// The open scenario and its text: undo and redo over every edit, and drafts that autosave to the
// server (or to this browser while the server cannot be reached) and come back after a reload.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type ScenarioDetail } from './api.ts';
import { record, redo as redoStep, startHistory, undo as undoStep, type History } from './editor/history.ts';

/** Where the unsaved edits are kept. */
export interface DraftStatus {
  readonly state: 'none' | 'pending' | 'saved' | 'local';
  /** When the draft was last written (ISO). */
  readonly at?: string;
  /** Set when the open text is a draft found on opening (after a reload, say). */
  readonly restored?: { readonly from: 'server' | 'browser'; readonly at: string };
}

/** Quiet time (ms) after an edit before the draft is written. */
export const DRAFT_DELAY_MS = 600;

const localKey = (id: string) => `parley.draft.${id}`;

function readLocal(id: string): { source: string; at: string } | null {
  try {
    const raw = window.localStorage.getItem(localKey(id));
    const v = raw ? (JSON.parse(raw) as { source?: unknown; at?: unknown }) : null;
    return v && typeof v.source === 'string' && typeof v.at === 'string' ? { source: v.source, at: v.at } : null;
  } catch {
    return null;
  }
}

function writeLocal(id: string, source: string): boolean {
  try {
    window.localStorage.setItem(localKey(id), JSON.stringify({ source, at: new Date().toISOString() }));
    return true;
  } catch {
    return false; // storage off or full
  }
}

function dropLocal(id: string): void {
  try {
    window.localStorage.removeItem(localKey(id));
  } catch {
    // nothing kept
  }
}

export function useWorkspace(onError: (message: string | null) => void) {
  const [detail, setDetail] = useState<ScenarioDetail | null>(null);
  const [history, setHistory] = useState<History>(() => startHistory(''));
  const [draft, setDraft] = useState<DraftStatus>({ state: 'none' });
  const pending = useRef<{ id: string; source: string } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const hasDraft = useRef(false);

  /** Writes the pending draft now: to the server, or to this browser when the server refuses or cannot be reached. */
  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const p = pending.current;
    if (!p) return;
    pending.current = null;
    try {
      const r = await api.putDraft(p.id, p.source);
      dropLocal(p.id);
      setDraft((d) => ({ ...d, state: 'saved', at: r.updatedAt }));
    } catch {
      if (writeLocal(p.id, p.source)) setDraft((d) => ({ ...d, state: 'local', at: new Date().toISOString() }));
    }
  }, []);

  /** Forgets the pending draft (the text was saved or discarded). */
  const cancelPending = useCallback(() => {
    clearTimeout(timer.current);
    pending.current = null;
  }, []);

  const open = useCallback(
    async (id: string) => {
      await flush();
      try {
        const [d, serverDraft] = await Promise.all([api.get(id), api.getDraft(id).catch(() => null)]);
        const local = readLocal(id);
        const candidates = [
          ...(serverDraft ? [{ source: serverDraft.source, at: serverDraft.updatedAt, from: 'server' as const }] : []),
          ...(local ? [{ source: local.source, at: local.at, from: 'browser' as const }] : []),
        ]
          .filter((c) => c.source !== d.source)
          .sort((a, b) => b.at.localeCompare(a.at));
        const found = candidates[0];
        hasDraft.current = serverDraft !== null || local !== null;
        setDetail(d);
        setHistory(found ? { past: [d.source], present: found.source, future: [] } : startHistory(d.source));
        setDraft(found ? { state: found.from === 'server' ? 'saved' : 'local', at: found.at, restored: { from: found.from, at: found.at } } : { state: 'none' });
        onError(null);
      } catch (e) {
        onError(`Cannot open scenario “${id}”: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    [flush, onError],
  );

  const source = history.present;
  const dirty = detail !== null && source !== detail.source;

  // Autosave: a draft while the text differs from the saved one; none once it is the same again.
  useEffect(() => {
    if (!detail) return;
    if (source === detail.source) {
      cancelPending();
      if (hasDraft.current) {
        hasDraft.current = false;
        dropLocal(detail.id);
        void api.deleteDraft(detail.id).catch(() => undefined);
      }
      setDraft({ state: 'none' });
      return;
    }
    pending.current = { id: detail.id, source };
    hasDraft.current = true;
    setDraft((d) => ({ ...d, state: 'pending' }));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), DRAFT_DELAY_MS);
  }, [source, detail, flush, cancelPending]);

  // Leaving the page: a draft not yet written is kept in this browser.
  useEffect(() => {
    const onHide = () => {
      const p = pending.current;
      if (p) writeLocal(p.id, p.source);
    };
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, []);

  const setSource = useCallback((next: string, key?: string) => setHistory((h) => record(h, next, key)), []);
  const undo = useCallback(() => setHistory(undoStep), []);
  const redo = useCallback(() => setHistory(redoStep), []);

  /** After a save: the draft of `id` is gone (the saved text is the scenario now). */
  const saved = useCallback(
    async (id: string) => {
      cancelPending();
      hasDraft.current = false;
      dropLocal(id);
      await api.deleteDraft(id).catch(() => undefined);
    },
    [cancelPending],
  );

  return {
    detail,
    source,
    dirty,
    draft,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    open,
    setSource,
    undo,
    redo,
    saved,
    flush,
    /** Keeps the pending draft in this browser now (the page is being left). */
    keepLocally: () => {
      const p = pending.current;
      if (p) writeLocal(p.id, p.source);
    },
  };
}
