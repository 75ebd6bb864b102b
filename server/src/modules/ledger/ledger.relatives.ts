import type { Actor, AppContext } from '../../context';
import { isUniqueViolation, withTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import type { RelativeCreateBody, RelativeLink } from '@shared/schemas/ledger';
import { authorize, regionScopes, regionTarget } from '../access/index';
import { recordAudit } from '../audit/index';
import { RELATIVE_VERIFY } from './ledger.policy';
import { personTarget } from './ledger.people';
import * as repo from './ledger.repository';
import * as relRepo from './relatives.repository';

/** Direct relatives (直系亲属): declared by a person, verified by staff before anything may be given. */

function toRelative(r: Pick<relRepo.RelativeRow, 'id' | 'userId' | 'relativeUserId' | 'relation' | 'status' | 'verifiedAt' | 'createdAt'> & { otherName?: string }): RelativeLink {
  return {
    id: r.id,
    userId: r.userId,
    relativeUserId: r.relativeUserId,
    relation: r.relation as RelativeLink['relation'],
    status: r.status as RelativeLink['status'],
    verifiedAt: r.verifiedAt ? r.verifiedAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
    ...(r.otherName !== undefined ? { otherName: r.otherName } : {}),
  };
}

/** A person declares a direct relative; staff verify it before anything may be given. */
export async function declareRelative(ctx: AppContext, actor: Actor, body: RelativeCreateBody): Promise<RelativeLink> {
  if (body.relativeUserId === actor.userId) throw new AppError('VALIDATION_FAILED', '不能添加自己为亲属 / You cannot add yourself', { fields: { relativeUserId: 'yourself' } });
  return withTx(ctx.db, async (tx) => {
    const me = await repo.findUserBrief(tx, actor.userId);
    const other = await repo.findUserBrief(tx, body.relativeUserId);
    if (!me || !other) throw notFound('用户 user');
    const links = await relRepo.listRelativesOf(tx, actor.userId);
    if (links.some((l) => l.status !== 'rejected' && (l.userId === body.relativeUserId || l.relativeUserId === body.relativeUserId))) {
      throw new AppError('CONFLICT', '已有与此人的亲属关系申请 / A relation with this person already exists');
    }
    try {
      const r = await relRepo.insertRelative(tx, { id: newId(), cityCode: me.cityCode, userId: actor.userId, relativeUserId: body.relativeUserId, relation: body.relation, status: 'pending', createdAt: ctx.clock.now() });
      return toRelative(r);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('CONFLICT', '已有与此人的亲属关系申请 / A relation with this person already exists');
      throw err;
    }
  });
}

/** Staff whose region holds the person who declared the link verify or reject it (once). Audited. */
export async function decideRelativeLink(ctx: AppContext, actor: Actor, id: string, decision: 'verified' | 'rejected'): Promise<RelativeLink> {
  return withTx(ctx.db, async (tx) => {
    const link = await relRepo.findRelative(tx, id);
    if (!link) throw notFound('亲属关系 relation');
    const target = await personTarget(tx, link.userId);
    authorize(actor, RELATIVE_VERIFY, { ...target, ownerId: null });
    if (link.userId === actor.userId || link.relativeUserId === actor.userId) throw new AppError('FORBIDDEN', '不能核验自己的亲属关系 / You cannot verify your own relation');
    const after = await relRepo.decideRelative(tx, id, decision, actor.userId, ctx.clock.now());
    if (!after) throw new AppError('INVALID_STATE', '该申请已处理 / This request was already decided', { status: link.status });
    await recordAudit(ctx, tx, actor, { action: decision === 'verified' ? 'relative.verify' : 'relative.reject', objectType: 'relative', objectId: id, regionCode: target.regionCode, before: link, after });
    return toRelative(after);
  });
}

export async function myRelatives(ctx: AppContext, actor: Actor): Promise<RelativeLink[]> {
  return (await relRepo.listRelativesOf(ctx.db, actor.userId)).map(toRelative);
}

/** Region admins list the relations declared by people of their subtree (by default the pending ones). */
export async function listRelativesForStaff(ctx: AppContext, actor: Actor, q: { regionCode?: string | undefined; status?: string | undefined; page: number; pageSize: number }) {
  const scopes = regionScopes(actor, RELATIVE_VERIFY.roles);
  if (scopes.length === 0) throw new AppError('FORBIDDEN', '只有区域管理员可以核验亲属关系 / Only region admins verify relations');
  let regionPath = scopes[0]!;
  if (q.regionCode) {
    const r = await regionTarget(ctx.db, q.regionCode);
    authorize(actor, RELATIVE_VERIFY, r);
    regionPath = r.regionPath;
  }
  const page = await relRepo.listRelativesInRegion(ctx.db, { regionPath, status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return {
    total: page.total,
    items: page.items.map((r) => ({ ...toRelative(r), userName: r.userName, userIdNumberMasked: r.userIdNumberMasked, relativeName: r.relativeName, relativeIdNumberMasked: r.relativeIdNumberMasked })),
  };
}

