import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, RegionCode, pageOf } from './common';

export const AuditEntry = z.object({
  id: Id,
  at: IsoDateTime,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  regionCode: z.string().nullable(),
  onBehalfOf: z.string().nullable(),
  /** Names read with the page (never shown as codes or ids): the object's, the region's, the person acted for. */
  objectName: z.string().nullable().optional(),
  regionName: z.string().nullable().optional(),
  onBehalfOfName: z.string().nullable().optional(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = PageQuery.extend({
  regionCode: RegionCode.optional(),
  action: z.string().max(80).optional(),
  objectType: z.string().max(40).optional(),
  objectId: z.string().max(64).optional(),
  actorId: Id.optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
});
export const AuditPage = pageOf(AuditEntry);
