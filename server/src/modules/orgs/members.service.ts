import type { AppContext, Actor } from '../../context';
import { isUniqueViolation, withTx, type Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { maskPhone } from '@shared/lib/phone';
import type { MemberRole } from '@shared/constants';
import type { PageQuery } from '@shared/schemas/common';
import { recordAudit } from '../audit/index';
import { authorize, can, orgTarget } from '../access/index';
import { findUserView } from '../accounts/index';
import { MEMBERS_MANAGE, MEMBERS_VIEW } from './orgs.policy';
import * as orgRepo from './orgs.repository';
import * as repo from './members.repository';

type View = NonNullable<Awaited<ReturnType<typeof repo.findMemberView>>>;

export function toMember(m: View, fullPhone: boolean) {
  return {
    ...m,
    role: m.role as MemberRole,
    status: m.status as 'requested',
    phone: fullPhone ? m.phone : maskPhone(m.phone),
    createdAt: m.createdAt.toISOString(),
    decidedAt: m.decidedAt?.toISOString() ?? null,
  };
}

async function activeOrg(tx: Tx, orgId: string) {
  const org = await orgRepo.findOrg(tx, orgId);
  if (!org) throw notFound('组织 organisation');
  if (org.status !== 'active') throw new AppError('INVALID_STATE', '该组织尚未通过审核或已停用 / The organisation is not active', { status: org.status });
  return org;
}

async function open(ctx: AppContext, tx: Tx, orgId: string, userId: string, status: 'requested' | 'invited' | 'active', extra: { role?: MemberRole; message?: string | null; invitedBy?: string | null; decidedBy?: string | null }) {
  const org = await activeOrg(tx, orgId);
  const now = ctx.clock.now();
  try {
    return await repo.insertMembership(tx, {
      id: newId(),
      cityCode: org.cityCode,
      orgId,
      userId,
      role: extra.role ?? 'member',
      status,
      message: extra.message ?? null,
      invitedBy: extra.invitedBy ?? null,
      decidedBy: extra.decidedBy ?? null,
      decidedAt: status === 'active' ? now : null,
      createdAt: now,
      updatedAt: now,
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', '已是成员，或已有待处理的申请或邀请 / Already a member, or a request or invitation is open');
    throw err;
  }
}

/** A volunteer asks to join; the org admin approves or rejects. */
export async function requestToJoin(ctx: AppContext, actor: Actor, orgId: string, message: string | undefined) {
  return withTx(ctx.db, async (tx) => {
    const m = await open(ctx, tx, orgId, actor.userId, 'requested', { message: message ?? null });
    return toMember((await repo.findMemberView(tx, m.id))!, true);
  });
}

/** The org admin invites a person; the invitee accepts or declines. */
export async function invite(ctx: AppContext, actor: Actor, orgId: string, userId: string, role: MemberRole | undefined) {
  return withTx(ctx.db, async (tx) => {
    authorize(actor, MEMBERS_MANAGE, await orgTarget(tx, orgId));
    if (!(await findUserView(tx, userId))) throw notFound('用户 user');
    const m = await open(ctx, tx, orgId, userId, 'invited', { role, invitedBy: actor.userId });
    await recordAudit(ctx, tx, actor, { action: 'org.member.invite', objectType: 'membership', objectId: m.id, regionCode: (await orgRepo.findOrg(tx, orgId))!.regionCode, before: null, after: m });
    return toMember((await repo.findMemberView(tx, m.id))!, false);
  });
}

/** The org admin adds a person directly (the contract's POST /orgs/:id/members); audited, the person may leave. */
export async function addMember(ctx: AppContext, actor: Actor, orgId: string, userId: string, role: MemberRole | undefined) {
  return withTx(ctx.db, async (tx) => {
    authorize(actor, MEMBERS_MANAGE, await orgTarget(tx, orgId));
    if (!(await findUserView(tx, userId))) throw notFound('用户 user');
    const m = await open(ctx, tx, orgId, userId, 'active', { role, invitedBy: actor.userId, decidedBy: actor.userId });
    await recordAudit(ctx, tx, actor, { action: 'org.member.add', objectType: 'membership', objectId: m.id, regionCode: (await orgRepo.findOrg(tx, orgId))!.regionCode, onBehalfOf: userId, before: null, after: m });
    return toMember((await repo.findMemberView(tx, m.id))!, false);
  });
}

export async function decideRequest(ctx: AppContext, actor: Actor, membershipId: string, decision: 'approve' | 'reject', reason: string | undefined) {
  return withTx(ctx.db, async (tx) => {
    const m = await repo.findMembership(tx, membershipId);
    if (!m) throw notFound('申请 request');
    authorize(actor, MEMBERS_MANAGE, await orgTarget(tx, m.orgId));
    if (decision === 'approve') await activeOrg(tx, m.orgId);
    const now = ctx.clock.now();
    const after = await repo.transition(tx, m.id, 'requested', { status: decision === 'approve' ? 'active' : 'rejected', reason: reason ?? null, decidedBy: actor.userId, decidedAt: now, updatedAt: now });
    if (!after) throw new AppError('INVALID_STATE', '该申请已处理 / This request was already decided', { status: m.status });
    await recordAudit(ctx, tx, actor, { action: `org.member.${decision}`, objectType: 'membership', objectId: m.id, regionCode: (await orgRepo.findOrg(tx, m.orgId))!.regionCode, before: m, after });
    return toMember((await repo.findMemberView(tx, m.id))!, false);
  });
}

export async function respondToInvitation(ctx: AppContext, actor: Actor, membershipId: string, accept: boolean) {
  return withTx(ctx.db, async (tx) => {
    const m = await repo.findMembership(tx, membershipId);
    if (!m || m.userId !== actor.userId) throw notFound('邀请 invitation');
    if (accept) await activeOrg(tx, m.orgId);
    const now = ctx.clock.now();
    const after = await repo.transition(tx, m.id, 'invited', { status: accept ? 'active' : 'declined', decidedAt: now, updatedAt: now });
    if (!after) throw new AppError('INVALID_STATE', '该邀请已处理 / This invitation was already answered', { status: m.status });
    return toMember((await repo.findMemberView(tx, m.id))!, true);
  });
}

/** A member leaves (or withdraws a request); an org admin removes a member (audited). */
export async function leaveOrRemove(ctx: AppContext, actor: Actor, membershipId: string, reason: string | undefined) {
  return withTx(ctx.db, async (tx) => {
    const m = await repo.findMembership(tx, membershipId);
    if (!m) throw notFound('成员 membership');
    const self = m.userId === actor.userId;
    const target = await orgTarget(tx, m.orgId);
    if (!self) authorize(actor, MEMBERS_MANAGE, target);
    const now = ctx.clock.now();
    const to = self ? 'left' : 'removed';
    let after = await repo.transition(tx, m.id, 'active', { status: to, reason: reason ?? null, decidedAt: now, updatedAt: now });
    if (!after && self) after = await repo.transition(tx, m.id, 'requested', { status: 'left', decidedAt: now, updatedAt: now });
    if (!after) throw new AppError('INVALID_STATE', '不是在册成员 / Not an active member', { status: m.status });
    if (!self) await recordAudit(ctx, tx, actor, { action: 'org.member.remove', objectType: 'membership', objectId: m.id, regionCode: target.regionCode, before: m, after });
    return toMember((await repo.findMemberView(tx, m.id))!, self);
  });
}

export async function changeRole(ctx: AppContext, actor: Actor, membershipId: string, role: MemberRole) {
  return withTx(ctx.db, async (tx) => {
    const m = await repo.findMembership(tx, membershipId);
    if (!m) throw notFound('成员 membership');
    const target = await orgTarget(tx, m.orgId);
    authorize(actor, MEMBERS_MANAGE, target);
    const after = await repo.transition(tx, m.id, 'active', { role, updatedAt: ctx.clock.now() });
    if (!after) throw new AppError('INVALID_STATE', '不是在册成员 / Not an active member');
    await recordAudit(ctx, tx, actor, { action: 'org.member.role', objectType: 'membership', objectId: m.id, regionCode: target.regionCode, before: m, after });
    return toMember((await repo.findMemberView(tx, m.id))!, false);
  });
}

export async function listMembers(ctx: AppContext, actor: Actor, orgId: string, q: PageQuery & { status?: string | undefined; q?: string | undefined }) {
  const target = await orgTarget(ctx.db, orgId);
  authorize(actor, MEMBERS_VIEW, target);
  const fullPhone = can(actor, MEMBERS_MANAGE, target) || actor.grants.some((g) => g.role === 'region_admin' && target.regionPath.startsWith(g.regionPath));
  const { limit, offset } = offsetOf(q);
  const page = await repo.listMembers(ctx.db, { orgId, status: q.status, q: q.q, limit, offset });
  return { total: page.total, items: page.items.map((m) => toMember(m, fullPhone)) };
}

export async function* iterateMembers(ctx: AppContext, actor: Actor, orgId: string, q: { status?: string | undefined; q?: string | undefined }) {
  for (let page = 1; ; page++) {
    const r = await listMembers(ctx, actor, orgId, { ...q, page, pageSize: 100 });
    yield* r.items;
    if (r.items.length < 100) return;
  }
}

export async function myMemberships(ctx: AppContext, actor: Actor) {
  const rows = await repo.listMembershipsOfUser(ctx.db, actor.userId);
  return rows.map((m) => toMember(m, true));
}
