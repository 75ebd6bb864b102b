import type { z } from 'zod';
import type { MarketReport as MarketReportSchema, Product as ProductSchema, ProductCreateBody, ProductUpdateBody, Redemption as RedemptionSchema, StockMovement as StockMovementSchema, StockMovementBody } from '@shared/schemas/market';
import type { Balances } from '@shared/schemas/ledger';
import { CSRF_COOKIE, CSRF_HEADER } from '@shared/constants';
import { isErrorBody } from '@shared/errors';
import { API_BASE, ApiError, api, buildQuery, type QueryValue } from '../../api/client';
import type { Page, Station, User } from '../../api/types';
import { readCookie } from '../../lib/cookie';

export type Product = z.infer<typeof ProductSchema>;
export type Redemption = z.infer<typeof RedemptionSchema>;
export type StockMovement = z.infer<typeof StockMovementSchema>;
export type MarketReport = z.infer<typeof MarketReportSchema>;
export type ProductCreate = z.input<typeof ProductCreateBody>;
export type ProductUpdate = z.input<typeof ProductUpdateBody>;
export type MovementBody = z.input<typeof StockMovementBody>;

const id = (s: string) => encodeURIComponent(s);

export const marketApi = {
  stations: (query: Record<string, QueryValue>, signal?: AbortSignal) => api.get<Page<Station>>('/stations', query, signal),
  shelf: (stationId: string, query: Record<string, QueryValue>, signal?: AbortSignal) => api.get<Page<Product>>(`/stations/${id(stationId)}/products`, query, signal),
  createProduct: (stationId: string, body: ProductCreate) => api.post<{ product: Product }>(`/stations/${id(stationId)}/products`, body),
  updateProduct: (productId: string, body: ProductUpdate) => api.patch<{ product: Product }>(`/products/${id(productId)}`, body),
  move: (productId: string, body: MovementBody) => api.post<{ product: Product; movement: StockMovement }>(`/products/${id(productId)}/movements`, body),
  movements: (stationId: string, query: Record<string, QueryValue>, signal?: AbortSignal) => api.get<Page<StockMovement>>(`/stations/${id(stationId)}/stock-movements`, query, signal),
  lowStock: (stationId: string, signal?: AbortSignal) => api.get<Page<Product>>(`/stations/${id(stationId)}/low-stock`, { pageSize: 100 }, signal),
  /** `idempotencyKey`: one per submission (useKeyKeeper), so a retry after a lost answer never redeems twice. */
  redeem: (productId: string, quantity: number, onBehalfOf: string | undefined, idempotencyKey: string) =>
    api.post<Redemption>('/redemptions', { productId, quantity, ...(onBehalfOf ? { onBehalfOf } : {}) }, { idempotencyKey }),
  fulfil: (redemptionId: string, pickupCode: string) => api.post<{ id: string; status: string }>(`/redemptions/${id(redemptionId)}/fulfil`, { pickupCode }),
  cancel: (redemptionId: string) => api.post<{ id: string; status: string }>(`/redemptions/${id(redemptionId)}/cancel`),
  myOrders: (query: Record<string, QueryValue>, signal?: AbortSignal) => api.get<Page<Redemption>>('/me/redemptions', query, signal),
  stationOrders: (stationId: string, query: Record<string, QueryValue>, signal?: AbortSignal) => api.get<Page<Redemption>>(`/stations/${id(stationId)}/redemptions`, query, signal),
  report: (stationId: string, signal?: AbortSignal) => api.get<MarketReport>(`/stations/${id(stationId)}/market-report`, undefined, signal),
  settings: (stationId: string, signal?: AbortSignal) => api.get<{ stationId: string; pickupDays: number }>(`/stations/${id(stationId)}/market-settings`, undefined, signal),
  putSettings: (stationId: string, pickupDays: number) => api.put<{ stationId: string; pickupDays: number }>(`/stations/${id(stationId)}/market-settings`, { pickupDays }),
  balances: async (signal?: AbortSignal) => (await api.get<{ balances: Balances }>('/me/passbook', { pageSize: 1 }, signal)).balances,
  people: (q: string, signal?: AbortSignal) => api.get<Page<User>>('/users', { q, pageSize: 10 }, signal),
  exportUrl: (stationId: string, what: 'orders' | 'byMonth' | 'byItem' | 'stock' | 'donors', query: Record<string, QueryValue> = {}) =>
    what === 'orders'
      ? `${API_BASE}/stations/${id(stationId)}/redemptions.xlsx${buildQuery(query)}`
      : `${API_BASE}/stations/${id(stationId)}/market-report.xlsx${buildQuery({ sheet: what })}`,
  /** The picture travels as the raw body (no multipart). */
  async uploadPicture(productId: string, file: File): Promise<{ product: Product }> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream' };
    const token = readCookie(document.cookie, CSRF_COOKIE);
    if (token) headers[CSRF_HEADER] = token;
    const res = await fetch(`${API_BASE}/products/${id(productId)}/picture`, { method: 'POST', headers, body: file, credentials: 'same-origin' });
    const data: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      if (isErrorBody(data)) throw new ApiError(data.error.code, res.status, data.error.message, data.error.details ?? {});
      throw new ApiError(res.status >= 500 ? 'UNAVAILABLE' : 'BAD_RESPONSE', res.status, `HTTP ${res.status}`);
    }
    return data as { product: Product };
  },
};

/** A scanned pickup QR (`AIXIN-PICKUP:<id>:<code>`) or six typed digits → the code (and the order, when scanned). */
export function parsePickupInput(raw: string): { code: string; redemptionId: string | null } | null {
  const s = raw.trim();
  const m = /^AIXIN-PICKUP:([0-9a-f-]{36}):(\d{6})$/i.exec(s);
  if (m) return { redemptionId: m[1]!, code: m[2]! };
  const digits = s.replace(/\s+/g, '');
  return /^\d{6}$/.test(digits) ? { code: digits, redemptionId: null } : null;
}
