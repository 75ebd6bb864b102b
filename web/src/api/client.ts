import { CSRF_COOKIE, CSRF_HEADER } from '@shared/constants';
import { isErrorBody, type ErrorCode } from '@shared/errors';
import { readCookie } from '../lib/cookie';
import type { paths } from './openapi';

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

type WriteListener = (method: Method, path: string) => void;
let onWrite: WriteListener | null = null;

/** The query cache registers here to hear of every write that succeeded (web/src/api/query.ts). */
export function setWriteListener(fn: WriteListener | null): void {
  onWrite = fn;
}

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
  if (res.ok && method !== 'GET' && onWrite) onWrite(method, path);
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

// ---------------------------------------------------------------------------------------------
// The typed client: paths, path parameters, queries, bodies and answers come from the OpenAPI
// document (web/src/api/openapi.d.ts, generated from the routes' Zod schemas by
// `npm run openapi:types`). A path the server does not serve, a wrong parameter, query or body,
// or a wrong use of the answer is a compile error.

type Documented = keyof paths;
/** A path as the pages write it (without `/api/v1`), e.g. `/activities/{id}`. */
export type ApiPath = Documented extends infer D ? (D extends `/api/v1${infer P}` ? P : never) : never;
type Verb = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends ApiPath, V extends Verb> = NonNullable<paths[`/api/v1${P}` & Documented][V]>;
/** The paths that answer to a method. */
export type PathsFor<V extends Verb> = { [P in ApiPath]: [Operation<P, V>] extends [never] ? never : P }[ApiPath];

type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : void;
type SuccessOf<Rs> = Rs extends { 200: infer R } ? JsonOf<R> : Rs extends { 201: infer R } ? JsonOf<R> : Rs extends { 202: infer R } ? JsonOf<R> : void;
type ParamsOf<O> = O extends { parameters: { path?: infer Pp } } ? ([NonNullable<Pp>] extends [never] ? never : NonNullable<Pp>) : never;
type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? ([NonNullable<Q>] extends [never] ? never : NonNullable<Q>) : never;
type BodyOf<O> = O extends { requestBody?: infer B } ? ([NonNullable<B>] extends [never] ? never : JsonOf<NonNullable<B>>) : never;

/** The answer of a path and method: `ApiAnswer<'/stations'>` is `{ items: Station[]; total: number }`. */
export type ApiAnswer<P extends ApiPath, V extends Verb = 'get'> = SuccessOf<Operation<P, V>['responses']>;
/** The query a GET path takes. */
export type ApiQuery<P extends ApiPath, V extends Verb = 'get'> = QueryOf<Operation<P, V>>;
/** The JSON body a path takes. */
export type ApiBody<P extends ApiPath, V extends Verb = 'post'> = BodyOf<Operation<P, V>>;
/** The `{name}` parameters of a path. */
export type ApiParams<P extends ApiPath, V extends Verb = 'get'> = ParamsOf<Operation<P, V>>;

type ParamsPart<O> = [ParamsOf<O>] extends [never] ? { params?: undefined } : { params: ParamsOf<O> };
type QueryPart<O> = [QueryOf<O>] extends [never] ? { query?: undefined } : { query?: QueryOf<O> };
type BodyPart<O> = [BodyOf<O>] extends [never] ? { body?: undefined } : O extends { requestBody: unknown } ? { body: BodyOf<O> } : { body?: BodyOf<O> };

/** What a GET sends: `{ params, query }`. */
export type GetInputs<P extends PathsFor<'get'>> = ParamsPart<Operation<P, 'get'>> & QueryPart<Operation<P, 'get'>>;
/** What a write sends: `{ params, query, body, idempotencyKey }`. */
export type WriteInputs<P extends ApiPath, V extends Exclude<Verb, 'get'>> = ParamsPart<Operation<P, V>> &
  QueryPart<Operation<P, V>> &
  BodyPart<Operation<P, V>> & {
    /** A spend's idempotency key (one per submission): a retry never spends twice. */
    idempotencyKey?: string;
  };
type NeedsInputs<I> = I extends { params: unknown } ? true : I extends { body: unknown } ? true : false;
/** The inputs may be left out when the path needs neither parameters nor a body. */
type GetArgs<P extends PathsFor<'get'>> = NeedsInputs<GetInputs<P>> extends true ? [inputs: GetInputs<P>, signal?: AbortSignal] : [inputs?: GetInputs<P>, signal?: AbortSignal];
type WriteArgs<P extends ApiPath, V extends Exclude<Verb, 'get'>> = NeedsInputs<WriteInputs<P, V>> extends true ? [inputs: WriteInputs<P, V>] : [inputs?: WriteInputs<P, V>];

/** `/activities/{id}` with `{ id: 'a b' }` → `/activities/a%20b`. */
export function fillPath(path: string, params: Record<string, string | number> | undefined): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const v = params?.[name];
    if (v === undefined || v === '') throw new Error(`${path}: the path parameter ${name} is missing`);
    return encodeURIComponent(String(v));
  });
}

interface AnyInputs {
  params?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  idempotencyKey?: string;
}

function write(method: Exclude<Method, 'GET'>, path: string, inputs: AnyInputs | undefined) {
  const i = inputs ?? {};
  return request<unknown>(method, fillPath(path, i.params), { query: i.query, body: i.body ?? {}, idempotencyKey: i.idempotencyKey });
}

/**
 * `api.get('/activities/{id}', { params: { id } }, signal)` answers an `Activity`;
 * `api.post('/activities/{id}/review', { params: { id }, body: { decision: 'approve' } })`.
 * Path parameters are encoded here; pages never build a path by hand.
 */
export const api = {
  get: <P extends PathsFor<'get'>>(path: P, ...[inputs, signal]: GetArgs<P>): Promise<ApiAnswer<P>> => {
    const i = (inputs ?? {}) as AnyInputs;
    return request('GET', fillPath(path, i.params), { query: i.query, signal });
  },
  post: <P extends PathsFor<'post'>>(path: P, ...[inputs]: WriteArgs<P, 'post'>) => write('POST', path, inputs as AnyInputs) as Promise<ApiAnswer<P, 'post'>>,
  put: <P extends PathsFor<'put'>>(path: P, ...[inputs]: WriteArgs<P, 'put'>) => write('PUT', path, inputs as AnyInputs) as Promise<ApiAnswer<P, 'put'>>,
  patch: <P extends PathsFor<'patch'>>(path: P, ...[inputs]: WriteArgs<P, 'patch'>) => write('PATCH', path, inputs as AnyInputs) as Promise<ApiAnswer<P, 'patch'>>,
  delete: <P extends PathsFor<'delete'>>(path: P, ...[inputs]: WriteArgs<P, 'delete'>) => {
    const i = (inputs ?? {}) as AnyInputs;
    return request('DELETE', fillPath(path, i.params), { query: i.query, body: i.body }) as Promise<ApiAnswer<P, 'delete'>>;
  },
};
