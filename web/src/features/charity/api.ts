import type { z } from 'zod';
import type {
  CharityDisbursement as DisbursementSchema,
  CharityDisbursementBody,
  CharityEvent as EventSchema,
  CharityEventBody,
  CharityEventDetail as DetailSchema,
  CharityPublicAccount as AccountSchema,
  CharityPublicEventPage as PublicPageSchema,
  CharityRegionTotals as RegionTotalsSchema,
  CharitySale as SaleSchema,
  CharitySaleBody,
  CharityTotals as TotalsSchema,
} from '@shared/schemas/charity';
import { legacyApi as api } from '../../api/use-request';

export type CharityEvent = z.infer<typeof EventSchema>;
export type CharityEventDetail = z.infer<typeof DetailSchema>;
export type CharitySale = z.infer<typeof SaleSchema>;
export type CharityDisbursement = z.infer<typeof DisbursementSchema>;
export type CharityTotals = z.infer<typeof TotalsSchema>;
export type CharityAccount = z.infer<typeof AccountSchema>;
export type CharityPublicPage = z.infer<typeof PublicPageSchema>;
export type CharityRegionTotals = z.infer<typeof RegionTotalsSchema>;
type Page<T> = { items: T[]; total: number };

const id = (s: string) => encodeURIComponent(s);

/** Charity sales (慈善义卖): the console and the recorder's phone; the public account. Amounts in fen. */
export const charityApi = {
  list: (query: { regionCode?: string; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<CharityEvent>>('/charity-events', query, signal),
  get: (eventId: string, signal?: AbortSignal) => api.get<CharityEventDetail>(`/charity-events/${id(eventId)}`, undefined, signal),
  create: (body: z.input<typeof CharityEventBody>) => api.post<CharityEventDetail>('/charity-events', body),
  setStatus: (eventId: string, status: 'open' | 'closed') => api.patch<CharityEventDetail>(`/charity-events/${id(eventId)}`, { status }),
  addRecorder: (eventId: string, userId: string) => api.post<CharityEventDetail>(`/charity-events/${id(eventId)}/staff`, { userId }),
  addStall: (eventId: string, body: { name: string; kind: 'family' | 'public' }) => api.post<CharityEventDetail>(`/charity-events/${id(eventId)}/stalls`, body),
  addSeller: (eventId: string, body: { stallId: string; name: string; isMinor: boolean; guardianUserId?: string }) => api.post<CharityEventDetail>(`/charity-events/${id(eventId)}/sellers`, body),
  addItem: (eventId: string, body: { stallId: string; name: string; priceFen: number }) => api.post<CharityEventDetail>(`/charity-events/${id(eventId)}/items`, body),
  /** `idempotencyKey`: one per submission, so a double tap records the sale once. */
  recordSale: (eventId: string, body: z.input<typeof CharitySaleBody>, idempotencyKey: string) => api.post<{ sale: CharitySale; totals: CharityTotals }>(`/charity-events/${id(eventId)}/sales`, body, { idempotencyKey }),
  sales: (eventId: string, query: { page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<CharitySale>>(`/charity-events/${id(eventId)}/sales`, query, signal),
  reverseSale: (saleId: string, reason: string) => api.post<{ sale: CharitySale; totals: CharityTotals }>(`/charity-sales/${id(saleId)}/reversal`, { reason }),
  disburse: (eventId: string, body: z.input<typeof CharityDisbursementBody>, idempotencyKey: string) =>
    api.post<{ disbursement: CharityDisbursement; totals: CharityTotals }>(`/charity-events/${id(eventId)}/disbursements`, body, { idempotencyKey }),
  disbursements: (eventId: string, signal?: AbortSignal) => api.get<Page<CharityDisbursement>>(`/charity-events/${id(eventId)}/disbursements`, { pageSize: 100 }, signal),
  reverseDisbursement: (disbursementId: string, reason: string) => api.post<{ disbursement: CharityDisbursement; totals: CharityTotals }>(`/charity-disbursements/${id(disbursementId)}/reversal`, { reason }),
  publicEvents: (query: { regionCode?: string; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<CharityPublicPage>('/public/charity-events', query, signal),
  account: (eventId: string, signal?: AbortSignal) => api.get<CharityAccount>(`/public/charity-events/${id(eventId)}/account`, undefined, signal),
  totals: (regionCode: string | undefined, signal?: AbortSignal) => api.get<CharityRegionTotals>('/public/charity-totals', regionCode ? { regionCode } : undefined, signal),
};
