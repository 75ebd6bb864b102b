import { z } from 'zod';
import { ORG_STATUSES, ORG_TYPES, SERVICE_CATEGORIES, STATION_TYPES } from '../constants';
import { Id, IsoDateTime, PageQuery, RegionCode, pageOf } from './common';

export const OrgType = z.enum(ORG_TYPES);
export const OrgStatus = z.enum(ORG_STATUSES);

export const OrgCreateBody = z.object({
  name: z.string().trim().min(2).max(100),
  type: OrgType,
  regionCode: RegionCode,
  parentId: Id.optional(),
  description: z.string().max(2000).optional(),
  supervisingUnit: z.string().trim().max(100).optional(),
  serviceCategories: z.array(z.enum(SERVICE_CATEGORIES)).max(14).optional(),
  contactName: z.string().trim().max(40).optional(),
  contactPhone: z.string().trim().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '联系电话无效 / Invalid contact number').optional(),
});
export type OrgCreateBody = z.infer<typeof OrgCreateBody>;

export const Org = z.object({
  id: Id,
  name: z.string(),
  type: OrgType,
  regionCode: z.string(),
  regionName: z.string().nullable(),
  parentId: z.string().nullable(),
  description: z.string().nullable(),
  supervisingUnit: z.string().nullable(),
  serviceCategories: z.array(z.string()),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  status: OrgStatus,
  statusReason: z.string().nullable(),
  memberCount: z.number().int().optional(),
  createdAt: IsoDateTime,
});
export type Org = z.infer<typeof Org>;

export const OrgUpdateBody = OrgCreateBody.partial().omit({ regionCode: true });
export const OrgStateBody = z.object({ action: z.enum(['suspend', 'reinstate', 'dissolve']), reason: z.string().trim().min(2).max(500) });

export const OrgReviewBody = z.object({
  decision: z.enum(['approve', 'reject', 'request_changes']),
  reason: z.string().trim().max(500).optional(),
});

export const OrgListQuery = PageQuery.extend({
  regionCode: RegionCode.optional(),
  status: OrgStatus.optional(),
  type: OrgType.optional(),
  q: z.string().max(50).optional(),
});
export const OrgPage = pageOf(Org);

export const StationType = z.enum(STATION_TYPES);
export const StationCreateBody = z.object({
  name: z.string().trim().min(2).max(100),
  type: StationType.default('community_station'),
  regionCode: RegionCode,
  address: z.string().trim().min(2).max(200),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  openingHours: z.string().max(200).optional(),
});
export const Station = z.object({
  id: Id,
  name: z.string(),
  type: StationType,
  regionCode: z.string(),
  regionName: z.string().nullable(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  openingHours: z.string().nullable(),
  createdAt: IsoDateTime,
});
export const StationListQuery = PageQuery.extend({ regionCode: RegionCode.optional(), type: StationType.optional(), q: z.string().max(50).optional() });
export const StationPage = pageOf(Station);
