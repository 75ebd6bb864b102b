import type { z } from 'zod';
import type {
  Campaign as CampaignSchema,
  Drive as DriveSchema,
  DriveProgress as DriveProgressSchema,
  Grid as GridSchema,
  Household as HouseholdSchema,
  HouseholdRead as HouseholdReadSchema,
  HouseholdSummary as HouseholdSummarySchema,
  MyVisits as MyVisitsSchema,
  Plan as PlanSchema,
  PensionItem as PensionItemSchema,
  Visit as VisitSchema,
  VisitRequestResult as VisitRequestResultSchema,
  ImportResult as ImportResultSchema,
  CareTag,
} from '@shared/schemas/care';
import { legacyApi as api } from '../../api/use-request';

export type Grid = z.infer<typeof GridSchema>;
export type Household = z.infer<typeof HouseholdSchema>;
export type HouseholdSummary = z.infer<typeof HouseholdSummarySchema>;
export type HouseholdRead = z.infer<typeof HouseholdReadSchema>;
export type Visit = z.infer<typeof VisitSchema>;
export type MyVisits = z.infer<typeof MyVisitsSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type Campaign = z.infer<typeof CampaignSchema>;
export type Drive = z.infer<typeof DriveSchema>;
export type DriveProgress = z.infer<typeof DriveProgressSchema>;
export type PensionItem = z.infer<typeof PensionItemSchema>;
export type VisitRequestResult = z.infer<typeof VisitRequestResultSchema>;
export type ImportResult = z.infer<typeof ImportResultSchema>;
export type { CareTag };

const id = (s: string) => encodeURIComponent(s);
type Page<T> = { items: T[]; total: number };

/** Community care: the grid worker's rounds (phone) and the community's console. */
export const careApi = {
  myVisits: (signal?: AbortSignal) => api.get<MyVisits>('/care/me/visits', undefined, signal),
  myPensionItems: (signal?: AbortSignal) => api.get<Page<PensionItem>>('/care/me/pension-items', { pageSize: 100 }, signal),
  markItem: (itemId: string, body: { status: 'self' | 'helped' | 'not_yet'; helpedById?: string; helpPlace?: 'service_point' | 'home'; reason?: 'cannot_walk' | 'away' | 'no_smartphone' | 'deceased' }) => api.post<PensionItem>(`/care/pension-items/${id(itemId)}/mark`, body),
  myGrids: (signal?: AbortSignal) => api.get<{ items: Grid[] }>('/care/grids', undefined, signal),
  grids: (communityCode: string, signal?: AbortSignal) => api.get<{ items: Grid[] }>('/care/grids', { communityCode }, signal),
  createGrid: (body: { communityCode: string; name: string; kind: 'area' | 'estate'; parentId?: string | null }) => api.post<Grid>('/care/grids', body),
  createBuilding: (body: { gridId: string; name: string; address?: string | null }) => api.post<{ id: string }>('/care/buildings', body),
  assign: (body: { gridId: string; buildingId?: string | null; userId: string; role: 'grid_worker' | 'building_head_a' | 'building_head_b' }) => api.post<{ id: string }>('/care/assignments', body),
  endAssignment: (assignmentId: string, reason: string) => api.post<{ id: string }>(`/care/assignments/${id(assignmentId)}/end`, { reason }),
  households: (query: { communityCode?: string; gridId?: string; tag?: CareTag; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<HouseholdSummary>>('/care/households', query, signal),
  household: (householdId: string, signal?: AbortSignal) => api.get<Household>(`/care/households/${id(householdId)}`, undefined, signal),
  reads: (householdId: string, signal?: AbortSignal) => api.get<Page<HouseholdRead>>(`/care/households/${id(householdId)}/reads`, { pageSize: 50 }, signal),
  recordVisit: (visitId: string, body: { method: 'door' | 'phone'; lat?: number; lng?: number; findings: string; followUpNeeded: boolean; photoBase64?: string }) => api.post<Visit>(`/care/visits/${id(visitId)}/record`, body),
  toRequest: (visitId: string, body: { residentId: string; category: string; description: string }) => api.post<VisitRequestResult>(`/care/visits/${id(visitId)}/request`, body),
  plans: (communityCode: string, signal?: AbortSignal) => api.get<{ items: Plan[] }>('/care/plans', { communityCode }, signal),
  setPlan: (body: { communityCode: string; tag: CareTag; intervalDays: number }) => api.put<Plan>('/care/plans', body),
  campaigns: (communityCode: string, signal?: AbortSignal) => api.get<{ items: Campaign[] }>('/care/campaigns', { communityCode }, signal),
  drives: (regionCode: string, signal?: AbortSignal) => api.get<{ items: Drive[] }>('/care/pension-drives', { regionCode }, signal),
  createHousehold: (body: { buildingId: string; unit: string; room: string; phone?: string | null; members: Array<{ name: string; relation: string }>; tags: Array<{ tag: CareTag; evidence: string }> }) => api.post<{ id: string }>('/care/households', body),
  createCampaign: (body: { communityCode: string; title: string; tag?: CareTag; dueAt: string }) => api.post<Campaign>('/care/campaigns', body),
  importHouseholds: (communityCode: string, fileBase64: string) => api.post<ImportResult>('/care/households/import', { communityCode, fileBase64 }),
  createDrive: (body: { regionCode: string; year: number; title: string }) => api.post<Drive>('/care/pension-drives', body),
  importDrive: (driveId: string, fileBase64: string) => api.post<ImportResult>(`/care/pension-drives/${id(driveId)}/import`, { fileBase64 }),
  driveItems: (driveId: string, query: { status?: string; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<PensionItem>>(`/care/pension-drives/${id(driveId)}/items`, query, signal),
  driveVisits: (driveId: string, itemIds: string[]) => api.post<{ created: number; visitIds: string[] }>(`/care/pension-drives/${id(driveId)}/visits`, { itemIds }),
  driveProgress: (driveId: string, signal?: AbortSignal) => api.get<DriveProgress>(`/care/pension-drives/${id(driveId)}/progress`, undefined, signal),
};
