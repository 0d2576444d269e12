import { ScenarioError } from '../model/diagnostics.ts';

/**
 * A file handed to a parser. The engine never touches a file system: the
 * Node edge (CLI, server) or the browser reads files and passes their text.
 */
export interface SourceFile {
  /** The path as the user gave it (used in messages and to derive party ids). */
  readonly path: string;
  readonly text: string;
}

/** Largest file the parsers accept (untrusted input is size-limited). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Largest total of the files one scenario is read from. */
export const MAX_TOTAL_BYTES = 32 * 1024 * 1024;

/** Throws a ScenarioError when a file is larger than the limit. */
export function checkFileSize(path: string, bytes: number, limit: number = MAX_FILE_BYTES): void {
  if (bytes > limit)
    throw new ScenarioError([
      { file: path, message: `file is ${(bytes / 1048576).toFixed(1)} MiB; parley reads scenario files of at most ${(limit / 1048576).toFixed(0)} MiB` },
    ]);
}

/** The file name without folders. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

/** The file name without folders and without its last extension. */
export function stem(path: string): string {
  const b = baseName(path);
  const dot = b.lastIndexOf('.');
  return dot > 0 ? b.slice(0, dot) : b;
}

/** Converts a character offset into a 1-based line and column. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: end - last };
}

/** The paths of the files given, for a message about all of them (the first ten, then a count). */
export function fileList(files: readonly SourceFile[]): string {
  if (files.length === 0) return 'the files given';
  const shown = files.slice(0, 10).map((f) => f.path);
  return files.length > 10 ? `${shown.join(', ')} and ${files.length - 10} more` : shown.join(', ');
}
