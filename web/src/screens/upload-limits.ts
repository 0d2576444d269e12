// Upload limits checked in the browser from the files' sizes, before a byte is read or sent.
import { MAX_FILE_BYTES, MAX_TOTAL_BYTES } from 'parley';

export interface UploadLimits {
  /** Largest file parley reads. */
  readonly fileBytes: number;
  /** Largest total for one scenario (the parsers' limit, or the server's request limit if lower). */
  readonly totalBytes: number;
}

export const DEFAULT_LIMITS: UploadLimits = { fileBytes: MAX_FILE_BYTES, totalBytes: MAX_TOTAL_BYTES };

/** The limits with the server's request-body limit taken into account (JSON wraps the text: keep 5 % for it). */
export function withServerLimit(limits: UploadLimits, bodyBytes: number | undefined): UploadLimits {
  if (!bodyBytes || !Number.isFinite(bodyBytes)) return limits;
  return { fileBytes: limits.fileBytes, totalBytes: Math.min(limits.totalBytes, Math.floor(bodyBytes * 0.95)) };
}

export const mib = (n: number): string => `${(n / 1048576).toFixed(1)} MiB`;

/** Why these files cannot be uploaded, or null when they can. */
export function uploadProblem(files: readonly { readonly name: string; readonly size: number }[], limits: UploadLimits = DEFAULT_LIMITS): string | null {
  const big = files.filter((f) => f.size > limits.fileBytes);
  if (big.length) {
    return `${big.map((f) => `“${f.name}” is ${mib(f.size)}`).join(', ')}: parley reads files of at most ${mib(limits.fileBytes)}. Nothing was sent.`;
  }
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > limits.totalBytes) return `These ${files.length} files hold ${mib(total)} together; one import takes at most ${mib(limits.totalBytes)}. Nothing was sent.`;
  return null;
}

/** A file name made from a scenario's name (as the server names exports). */
export function fileBaseName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 100) || 'scenario';
}
