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
