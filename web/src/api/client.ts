import { CSRF_COOKIE, CSRF_HEADER } from '@shared/constants';
import { isErrorBody, type ErrorCode } from '@shared/errors';
import { readCookie } from '../lib/cookie';

export const API_BASE = '/api/v1';

/** The server's codes, plus two the page itself meets: no answer at all, or an answer that is not ours. */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE';

/** A failed call: the contract's error code, the HTTP status (0 when the server was not reached) and the details. */
export class ApiError extends Error {
  readonly code: ClientErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(code: ClientErrorCode, status: number, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }

  /** `details.fields`: one bilingual message per bad field, keyed by the field's name in the body. */
  get fields(): Record<string, string> {
    const f = this.details.fields;
    if (typeof f !== 'object' || f === null) return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(f)) if (typeof v === 'string') out[k] = v;
    return out;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

export type QueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=x`, leaving out empty values; `''` when nothing is left. */
export function buildQuery(params: Record<string, QueryValue> | undefined): string {
  if (!params) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type UnauthenticatedListener = (path: string) => void;
let onUnauthenticated: UnauthenticatedListener | null = null;

/** The auth state registers here to hear when a call finds the session gone. */
export function setUnauthenticatedListener(fn: UnauthenticatedListener | null): void {
  onUnauthenticated = fn;
}

function csrfToken(): string | null {
  return typeof document === 'undefined' ? null : readCookie(document.cookie, CSRF_COOKIE);
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** A spend's idempotency key (one per submission): sent as the `Idempotency-Key` header, so a retry never spends twice. */
  idempotencyKey?: string;
}

export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}${buildQuery(opts.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('NETWORK', 0, err instanceof Error ? err.message : String(err));
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      throw new ApiError(res.ok ? 'BAD_RESPONSE' : res.status >= 500 ? 'UNAVAILABLE' : 'BAD_RESPONSE', res.status, text.slice(0, 200));
    }
  }
  if (!res.ok) {
    if (isErrorBody(data)) {
      const e = new ApiError(data.error.code, res.status, data.error.message, data.error.details ?? {});
      if (e.code === 'UNAUTHENTICATED' && onUnauthenticated) onUnauthenticated(path);
      throw e;
    }
    throw new ApiError(res.status >= 500 ? 'UNAVAILABLE' : 'BAD_RESPONSE', res.status, `HTTP ${res.status}`);
  }
  return data as T;
}

/** The typed client: `api.get<MeResponse>('/me')`. */
export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, opts: { idempotencyKey?: string } = {}) => request<T>('POST', path, { body: body ?? {}, ...opts }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
