// The texts of a scenario's source documents (docs/api.md, "Documents"): a built-in's own files,
// found when the server started, and texts attached to saved scenarios in the editor (Node only).
// A `path` written in an uploaded or stored scenario is never followed (see documents.ts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Store } from '../storage/store.ts';
import type { DocumentListingReply, DocumentsReply, DocumentTextReply } from './api-types.ts';
import { DOCUMENT_BODY_BYTES, DocumentRefusal, MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_PER_SCENARIO, readDocumentFile, textProblem } from './documents.ts';
import { TaskRefusal } from './task-errors.ts';

const documentParam = z.object({
  id: z.string().min(1).max(200),
  doc: z
    .string()
    .min(1)
    .max(200)
    .refine((d) => !/[/\\]/.test(d) && ![...d].some((c) => c.charCodeAt(0) < 32), 'a document id has no slashes or control characters'),
});
const scenarioParam = z.object({ id: z.string().min(1).max(200) });
const attachBody = z.object({ text: z.string(), fileName: z.string().max(300).optional() }).strict();

export interface DocumentRoutesOptions {
  readonly store: Store;
  /** The scenario with this id (built-in or stored); throws a 404 when unknown. */
  readonly find: (id: string) => { id: string; builtin: boolean };
  /** A built-in's document files (id → path), resolved when the server started; undefined for other scenarios. */
  readonly builtinDocuments: (id: string) => ReadonlyMap<string, string> | undefined;
  readonly parse: <T extends z.ZodType>(schema: T, value: unknown, what: string) => z.infer<T>;
}

export function registerDocumentRoutes(app: FastifyInstance, o: DocumentRoutesOptions): void {
  const { store, find, parse } = o;
  const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

  app.get('/api/scenarios/:id/documents', async (req): Promise<DocumentsReply> => {
    const { id } = parse(scenarioParam, req.params, 'scenario id');
    const s = find(id);
    const files = s.builtin ? [...(o.builtinDocuments(id) ?? new Map<string, string>()).keys()].map((d): DocumentListingReply => ({ documentId: d, origin: 'scenario-folder', bytes: null })) : [];
    const attached = s.builtin ? [] : store.listDocuments(id).map((d): DocumentListingReply => ({ documentId: d.documentId, origin: 'attached', bytes: d.bytes, ...(d.fileName !== undefined ? { fileName: d.fileName } : {}) }));
    return { documents: [...files, ...attached], maxBytes: MAX_DOCUMENT_BYTES, canAttach: !s.builtin };
  });

  app.get('/api/scenarios/:id/documents/:doc', async (req): Promise<DocumentTextReply> => {
    const { id, doc } = parse(documentParam, req.params, 'document id');
    const s = find(id);
    if (s.builtin) {
      // Only a path found from the trusted scenario file at start; the request names a document id, never a path.
      const path = o.builtinDocuments(id)?.get(doc);
      if (!path) throw new TaskRefusal(404, `the built-in scenario "${id}" has no document "${doc}" with a file`);
      try {
        const text = readDocumentFile(path);
        return { scenarioId: id, documentId: doc, origin: 'scenario-folder', bytes: bytes(text), text };
      } catch (e) {
        if (e instanceof DocumentRefusal) throw new TaskRefusal(e.status, `document "${doc}": ${e.message}`);
        throw e;
      }
    }
    const d = store.getDocument(id, doc);
    if (!d) throw new TaskRefusal(404, `no text is attached to document "${doc}" of this scenario; attach its text file in the editor`);
    return { scenarioId: id, documentId: doc, origin: 'attached', bytes: bytes(d.text), text: d.text, ...(d.fileName !== undefined ? { fileName: d.fileName } : {}) };
  });

  app.put('/api/scenarios/:id/documents/:doc', { bodyLimit: DOCUMENT_BODY_BYTES }, async (req): Promise<DocumentListingReply> => {
    const { id, doc } = parse(documentParam, req.params, 'document id');
    const body = parse(attachBody, req.body, 'document text');
    const s = find(id);
    if (s.builtin) throw new TaskRefusal(409, `"${id}" is a built-in scenario: its documents come from its folder; save a copy to attach texts`);
    const n = bytes(body.text);
    if (n > MAX_DOCUMENT_BYTES) throw new TaskRefusal(413, `the text is ${n} bytes; a document may hold at most ${MAX_DOCUMENT_BYTES} bytes`);
    const problem = textProblem(body.text);
    if (problem) throw new TaskRefusal(400, `the text cannot be attached: ${problem}`);
    if (!store.getDocument(id, doc) && store.listDocuments(id).length >= MAX_DOCUMENTS_PER_SCENARIO) {
      throw new TaskRefusal(409, `a scenario may have at most ${MAX_DOCUMENTS_PER_SCENARIO} attached texts; remove one first`);
    }
    const d = store.putDocument({ scenarioId: id, documentId: doc, text: body.text, ...(body.fileName !== undefined ? { fileName: body.fileName } : {}) });
    return { documentId: d.documentId, origin: 'attached', bytes: d.bytes, ...(d.fileName !== undefined ? { fileName: d.fileName } : {}) };
  });

  app.delete('/api/scenarios/:id/documents/:doc', async (req, reply) => {
    const { id, doc } = parse(documentParam, req.params, 'document id');
    find(id);
    if (!store.deleteDocument(id, doc)) throw new TaskRefusal(404, `no text is attached to document "${doc}"`);
    return reply.status(204).send();
  });
}
