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
import { API_BASE, api, buildQuery } from '../../api/client';

export type Partner = z.infer<typeof PartnerSchema>;
export type Benefit = z.infer<typeof BenefitSchema>;
export type BenefitStanding = z.infer<typeof StandingSchema>;
export type BenefitCard = z.infer<typeof BenefitCardSchema>;
export type CardCheck = z.infer<typeof CardCheckSchema>;
export type BenefitUse = z.infer<typeof BenefitUseSchema>;
export type MyPartner = { id: string; name: string; sector: Partner['sector']; regionName: string };
export type UseReport = { from: string; to: string; rows: UseReportRow[]; totalUses: number };

const id = (s: string) => encodeURIComponent(s);

/** Partner benefits: the registry (console), the volunteer's card, the partner's checks and uses, the report. */
export const partnersApi = {
  list: (query: { regionCode?: string; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<{ items: Partner[]; total: number }>('/partners', query, signal),
  get: (partnerId: string, signal?: AbortSignal) => api.get<Partner>(`/partners/${id(partnerId)}`, undefined, signal),
  create: (body: PartnerBody) => api.post<Partner>('/partners', body),
  update: (partnerId: string, body: PartnerPatchBody) => api.patch<Partner>(`/partners/${id(partnerId)}`, body),
  addStaff: (partnerId: string, userId: string) => api.post<Partner>(`/partners/${id(partnerId)}/staff`, { userId }),
  removeStaff: (partnerId: string, userId: string) => api.delete<Partner>(`/partners/${id(partnerId)}/staff/${id(userId)}`),
  benefits: (partnerId: string, signal?: AbortSignal) => api.get<{ items: Benefit[] }>(`/partners/${id(partnerId)}/benefits`, undefined, signal),
  createBenefit: (partnerId: string, body: BenefitBody) => api.post<Benefit>(`/partners/${id(partnerId)}/benefits`, body),
  updateBenefit: (benefitId: string, body: BenefitPatchBody) => api.patch<Benefit>(`/partner-benefits/${id(benefitId)}`, body),
  myCard: (signal?: AbortSignal) => api.get<BenefitCard>('/me/benefit-card', undefined, signal),
  myPartners: (signal?: AbortSignal) => api.get<{ items: MyPartner[] }>('/me/partners', undefined, signal),
  check: (partnerId: string, code: string) => api.post<CardCheck>(`/partners/${id(partnerId)}/card-checks`, { code }),
  use: (partnerId: string, code: string, benefitId: string, idempotencyKey: string) => api.post<BenefitUse>(`/partners/${id(partnerId)}/uses`, { code, benefitId }, { idempotencyKey }),
  uses: (partnerId: string, query: { month?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    api.get<{ items: BenefitUse[]; total: number }>(`/partners/${id(partnerId)}/uses`, query, signal),
  report: (query: UseReportQuery, signal?: AbortSignal) => api.get<UseReport>('/partner-uses/report', query, signal),
  reportXlsxUrl: (query: UseReportQuery) => `${API_BASE}/partner-uses/report.xlsx${buildQuery(query)}`,
};
