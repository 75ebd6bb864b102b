import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/**
 * The Content-Security-Policy of every answer (the web UI, the API, the API docs). The built UI
 * loads only its own files: scripts from 'self' and never inline; Ant Design writes its styles
 * inline at run time ('unsafe-inline' for styles only); ECharts draws on canvas; pickup QR codes
 * are data: images; a CSV download is a blob: link. No page may be framed (clickjacking).
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  // 'wasm-unsafe-eval' lets the QR reader compile its WebAssembly (served from 'self'); JavaScript eval stays refused
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameSrc: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
} as const;

/**
 * Security headers on every answer through @fastify/helmet: the CSP above, X-Frame-Options DENY,
 * X-Content-Type-Options nosniff, Referrer-Policy same-origin, no cross-domain policies, HSTS
 * (browsers heed it over HTTPS only). No `upgrade-insecure-requests`: a plain-HTTP deployment on
 * a community centre's LAN must keep working.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: Object.fromEntries(Object.entries(CSP_DIRECTIVES).map(([k, v]) => [k, [...v]])) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
