import type { AppContext, Actor } from '../../context';
import type { DbOrTx } from '../../db/client';
import { newId } from '../../lib/ids';
import { cityCodeOf } from '@shared/lib/region-code';
import { forbidden } from '../../lib/app-error';
import { insertAudit, listAudit } from './audit.repository';
import type { PageQuery } from '@shared/schemas/common';
import { offsetOf } from '../../lib/pagination';
import { requireRegionPath } from '../regions/index';

export interface AuditEvent {
  action: string;
  objectType: string;
  objectId?: string | null;
  /** The region holding the object: decides which region admins may read the entry. */
  regionCode: string | null;
  before?: unknown;
  after?: unknown;
  onBehalfOf?: string | null;
}

/**
 * Fields never written to the audit log, whatever the object: credentials, the full ID number,
 * the birth date (beside a masked ID number it narrows the number down; the age is kept instead),
 * and a market pickup code (with its QR), which hands over the goods to whoever holds it.
 */
const SECRET_FIELDS = new Set(['passwordHash', 'password', 'idNumberEnc', 'idNumber', 'csrfToken', 'tokenHash', 'birthDate', 'codeHash', 'pickupCode', 'pickupQr']);

function scrub(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(scrub);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) if (!SECRET_FIELDS.has(k)) out[k] = scrub(val);
    return out;
  }
  return v;
}

/**
 * Records a staff action. Call it inside the transaction that makes the change, so the
 * entry exists exactly when the change does.
 */
export async function recordAudit(ctx: AppContext, tx: DbOrTx, actor: Actor, e: AuditEvent): Promise<void> {
  await insertAudit(tx, {
    id: newId(),
    cityCode: e.regionCode ? cityCodeOf(e.regionCode) : cityCodeOf(actor.regionCode || '0000'),
    at: ctx.clock.now(),
    actorId: actor.sessionId === null && actor.name === 'system' ? null : actor.userId,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId ?? null,
    regionCode: e.regionCode,
    onBehalfOf: e.onBehalfOf ?? null,
    before: scrub(e.before),
    after: scrub(e.after),
    ip: actor.ip,
  });
}

export interface AuditListQuery extends PageQuery {
  regionCode?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  actorId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Region admins read the entries of their subtrees (or of one region inside them). */
export async function listAuditEntries(ctx: AppContext, actor: Actor, q: AuditListQuery) {
  const adminPaths = actor.grants.filter((g) => g.role === 'region_admin').map((g) => g.regionPath);
  if (adminPaths.length === 0) throw forbidden('只有区域管理员可以查看审计日志 / Only region admins read the audit log');
  let paths = adminPaths;
  if (q.regionCode) {
    const p = await requireRegionPath(ctx.db, q.regionCode);
    if (!adminPaths.some((a) => p.startsWith(a))) throw forbidden('该地区不在您的管理范围内 / That region is outside your scope');
    paths = [p];
  }
  const { limit, offset } = offsetOf(q);
  const page = await listAudit(ctx.db, {
    regionPaths: paths,
    action: q.action,
    objectType: q.objectType,
    objectId: q.objectId,
    actorId: q.actorId,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    limit,
    offset,
  });
  return { items: page.items.map((i) => ({ ...i, at: i.at.toISOString() })), total: page.total };
}
