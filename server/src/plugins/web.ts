import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError } from '../lib/app-error';
import { fromRoot } from '../lib/paths';

export const WEB_DIST = fromRoot('web', 'dist');

/** Paths of the API and of operations: an unknown one answers the JSON 404, never the page. */
const NOT_PAGES = /^\/(api\/|api$|healthz|readyz|metrics)/;

/** Whether the request takes a page: it asks for HTML, for anything (`*\/*`, curl), or says nothing. */
function wantsPage(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.includes('text/html') || accept.includes('*/*') || !accept.includes('json');
}

/** How long a browser keeps a file of the build: hashed assets for good, index.html never unchecked, the rest an hour. */
export function cacheControlFor(relativePath: string): string {
  const p = relativePath.split(path.sep).join('/').replace(/\.(br|gz)$/, '');
  if (p.startsWith('assets/')) return 'public, max-age=31536000, immutable';
  if (p === 'index.html') return 'no-cache';
  return 'public, max-age=3600';
}

/**
 * Serves the built web UI (web/dist) at `/`, with the single-page app's index.html for any
 * other GET that takes a page (see `wantsPage`). API paths that match no route answer 404 NOT_FOUND.
 */
export async function registerWeb(app: FastifyInstance, enabled: boolean): Promise<void> {
  const hasDist = enabled && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasDist) {
    // the build writes .br/.gz beside each asset (web/vite.config.ts): sent as they are to a browser that takes them;
    // hashed files under /assets/ never change (a year, immutable), index.html is revalidated every time
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      prefix: '/',
      wildcard: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders(reply, filePath) {
        reply.header('cache-control', cacheControlFor(path.relative(WEB_DIST, filePath)));
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = NOT_PAGES.test(request.url);
    if (!isApi && hasDist && (request.method === 'GET' || request.method === 'HEAD') && wantsPage(request.headers.accept)) {
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
