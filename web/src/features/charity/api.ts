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
import { api, type ApiBody, type ApiQuery } from '../../api/client';
import { uploadFile } from '../../api/upload';
import { apiQuery } from '../../api/query';

export type CharityEvent = z.infer<typeof EventSchema>;
export type CharityEventDetail = z.infer<typeof DetailSchema>;
export type CharitySale = z.infer<typeof SaleSchema>;
export type CharityDisbursement = z.infer<typeof DisbursementSchema>;
export type CharityTotals = z.infer<typeof TotalsSchema>;
export type CharityAccount = z.infer<typeof AccountSchema>;
export type CharityPublicPage = z.infer<typeof PublicPageSchema>;
export type CharityRegionTotals = z.infer<typeof RegionTotalsSchema>;

/** Charity sales (慈善义卖): the console and the recorder's phone; the public account. Amounts in fen. */
export const charityApi = {
  list: (query: ApiQuery<'/charity-events'>) => apiQuery('/charity-events', { query }),
  get: (eventId: string) => apiQuery('/charity-events/{id}', { params: { id: eventId } }),
  create: (body: z.input<typeof CharityEventBody>) => api.post('/charity-events', { body }),
  setStatus: (eventId: string, status: 'open' | 'closed') => api.patch('/charity-events/{id}', { params: { id: eventId }, body: { status } }),
  addRecorder: (eventId: string, userId: string) => api.post('/charity-events/{id}/staff', { params: { id: eventId }, body: { userId } }),
  addStall: (eventId: string, body: ApiBody<'/charity-events/{id}/stalls'>) => api.post('/charity-events/{id}/stalls', { params: { id: eventId }, body }),
  addSeller: (eventId: string, body: ApiBody<'/charity-events/{id}/sellers'>) => api.post('/charity-events/{id}/sellers', { params: { id: eventId }, body }),
  addItem: (eventId: string, body: ApiBody<'/charity-events/{id}/items'>) => api.post('/charity-events/{id}/items', { params: { id: eventId }, body }),
  /** `idempotencyKey`: one per submission, so a double tap records the sale once. */
  recordSale: (eventId: string, body: z.input<typeof CharitySaleBody>, idempotencyKey: string) => api.post('/charity-events/{id}/sales', { params: { id: eventId }, body, idempotencyKey }),
  sales: (eventId: string, query: ApiQuery<'/charity-events/{id}/sales'>) => apiQuery('/charity-events/{id}/sales', { params: { id: eventId }, query }),
  reverseSale: (saleId: string, reason: string) => api.post('/charity-sales/{id}/reversal', { params: { id: saleId }, body: { reason } }),
  disburse: (eventId: string, body: z.input<typeof CharityDisbursementBody>, idempotencyKey: string) => api.post('/charity-events/{id}/disbursements', { params: { id: eventId }, body, idempotencyKey }),
  disbursements: (eventId: string) => apiQuery('/charity-events/{id}/disbursements', { params: { id: eventId }, query: { pageSize: 100 } }),
  /** A receipt scan (picture or PDF) for a disbursement; its title is the file's name. */
  attachReceipt: (disbursementId: string, file: File) => uploadFile<CharityDisbursement>(`/charity-disbursements/${encodeURIComponent(disbursementId)}/receipts`, file, { title: file.name.replace(/\.[^.]+$/, '').slice(0, 100) }),
  reverseDisbursement: (disbursementId: string, reason: string) => api.post('/charity-disbursements/{id}/reversal', { params: { id: disbursementId }, body: { reason } }),
  publicEvents: (query: ApiQuery<'/public/charity-events'>) => apiQuery('/public/charity-events', { query }),
  account: (eventId: string) => apiQuery('/public/charity-events/{id}/account', { params: { id: eventId } }),
  totals: (regionCode: string | undefined) => apiQuery('/public/charity-totals', regionCode ? { query: { regionCode } } : undefined),
};
