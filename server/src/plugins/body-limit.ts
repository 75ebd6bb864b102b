import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { AppError } from '../lib/app-error';

/** Every JSON body is at most 1 MB unless its route says otherwise (`bodyLimit`). */
export const JSON_BODY_LIMIT = 1024 * 1024;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route takes its body raw (a file: a picture, a spreadsheet), of these media types and at
     * most `limitBytes`. Such a route must also say `checkedBeforeBody` (lib/body-guard.ts).
     */
    rawBody?: { types: readonly string[]; limitBytes: number };
  }
}

export function tooLarge(limitBytes: number): AppError {
  const mb = Math.round((limitBytes / (1024 * 1024)) * 10) / 10;
  return new AppError('PAYLOAD_TOO_LARGE', `上传的内容超过 ${mb} MB / The upload exceeds ${mb} MB`, { limitBytes });
}

/**
 * Reads a request body into memory, refusing it with 413 as soon as it passes the limit: a
 * declared Content-Length over the limit is refused before a byte is read, and a body sent
 * without one (chunked) is cut off at the limit, never kept whole.
 */
export function readLimited(request: FastifyRequest, payload: Readable, limitBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.reject(tooLarge(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        // stop reading: the answer closes the connection (error handler), the rest is never read
        payload.pause();
        chunks.length = 0;
        reject(tooLarge(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
  });
}

/**
 * A content-type parser for raw file bodies in this plugin's scope: the route's
 * `config.rawBody.limitBytes` bounds what is read (413 PAYLOAD_TOO_LARGE beyond it).
 */
export function registerRawBodyParser(app: FastifyInstance, types: readonly string[]): void {
  app.addContentTypeParser([...types], async (request: FastifyRequest, payload: Readable) => {
    const raw = request.routeOptions.config.rawBody;
    if (!raw) throw new AppError('VALIDATION_FAILED', '此接口不接受文件 / This route takes no file', { fields: { _: `unsupported content type ${request.headers['content-type'] ?? ''}` } });
    return readLimited(request, payload, raw.limitBytes);
  });
}
