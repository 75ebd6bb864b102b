import { CSRF_COOKIE, CSRF_HEADER } from '@shared/constants';
import { isErrorBody } from '@shared/errors';
import { API_BASE, ApiError, buildQuery, type QueryValue } from './client';
import { readCookie } from '../lib/cookie';

/**
 * Sends a file as the raw body of a POST (the server's upload routes take no multipart): its
 * own type as Content-Type, the CSRF header, errors in the contract's shape as ApiError.
 */
export async function uploadFile<T>(path: string, file: Blob, query: Record<string, QueryValue> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream' };
  const token = readCookie(document.cookie, CSRF_COOKIE);
  if (token) headers[CSRF_HEADER] = token;
  const res = await fetch(`${API_BASE}${path}${buildQuery(query)}`, { method: 'POST', headers, body: file, credentials: 'same-origin' });
  const data: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    if (isErrorBody(data)) throw new ApiError(data.error.code, res.status, data.error.message, data.error.details ?? {});
    throw new ApiError(res.status >= 500 ? 'UNAVAILABLE' : 'BAD_RESPONSE', res.status, `HTTP ${res.status}`);
  }
  return data as T;
}
