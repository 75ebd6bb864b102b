import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError } from '../lib/app-error';
import { fromRoot } from '../lib/paths';

export const WEB_DIST = fromRoot('web', 'dist');

/**
 * Serves the built web UI (web/dist) at `/`, with the single-page app's index.html for any
 * other GET that asks for HTML. API paths that match no route answer 404 NOT_FOUND.
 */
export async function registerWeb(app: FastifyInstance, enabled: boolean): Promise<void> {
  const hasDist = enabled && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasDist) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: false, maxAge: '1h', immutable: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url === '/healthz';
    if (!isApi && hasDist && request.method === 'GET' && (request.headers.accept ?? '').includes('text/html')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    if (!isApi && !hasDist && request.method === 'GET' && request.url === '/') {
      return reply
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>Aixin</title><p>The web UI is not built yet: run <code>npm run build:web</code>. API: <a href="/api/docs">/api/docs</a></p>');
    }
    throw new AppError('NOT_FOUND');
  });
}
