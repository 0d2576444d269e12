// Capability tokens of live sessions: 256 random bits, kept only as SHA-256 hashes and compared in
// constant time (Node only).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new unguessable token (43 URL-safe characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The hash a token is kept as (hex). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether `token` hashes to `hash`, compared in constant time. */
export function tokenMatches(token: string, hash: string): boolean {
  const a = Buffer.from(tokenHash(token), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer TOKEN` header, if any. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const h = Array.isArray(header) ? header[0] : header;
  if (!h) return undefined;
  const m = /^Bearer\s+([A-Za-z0-9_-]{16,200})\s*$/.exec(h);
  return m?.[1];
}
