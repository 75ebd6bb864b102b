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
import { API_BASE, api, buildQuery, type ApiAnswer } from '../../api/client';
import { apiQuery } from '../../api/query';

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
export type PersonLookup = ApiAnswer<'/people/lookup'>;


export const ledgerApi = {
  myPassbook: (q: { ledger?: Ledger; page: number; pageSize: number }) => apiQuery('/me/passbook', { query: { ...q } }),
  volunteerPassbook: (userId: string, q: { ledger?: Ledger; page: number; pageSize: number }) =>
    apiQuery('/volunteers/{id}/passbook', { params: { id: userId }, query: { ...q } }),
  myRelatives: () => apiQuery('/me/relatives'),
  lookup: (phone: string, volunteerNo: string) => apiQuery('/people/lookup', { query: { phone, volunteerNo } }),
  declare: (relativeUserId: string, relation: Relation) => api.post('/relatives', { body: { relativeUserId, relation } }),
  staffRelatives: (q: { regionCode?: string; status?: RelationStatus; page: number; pageSize: number }) =>
    apiQuery('/relatives', { query: { ...q } }),
  decide: (linkId: string, decision: 'verify' | 'reject') => api.post(decision === 'verify' ? '/relatives/{id}/verify' : '/relatives/{id}/reject', { params: { id: linkId } }),
  transfer: (body: TransferCreateBody) => api.post('/transfers', { body }),
  donate: (body: DonationCreateBody) => api.post('/donations', { body }),
  policy: (regionCode: string) => apiQuery('/regions/{code}/ledger-policy', { params: { code: regionCode } }),
  putPolicy: (regionCode: string, body: PolicyPut) => api.put('/regions/{code}/ledger-policy', { params: { code: regionCode }, body }),
  region: (regionCode: string) => apiQuery('/regions/{code}', { params: { code: regionCode } }),
  verify: () => apiQuery('/ledger/verify'),
};

/** The link that downloads my passbook (`pdf` or `xlsx`); a plain GET with the session cookie. */
export function myPassbookHref(format: 'pdf' | 'xlsx', ledger?: Ledger): string {
  return `${API_BASE}/me/passbook.${format}${buildQuery({ ledger })}`;
}
