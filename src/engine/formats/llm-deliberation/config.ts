import type { Diagnostic } from '../../model/diagnostics.ts';
import type { SourceFile } from '../source-file.ts';

export type GameRole = 'p1' | 'p2' | 'player';
const ROLES: readonly string[] = ['p1', 'p2', 'player'];

/** One line of an LLM-Deliberation `config.txt`: `Display name,file,role,incentive,model`. */
export interface GameAgent {
  readonly displayName: string;
  /** The scores file's name without `.txt`; the party id. */
  readonly file: string;
  readonly role: GameRole;
  readonly incentive: string;
  readonly model: string;
  readonly line: number;
}

/** Whether a text looks like an LLM-Deliberation config (every non-empty line has 5 fields, role p1/p2/player). */
export function looksLikeConfig(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.length > 0 && lines.every((l) => {
    const f = l.split(',');
    return f.length === 5 && ROLES.includes(f[2]!.trim());
  });
}

/** Reads config.txt, collecting a diagnostic (file:line:column) per bad line. */
export function readConfig(file: SourceFile, problems: Diagnostic[]): GameAgent[] {
  const out: GameAgent[] = [];
  const seen = new Map<string, number>();
  file.text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const fields = raw.split(',');
    if (fields.length !== 5) {
      problems.push({ file: file.path, line, column: 1, message: `expected 5 comma-separated fields (display name, file, role, incentive, model), got ${fields.length}` });
      return;
    }
    const [displayName, fileName, role, incentive, model] = fields.map((f) => f.trim()) as [string, string, string, string, string];
    const col = (k: number) => fields.slice(0, k).reduce((s, f) => s + f.length + 1, 0) + 1;
    if (displayName === '') problems.push({ file: file.path, line, column: 1, path: 'display name', message: 'empty display name' });
    if (fileName === '' || /[\\/]/.test(fileName)) problems.push({ file: file.path, line, column: col(1), path: 'file', message: `expected a scores file name, got "${fileName}"` });
    if (!ROLES.includes(role)) problems.push({ file: file.path, line, column: col(2), path: 'role', message: `expected role p1, p2 or player, got "${role}"` });
    if (seen.has(fileName)) problems.push({ file: file.path, line, column: col(1), path: 'file', message: `"${fileName}" is already used on line ${seen.get(fileName)}` });
    seen.set(fileName, line);
    out.push({ displayName, file: fileName, role: role as GameRole, incentive, model, line });
  });
  for (const r of ['p1', 'p2'] as const) {
    const n = out.filter((a) => a.role === r).length;
    if (n !== 1) problems.push({ file: file.path, path: 'role', message: `expected exactly one ${r} party, got ${n}` });
  }
  return out;
}
