import type { z } from 'zod';
import type {
  DonationCreateBody,
  Ledger,
  LedgerPolicy as LedgerPolicySchema,
  LedgerPolicyPutBody,
  LedgerPolicyView as LedgerPolicyViewSchema,
  LedgerVerifyResult as LedgerVerifyResultSchema,
  Passbook as PassbookSchema,
  PassbookItem as PassbookItemSchema,
  Relation,
  RelativeLink as RelativeLinkSchema,
  RelativeStaffItem as RelativeStaffItemSchema,
  Transfer as TransferSchema,
  TransferCreateBody,
} from '@shared/schemas/ledger';
import { API_BASE, api, buildQuery } from '../../api/client';
import type { Page, RegionDetail } from './types';

export type { Ledger, Relation };
export type Passbook = z.infer<typeof PassbookSchema>;
export type PassbookItem = z.infer<typeof PassbookItemSchema>;
export type RelativeLink = z.infer<typeof RelativeLinkSchema>;
export type RelativeStaffItem = z.infer<typeof RelativeStaffItemSchema>;
export type Transfer = z.infer<typeof TransferSchema>;
export type LedgerPolicy = z.infer<typeof LedgerPolicySchema>;
export type LedgerPolicyView = z.infer<typeof LedgerPolicyViewSchema>;
export type LedgerVerifyResult = z.infer<typeof LedgerVerifyResultSchema>;
export type PolicyPut = LedgerPolicyPutBody;
export type RelationStatus = RelativeLink['status'];

/** `GET /people/lookup`: a person found by phone AND volunteer number, name masked (周*梅). */
export interface PersonLookup {
  userId: string;
  name: string;
  volunteerNo: string;
}

const id = (s: string) => encodeURIComponent(s);

export const ledgerApi = {
  myPassbook: (q: { ledger?: Ledger; page: number; pageSize: number }, signal?: AbortSignal) => api.get<Passbook>('/me/passbook', { ...q }, signal),
  volunteerPassbook: (userId: string, q: { ledger?: Ledger; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Passbook>(`/volunteers/${id(userId)}/passbook`, { ...q }, signal),
  myRelatives: (signal?: AbortSignal) => api.get<Page<RelativeLink>>('/me/relatives', undefined, signal),
  lookup: (phone: string, volunteerNo: string, signal?: AbortSignal) => api.get<PersonLookup>('/people/lookup', { phone, volunteerNo }, signal),
  declare: (relativeUserId: string, relation: Relation) => api.post<RelativeLink>('/relatives', { relativeUserId, relation }),
  staffRelatives: (q: { regionCode?: string; status?: RelationStatus; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<RelativeStaffItem>>('/relatives', { ...q }, signal),
  decide: (linkId: string, decision: 'verify' | 'reject') => api.post<RelativeLink>(`/relatives/${id(linkId)}/${decision}`),
  transfer: (body: TransferCreateBody) => api.post<Transfer>('/transfers', body),
  donate: (body: DonationCreateBody) => api.post<Transfer>('/donations', body),
  policy: (regionCode: string, signal?: AbortSignal) => api.get<LedgerPolicyView>(`/regions/${id(regionCode)}/ledger-policy`, undefined, signal),
  putPolicy: (regionCode: string, body: PolicyPut) => api.put<LedgerPolicyView>(`/regions/${id(regionCode)}/ledger-policy`, body),
  region: (regionCode: string, signal?: AbortSignal) => api.get<RegionDetail>(`/regions/${id(regionCode)}`, undefined, signal),
  verify: (signal?: AbortSignal) => api.get<LedgerVerifyResult>('/ledger/verify', undefined, signal),
};

/** The link that downloads my passbook (`pdf` or `xlsx`); a plain GET with the session cookie. */
export function myPassbookHref(format: 'pdf' | 'xlsx', ledger?: Ledger): string {
  return `${API_BASE}/me/passbook.${format}${buildQuery({ ledger })}`;
}
