import type { z } from 'zod';
import type {
  Benefit as BenefitSchema,
  BenefitBody,
  BenefitCard as BenefitCardSchema,
  BenefitPatchBody,
  BenefitStanding as StandingSchema,
  BenefitUse as BenefitUseSchema,
  CardCheck as CardCheckSchema,
  Partner as PartnerSchema,
  PartnerBody,
  PartnerPatchBody,
  UseReportQuery,
  UseReportRow,
} from '@shared/schemas/partners';
import { API_BASE, api, buildQuery, type ApiAnswer } from '../../api/client';
import { apiQuery } from '../../api/query';

export type Partner = z.infer<typeof PartnerSchema>;
export type Benefit = z.infer<typeof BenefitSchema>;
export type BenefitStanding = z.infer<typeof StandingSchema>;
export type BenefitCard = z.infer<typeof BenefitCardSchema>;
export type CardCheck = z.infer<typeof CardCheckSchema>;
export type BenefitUse = z.infer<typeof BenefitUseSchema>;
export type MyPartner = ApiAnswer<'/me/partners'>['items'][number];
export type UseReport = ApiAnswer<'/partner-uses/report'>;
export type { UseReportRow };


/** Partner benefits: the registry (console), the volunteer's card, the partner's checks and uses, the report. */
export const partnersApi = {
  list: (query: { regionCode?: string; page?: number; pageSize?: number }) => apiQuery('/partners', { query }),
  get: (partnerId: string) => apiQuery('/partners/{id}', { params: { id: partnerId } }),
  create: (body: PartnerBody) => api.post('/partners', { body }),
  update: (partnerId: string, body: PartnerPatchBody) => api.patch('/partners/{id}', { params: { id: partnerId }, body }),
  addStaff: (partnerId: string, userId: string) => api.post('/partners/{id}/staff', { params: { id: partnerId }, body: { userId } }),
  removeStaff: (partnerId: string, userId: string) => api.delete('/partners/{id}/staff/{userId}', { params: { id: partnerId, userId } }),
  benefits: (partnerId: string) => apiQuery('/partners/{id}/benefits', { params: { id: partnerId } }),
  createBenefit: (partnerId: string, body: BenefitBody) => api.post('/partners/{id}/benefits', { params: { id: partnerId }, body }),
  updateBenefit: (benefitId: string, body: BenefitPatchBody) => api.patch('/partner-benefits/{id}', { params: { id: benefitId }, body }),
  myCard: () => apiQuery('/me/benefit-card'),
  myPartners: () => apiQuery('/me/partners'),
  check: (partnerId: string, code: string) => api.post('/partners/{id}/card-checks', { params: { id: partnerId }, body: { code } }),
  use: (partnerId: string, code: string, benefitId: string, idempotencyKey: string) => api.post('/partners/{id}/uses', { params: { id: partnerId }, body: { code, benefitId }, idempotencyKey }),
  uses: (partnerId: string, query: { month?: string; page?: number; pageSize?: number }) =>
    apiQuery('/partners/{id}/uses', { params: { id: partnerId }, query }),
  report: (query: UseReportQuery) => apiQuery('/partner-uses/report', { query }),
  reportXlsxUrl: (query: UseReportQuery) => `${API_BASE}/partner-uses/report.xlsx${buildQuery(query)}`,
};
