// JSON bodies kept as bytes, for routes whose parsing and validation run in the worker pool: the
// main thread only collects the body (fastify still enforces the body limit and the content type).
import type { FastifyInstance } from 'fastify';

/**
 * Makes `application/json` bodies arrive as a Uint8Array in this (encapsulated)
 * instance's routes, to be handed to a pooled task (tasks.ts, `parseBody`).
 * Register it inside `app.register(async (child) => …)` so other routes keep
 * the usual parsed bodies.
 */
export function registerRawJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
}
