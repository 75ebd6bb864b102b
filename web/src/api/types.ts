/**
 * The shapes the pages use, taken from the shared zod schemas (type-only imports: no zod at
 * runtime from here). Shapes the schemas do not name yet are written out and marked.
 */
import type { z } from 'zod';
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

/** `GET /grants` items carry the person too (server: access.routes GrantListItem). */
export type GrantListItem = Grant & { userName: string; userPhone: string };

/** `GET /me/sessions` items (server: accounts.routes Session; no shared schema yet). */
export interface SessionInfo {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  ip: string | null;
}
