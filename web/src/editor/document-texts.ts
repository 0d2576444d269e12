// The texts of the open scenario's documents, as the server holds them (a built-in's own files,
// or texts attached to a saved scenario), loaded when first needed and kept for the session.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type DocumentListingReply } from '../api.ts';
import { mib } from '../screens/upload-limits.ts';

export interface DocumentTexts {
  /** The documents with a text on the server, by id. */
  readonly available: ReadonlyMap<string, DocumentListingReply>;
  /** Texts can be attached (a saved scenario; a built-in's come from its folder). */
  readonly canAttach: boolean;
  /** The largest text (UTF-8 bytes). */
  readonly maxBytes: number;
  /** The text of a document (fetched once). */
  readonly load: (documentId: string) => Promise<string>;
  /** Attaches a text file to a document, after checking its size before reading it. */
  readonly attach: (documentId: string, file: File) => Promise<void>;
  readonly remove: (documentId: string) => Promise<void>;
}

const FALLBACK_MAX = 1024 * 1024;

/** Why a file cannot be attached as a document's text (checked before reading a byte), or null. */
export function attachProblem(file: { readonly name: string; readonly size: number }, maxBytes: number): string | null {
  if (file.size > maxBytes) return `“${file.name}” is ${mib(file.size)}: a document's text may be at most ${mib(maxBytes)}. Nothing was sent.`;
  return null;
}

export function useDocumentTexts(scenarioId: string): DocumentTexts {
  const [available, setAvailable] = useState<ReadonlyMap<string, DocumentListingReply>>(new Map());
  const [canAttach, setCanAttach] = useState(false);
  const [maxBytes, setMaxBytes] = useState(FALLBACK_MAX);
  const texts = useRef(new Map<string, Promise<string>>());

  const refresh = useCallback(async () => {
    try {
      const r = await api.documents(scenarioId);
      setAvailable(new Map(r.documents.map((d) => [d.documentId, d])));
      setCanAttach(r.canAttach);
      setMaxBytes(r.maxBytes);
    } catch {
      setAvailable(new Map());
    }
  }, [scenarioId]);

  useEffect(() => {
    texts.current = new Map();
    void refresh();
  }, [refresh]);

  const load = useCallback(
    (documentId: string) => {
      let p = texts.current.get(documentId);
      if (!p) {
        p = api.documentText(scenarioId, documentId).then((r) => r.text);
        p.catch(() => texts.current.delete(documentId));
        texts.current.set(documentId, p);
      }
      return p;
    },
    [scenarioId],
  );

  const attach = useCallback(
    async (documentId: string, file: File) => {
      const problem = attachProblem(file, maxBytes);
      if (problem) throw new Error(problem);
      const text = await file.text();
      await api.attachDocument(scenarioId, documentId, { text, fileName: file.name });
      texts.current.delete(documentId);
      await refresh();
    },
    [scenarioId, maxBytes, refresh],
  );

  const remove = useCallback(
    async (documentId: string) => {
      await api.removeDocument(scenarioId, documentId);
      texts.current.delete(documentId);
      await refresh();
    },
    [scenarioId, refresh],
  );

  return { available, canAttach, maxBytes, load, attach, remove };
}

/**
 * Copies the texts the server holds for one scenario's documents to another (a built-in saved as a
 * copy keeps its documents' texts, as attachments). Best effort: returns the ids that failed.
 */
export async function copyDocumentTexts(fromId: string, toId: string): Promise<string[]> {
  const failed: string[] = [];
  let listing;
  try {
    listing = await api.documents(fromId);
  } catch {
    return failed;
  }
  for (const d of listing.documents) {
    try {
      const t = await api.documentText(fromId, d.documentId);
      await api.attachDocument(toId, d.documentId, { text: t.text, ...(t.fileName !== undefined ? { fileName: t.fileName } : {}) });
    } catch {
      failed.push(d.documentId);
    }
  }
  return failed;
}
