import type { z } from 'zod';
import type { MarketReport as MarketReportSchema, Product as ProductSchema, ProductCreateBody, ProductUpdateBody, Redemption as RedemptionSchema, StockMovement as StockMovementSchema, StockMovementBody } from '@shared/schemas/market';
import { CSRF_COOKIE, CSRF_HEADER } from '@shared/constants';
import { isErrorBody } from '@shared/errors';
import { API_BASE, ApiError, api, buildQuery, type QueryValue, type ApiQuery, type ApiAnswer } from '../../api/client';
import { apiQuery } from '../../api/query';
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
  stations: (query: ApiQuery<'/stations'>) => apiQuery('/stations', { query }),
  shelf: (stationId: string, query: ApiQuery<'/stations/{id}/products'>) => apiQuery('/stations/{id}/products', { params: { id: stationId }, query }),
  createProduct: (stationId: string, body: ProductCreate) => api.post('/stations/{id}/products', { params: { id: stationId }, body }),
  updateProduct: (productId: string, body: ProductUpdate) => api.patch('/products/{id}', { params: { id: productId }, body }),
  move: (productId: string, body: MovementBody) => api.post('/products/{id}/movements', { params: { id: productId }, body }),
  movements: (stationId: string, query: ApiQuery<'/stations/{id}/stock-movements'>) => apiQuery('/stations/{id}/stock-movements', { params: { id: stationId }, query }),
  lowStock: (stationId: string) => apiQuery('/stations/{id}/low-stock', { params: { id: stationId }, query: { pageSize: 100 } }),
  /** `idempotencyKey`: one per submission (useKeyKeeper), so a retry after a lost answer never redeems twice. */
  redeem: (productId: string, quantity: number, onBehalfOf: string | undefined, idempotencyKey: string) =>
    api.post('/redemptions', { body: { productId, quantity, ...(onBehalfOf ? { onBehalfOf } : {}) }, idempotencyKey }),
  fulfil: (redemptionId: string, pickupCode: string) => api.post('/redemptions/{id}/fulfil', { params: { id: redemptionId }, body: { pickupCode } }),
  cancel: (redemptionId: string) => api.post('/redemptions/{id}/cancel', { params: { id: redemptionId } }),
  myOrders: (query: ApiQuery<'/me/redemptions'>) => apiQuery('/me/redemptions', { query }),
  stationOrders: (stationId: string, query: ApiQuery<'/stations/{id}/redemptions'>) => apiQuery('/stations/{id}/redemptions', { params: { id: stationId }, query }),
  report: (stationId: string) => apiQuery('/stations/{id}/market-report', { params: { id: stationId } }),
  settings: (stationId: string) => apiQuery('/stations/{id}/market-settings', { params: { id: stationId } }),
  putSettings: (stationId: string, pickupDays: number) => api.put('/stations/{id}/market-settings', { params: { id: stationId }, body: { pickupDays } }),
  balances: () => ({ ...apiQuery('/me/passbook', { query: { pageSize: 1 } }), select: (p: ApiAnswer<'/me/passbook'>) => p.balances }),
  people: (q: string) => apiQuery('/users', { query: { q, pageSize: 10 } }),
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
