import { LIMITS } from './limits.ts';

/**
 * Input problems, reported with where they are: file, line:column and the
 * field path, and what was expected. Parsers collect all of them, not only the
 * first, and throw one ScenarioError carrying the list.
 */
export interface Diagnostic {
  readonly file?: string;
  /** 1-based line. */
  readonly line?: number;
  /** 1-based column. */
  readonly column?: number;
  /** Field path, such as `parties[1].preferences.weights.price`. */
  readonly path?: string;
  readonly message: string;
}

/** A diagnostic as one line: `file:line:column: field: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  let where = d.file ?? '';
  if (d.line !== undefined) where += `${where ? ':' : 'line '}${d.line}${d.column !== undefined ? `:${d.column}` : ''}`;
  const head = [where, d.path].filter((s) => s && s.length > 0).join(': ');
  return head ? `${head}: ${d.message}` : d.message;
}

/**
 * An input's problems. At most LIMITS.diagnostics are kept; past that a last
 * diagnostic says how many more there were.
 */
export class ScenarioError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  /** `stopped`: the check stopped at the first LIMITS.diagnostics problems (there may be more, uncounted). */
  constructor(all: readonly Diagnostic[], stopped = false) {
    const file = all[0]?.file !== undefined ? { file: all[0].file } : {};
    // A list cut before (as it comes back from a worker thread) keeps its own last line.
    const alreadyCut = all.length === LIMITS.diagnostics + 1 && all[LIMITS.diagnostics]!.message.startsWith('… and ');
    const diagnostics =
      alreadyCut ? all : all.length > LIMITS.diagnostics
        ? [...all.slice(0, LIMITS.diagnostics), { ...file, message: `… and ${all.length - LIMITS.diagnostics} more problems (only the first ${LIMITS.diagnostics} are listed)` }]
        : stopped
          ? [...all, { ...file, message: `… and maybe more problems (checking stopped after the first ${all.length})` }]
          : all;
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'ScenarioError';
    this.diagnostics = diagnostics;
  }
}

/** Formats a field path array as `a.b[2].c`. */
export function formatPath(path: readonly (string | number)[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(p)) s += s ? `.${p}` : p;
    else s += `[${JSON.stringify(p)}]`;
  }
  return s;
}
