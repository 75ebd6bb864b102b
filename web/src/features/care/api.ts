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
import { api, type ApiBody, type ApiQuery } from '../../api/client';
import { apiQuery } from '../../api/query';

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

/** Community care: the grid worker's rounds (phone) and the community's console. */
export const careApi = {
  myVisits: () => apiQuery('/care/me/visits'),
  myPensionItems: () => apiQuery('/care/me/pension-items', { query: { pageSize: 100 } }),
  markItem: (itemId: string, body: ApiBody<'/care/pension-items/{id}/mark'>) => api.post('/care/pension-items/{id}/mark', { params: { id: itemId }, body }),
  myGrids: () => apiQuery('/care/grids'),
  grids: (communityCode: string) => apiQuery('/care/grids', { query: { communityCode } }),
  createGrid: (body: ApiBody<'/care/grids'>) => api.post('/care/grids', { body }),
  createBuilding: (body: ApiBody<'/care/buildings'>) => api.post('/care/buildings', { body }),
  /** The person a phone number finds (to assign a grid role). */
  people: (q: string) => apiQuery('/users', { query: { q, page: 1, pageSize: 5 } }),
  assign: (body: ApiBody<'/care/assignments'>) => api.post('/care/assignments', { body }),
  endAssignment: (assignmentId: string, reason: string) => api.post('/care/assignments/{id}/end', { params: { id: assignmentId }, body: { reason } }),
  households: (query: ApiQuery<'/care/households'>) => apiQuery('/care/households', { query }),
  household: (householdId: string) => apiQuery('/care/households/{id}', { params: { id: householdId } }),
  reads: (householdId: string) => apiQuery('/care/households/{id}/reads', { params: { id: householdId }, query: { pageSize: 50 } }),
  recordVisit: (visitId: string, body: ApiBody<'/care/visits/{id}/record'>) => api.post('/care/visits/{id}/record', { params: { id: visitId }, body }),
  toRequest: (visitId: string, body: ApiBody<'/care/visits/{id}/request'>) => api.post('/care/visits/{id}/request', { params: { id: visitId }, body }),
  plans: (communityCode: string) => apiQuery('/care/plans', { query: { communityCode } }),
  setPlan: (body: ApiBody<'/care/plans', 'put'>) => api.put('/care/plans', { body }),
  campaigns: (communityCode: string) => apiQuery('/care/campaigns', { query: { communityCode } }),
  drives: (regionCode: string) => apiQuery('/care/pension-drives', { query: { regionCode } }),
  createHousehold: (body: ApiBody<'/care/households'>) => api.post('/care/households', { body }),
  createCampaign: (body: ApiBody<'/care/campaigns'>) => api.post('/care/campaigns', { body }),
  importHouseholds: (communityCode: string, fileBase64: string) => api.post('/care/households/import', { body: { communityCode, fileBase64 } }),
  createDrive: (body: ApiBody<'/care/pension-drives'>) => api.post('/care/pension-drives', { body }),
  importDrive: (driveId: string, fileBase64: string) => api.post('/care/pension-drives/{id}/import', { params: { id: driveId }, body: { fileBase64 } }),
  driveItems: (driveId: string, query: ApiQuery<'/care/pension-drives/{id}/items'>) => apiQuery('/care/pension-drives/{id}/items', { params: { id: driveId }, query }),
  driveVisits: (driveId: string, itemIds: string[]) => api.post('/care/pension-drives/{id}/visits', { params: { id: driveId }, body: { itemIds } }),
  driveProgress: (driveId: string) => apiQuery('/care/pension-drives/{id}/progress', { params: { id: driveId } }),
};
