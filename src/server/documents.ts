// The texts of a scenario's source documents, for the editor to pick quotes from (Node only).
//
// Two places, never a third:
// - a built-in scenario's documents: the files its `documents[].path` names, resolved once when the
//   server starts from the scenario file in the trusted scenarios folder (builtins.ts,
//   documentPaths); read here with a size limit, text only;
// - any scenario's attached texts: uploaded by the user in the editor and kept in the store
//   (table scenario_documents, migration 6).
// A `path` written in an uploaded or stored scenario is never followed: it would let whoever
// uploads a scenario read any file the server can (a file-read hole). docs/api.md, "Documents".
import { openSync, closeSync, fstatSync, readSync } from 'node:fs';

/** The largest document text served or attached (UTF-8 bytes). */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;
/** The largest body of an attachment request (JSON escapes can make a text longer). */
export const DOCUMENT_BODY_BYTES = 4 * MAX_DOCUMENT_BYTES;
/** The most texts one scenario may have attached. */
export const MAX_DOCUMENTS_PER_SCENARIO = 50;

/** Why a document's text cannot be served: its status and the reason in words. */
export class DocumentRefusal extends Error {
  constructor(
    readonly status: 404 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** Why a text is not one the editor can show (null when it is fine): NUL bytes mean a binary file. */
export function textProblem(text: string): string | null {
  return text.includes('\u0000') ? 'it is not a text file (it holds NUL bytes)' : null;
}

/**
 * The text of a trusted document file: at most `maxBytes` (checked on the open file before
 * reading), valid UTF-8 (a leading byte-order mark dropped), no NUL bytes.
 */
export function readDocumentFile(path: string, maxBytes = MAX_DOCUMENT_BYTES): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new DocumentRefusal(404, 'the document file cannot be found');
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new DocumentRefusal(404, 'the document path is not a file');
    if (st.size > maxBytes) throw new DocumentRefusal(413, `the document is ${st.size} bytes; the workbench shows documents of at most ${maxBytes} bytes`);
    // Read at most maxBytes + 1, so a file that grew since fstat is still caught.
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const k = readSync(fd, buf, n, buf.length - n, null);
      if (k === 0) break;
      n += k;
      if (n === buf.length) break;
    }
    if (n > maxBytes) throw new DocumentRefusal(413, `the document is larger than ${maxBytes} bytes`);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf.subarray(0, n));
    } catch {
      throw new DocumentRefusal(415, 'the document is not a UTF-8 text file');
    }
    const problem = textProblem(text);
    if (problem) throw new DocumentRefusal(415, `the document cannot be shown: ${problem}`);
    return text;
  } finally {
    closeSync(fd);
  }
}
