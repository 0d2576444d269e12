import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { checkFileSize, MAX_FILE_BYTES, MAX_TOTAL_BYTES, type SourceFile } from '../engine/formats/source-file.ts';
import { ScenarioError } from '../engine/model/diagnostics.ts';

const IGNORED = /^(\.|~)|\.(DS_Store)$/;

/** Sub-folders that belong to the scenario of the folder holding them (LLM-Deliberation games keep profiles there). */
const SCENARIO_SUBFOLDERS = ['scores_files'];

/** Most files one scenario is read from (a folder with more is refused). */
export const MAX_SOURCE_FILES = 1000;

/** A file system error as the diagnostic a user reads (no raw `ELOOP: …` text). */
function fsProblem(path: string, e: unknown): ScenarioError {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const message =
    code === 'ENOENT' || code === 'ENOTDIR'
      ? 'no such file or folder'
      : code === 'ELOOP'
        ? 'a symbolic link loop (a link that leads back to itself): parley cannot read it'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'ENAMETOOLONG'
            ? 'the path is too long'
            : code === 'EMFILE' || code === 'ENFILE'
              ? 'too many open files'
              : `cannot be read (${code ?? (e instanceof Error ? e.message : String(e))})`;
  return new ScenarioError([{ file: path, message }]);
}

/** What a path is, in words, when it is neither a regular file nor a folder. */
function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function stat(path: string): Stats {
  try {
    return statSync(path);
  } catch (e) {
    throw fsProblem(path, e);
  }
}

/**
 * Reads scenario files from disk: a folder means every file directly in it
 * plus its `scores_files/` sub-folder (other sub-folders hold other
 * scenarios, or prose); explicit files select a subset. Only regular files
 * and folders are read: a FIFO, device or socket is refused before it is
 * opened (reading one could block forever), and so is a symbolic link loop.
 * Sizes are checked before anything is read (MAX_FILE_BYTES per file,
 * MAX_TOTAL_BYTES in all), and no more than that is ever read, even from a
 * file that grows meanwhile.
 */
export function loadSourceFiles(paths: readonly string[]): SourceFile[] {
  const files: SourceFile[] = [];
  const budget = { bytes: 0 };
  const visited = new Set<string>();
  const add = (f: SourceFile) => {
    if (files.length >= MAX_SOURCE_FILES) throw new ScenarioError([{ file: f.path, message: `more than ${MAX_SOURCE_FILES} files: parley reads a scenario from at most ${MAX_SOURCE_FILES} (docs/limits.md)` }]);
    files.push(f);
  };
  const folder = (p: string, st: Stats) => {
    // A folder reached twice (through a link to itself or a parent) is read once.
    const key = `${st.dev}:${st.ino}`;
    if (visited.has(key)) return;
    visited.add(key);
    let names: string[];
    try {
      names = readdirSync(p).sort();
    } catch (e) {
      throw fsProblem(p, e);
    }
    for (const name of names) {
      if (IGNORED.test(name)) continue;
      const full = join(p, name);
      const s = stat(full);
      if (s.isDirectory()) {
        if (SCENARIO_SUBFOLDERS.includes(name)) folder(full, s);
        continue;
      }
      // Inside a folder, what is not a regular file is passed over (as sub-folders are).
      if (!s.isFile()) continue;
      add(readOne(full, s, budget));
    }
  };
  for (const p of paths) {
    const st = stat(p);
    if (st.isDirectory()) folder(p, st);
    else if (st.isFile()) add(readOne(p, st, budget));
    else throw new ScenarioError([{ file: p, message: `${kindOf(st)}: parley reads regular files and folders only` }]);
  }
  return files;
}

function readOne(path: string, st: Stats, budget: { bytes: number }): SourceFile {
  checkFileSize(path, st.size);
  if (budget.bytes + st.size > MAX_TOTAL_BYTES)
    throw new ScenarioError([{ file: path, message: `the files given hold more than ${MAX_TOTAL_BYTES / 1048576} MiB in all; parley reads at most that for one scenario (docs/limits.md)` }]);
  let fd: number;
  try {
    // Non-blocking: should the path have become a FIFO since it was looked at, opening it does not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw fsProblem(path, e);
  }
  try {
    const now = fstatSync(fd);
    if (!now.isFile()) throw new ScenarioError([{ file: path, message: `${kindOf(now)}: parley reads regular files and folders only` }]);
    // Read at most one byte past the limit, whatever the file's size is by now.
    const cap = Math.min(MAX_FILE_BYTES, MAX_TOTAL_BYTES - budget.bytes) + 1;
    const buf = Buffer.allocUnsafe(Math.min(cap, Math.max(now.size, 0) + 1));
    let got = 0;
    for (;;) {
      if (got === buf.length) break;
      let n: number;
      try {
        n = readSync(fd, buf, got, buf.length - got, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') break;
        throw fsProblem(path, e);
      }
      if (n === 0) break;
      got += n;
    }
    checkFileSize(path, got);
    budget.bytes += got;
    return { path, text: new TextDecoder('utf-8').decode(buf.subarray(0, got)).replace(/^\uFEFF/, '') };
  } finally {
    closeSync(fd);
  }
}
