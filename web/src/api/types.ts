/**
 * The shapes the pages use, taken from the shared zod schemas (type-only imports: no zod at
 * runtime from here); shapes the schemas do not name are taken from the OpenAPI document.
 */
import type { z } from 'zod';
import type { ApiAnswer } from './client';
import type { AuditEntry as AuditEntrySchema } from '@shared/schemas/audit';
import type { Grant as GrantSchema, GrantBody as GrantBodySchema, MeResponse as MeResponseSchema, RegisterBody as RegisterBodySchema, LoginBody as LoginBodySchema, User as UserSchema } from '@shared/schemas/auth';
import type { Region as RegionSchema } from '@shared/schemas/regions';
import type { Org as OrgSchema, Station as StationSchema } from '@shared/schemas/orgs';
import type { ClaimBody as ClaimBodySchema } from '@shared/schemas/people';

export type User = z.infer<typeof UserSchema>;
export type Grant = z.infer<typeof GrantSchema>;
export type GrantBody = z.infer<typeof GrantBodySchema>;
export type MeResponse = z.infer<typeof MeResponseSchema>;
export type RegisterBody = z.infer<typeof RegisterBodySchema>;
export type LoginBody = z.infer<typeof LoginBodySchema>;
export type ClaimBody = z.infer<typeof ClaimBodySchema>;
export type Region = z.infer<typeof RegionSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type Org = z.infer<typeof OrgSchema>;
export type Station = z.infer<typeof StationSchema>;

/** Every list answers `{items, total}`. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** `GET /grants` items carry the person too. */
export type GrantListItem = ApiAnswer<'/grants'>['items'][number];

/** `GET /me/sessions` items. */
export type SessionInfo = ApiAnswer<'/me/sessions'>['items'][number];
