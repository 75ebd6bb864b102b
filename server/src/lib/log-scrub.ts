import type { FastifyRequest } from 'fastify';

/**
 * Query parameters whose values never reach a log: a market pickup code is what hands over the
 * goods (`GET /stations/:id/redemptions?code=`), a claim or check-in code likewise.
 */
const SECRET_PARAMS = ['code', 'pickupCode', 'token', 'claimCode'];
const SECRET_QUERY = new RegExp(`([?&](?:${SECRET_PARAMS.join('|')})=)[^&#]*`, 'gi');
/** `AIXIN-PICKUP:<id>:<code>`, the text of a pickup QR, wherever it appears. */
const PICKUP_QR = /(AIXIN-PICKUP(?::|%3A)[0-9a-f-]+(?::|%3A))\d+/gi;

export function scrubUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]').replace(PICKUP_QR, '$1[redacted]');
}

/** The request as the logs show it: Fastify's own fields, the URL scrubbed. */
export function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: scrubUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** The logger options of the app: the caller's (level, stream …) with the scrubbing serializer and redactions. */
export function loggerOptions(base: boolean | Record<string, unknown>, level: string): false | Record<string, unknown> {
  if (base === false) return false;
  const own = base === true ? {} : base;
  return {
    level,
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', '*.pickupCode', 'pickupCode'],
    ...own,
    serializers: { ...((own.serializers as Record<string, unknown>) ?? {}), req: serializeRequest },
  };
}
