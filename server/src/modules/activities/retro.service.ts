import type { AppContext, Actor } from '../../context';
import { withTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { chinaDate } from '../../lib/working-days';
import type { PageQuery } from '@shared/schemas/common';
import { recordAudit } from '../audit/index';
import { trackStats, countNew } from '../stats/index';
import { countNewHours, trackHours } from '../honours/index';
import { countNewRankings, trackRankings } from '../rankings/index';
import { assertNotSelfBenefit, authorize, orgTarget, regionScopes } from '../access/index';
import { findOrgView, isActiveMember } from '../orgs/index';
import { DEFAULT_POLICY, effectivePolicy } from '../ledger/index';
import { requireRegionPath } from '../regions/index';
import { notify } from '../notifications/index';
import { RECORD_APPROVE, RECORD_MANAGE } from './activities.policy';
import { creditRecord, toRecord } from './records.service';
import * as repo from './activities.repository';

/** 补录 never reaches before this (the platform's records start in 2000). */
export const RETRO_EARLIEST = new Date('2000-01-01T00:00:00+08:00');
const DAY_MS = 86_400_000;

export interface RetroRecordInput {
  volunteerId: string;
  orgId: string;
  startedAt: string;
  endedAt: string;
  content: string;
  place?: string | undefined;
  evidenceNote: string;
}

function field(name: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', undefined, { fields: { [name]: message } });
}

/**
 * 补录: an org admin records service done outside an activity for a member of the organisation,
 * with a required evidence note. Only for an active organisation and a member of it; never for
 * oneself (four eyes); within the region policy's window (default 90 days), never before 2000 or
 * in the future; never overlapping another record of the same person. Above the policy's
 * threshold (more than 4 hours, or more than 3 retroactive records of the person in the calendar
 * month) it waits, uncredited, for a second staff member's approval; otherwise it is credited.
 * Audited; the volunteer is told (and may dispute it once confirmed).
 */
export async function createRetroactiveRecord(ctx: AppContext, actor: Actor, body: RetroRecordInput) {
  return withTx(ctx.db, async (tx) => {
    authorize(actor, RECORD_MANAGE, await orgTarget(tx, body.orgId));
    assertNotSelfBenefit(actor, { beneficiaryUserIds: [body.volunteerId], reason: '不能为自己补录服务记录，须由组织的其他管理员办理 / You cannot record your own past service; another admin of the organisation must' });
    const org = (await findOrgView(tx, body.orgId))!;
    if (org.status !== 'active') throw new AppError('INVALID_STATE', '组织不在正常状态，不能补录 / The organisation is not active', { reason: 'org_not_active', status: org.status });
    if (!(await isActiveMember(tx, body.orgId, body.volunteerId))) throw new AppError('FORBIDDEN', '只能为本组织在册成员补录 / Only for members of the organisation', { reason: 'not_member' });
    const person = await repo.personBrief(tx, body.volunteerId);
    const regionCode = person?.regionCode ?? org.regionCode;
    const startedAt = new Date(body.startedAt);
    const endedAt = new Date(body.endedAt);
    const now = ctx.clock.now();
    const policy = (await effectivePolicy(tx, await requireRegionPath(tx, regionCode), now)) ?? DEFAULT_POLICY;
    if (endedAt > now) throw field('endedAt', '不能补录尚未发生的服务 / Cannot record service in the future');
    if (startedAt < RETRO_EARLIEST) throw field('startedAt', '不能补录2000年以前的服务 / Nothing before 2000');
    if (startedAt.getTime() < now.getTime() - policy.retroWindowDays * DAY_MS) {
      throw field('startedAt', `只能补录${policy.retroWindowDays}天以内的服务 / Only service within the last ${policy.retroWindowDays} days`);
    }
    const minutes = Math.floor((endedAt.getTime() - startedAt.getTime()) / 60_000);
    if (minutes > 24 * 60) throw field('endedAt', '单次补录不超过24小时 / At most 24 hours at a time');
    // one person's records are written one at a time: two overlapping 补录 cannot both pass
    await repo.lockPersonRecords(tx, body.volunteerId);
    const clash = await repo.overlappingRecord(tx, body.volunteerId, startedAt, endedAt);
    if (clash) {
      throw new AppError('CONFLICT', `与已有服务记录“${clash.activityTitle}”（${clash.serviceDate}）时间重叠 / Overlaps the record “${clash.activityTitle}” of ${clash.serviceDate}`, {
        reason: 'overlap',
        recordId: clash.id,
      });
    }
    const present = await repo.overlappingAttendance(tx, body.volunteerId, startedAt, endedAt);
    if (present) {
      throw new AppError('CONFLICT', `与活动“${present.title}”的签到时间重叠，请在活动结算中处理 / Overlaps the attendance at “${present.title}”; settle it with the activity`, {
        reason: 'overlap',
        activityId: present.activityId,
      });
    }
    const serviceDate = chinaDate(startedAt);
    const sameMonth = await repo.countRetroInMonth(tx, body.volunteerId, serviceDate.slice(0, 7));
    const overLength = minutes > policy.retroApprovalMinutes;
    const overCount = sameMonth >= policy.retroMonthlyLimit;
    const pending = overLength || overCount;
    const { row } = await repo.insertRecord(tx, {
      id: newId(),
      cityCode: org.regionCode.slice(0, 4),
      volunteerId: body.volunteerId,
      orgId: body.orgId,
      activityId: null,
      kind: 'retroactive',
      status: pending ? 'pending_approval' : 'confirmed',
      activityTitle: body.content.slice(0, 60),
      serviceDate,
      place: body.place ?? org.regionName ?? org.name,
      content: body.content,
      orgName: org.name,
      personInCharge: actor.name,
      regionCode,
      startedAt,
      endedAt,
      minutes,
      creditedMinutes: 0,
      points: 0,
      evidenceNote: body.evidenceNote,
      createdBy: actor.userId,
      createdAt: now,
    });
    await countNew(tx, 'record', [row.id]);
    await countNewHours(ctx, tx, [row.id]);
    let final = row;
    if (pending) {
      await notify(ctx, tx, {
        userId: row.volunteerId,
        regionCode,
        kind: 'retro_pending',
        title: `补录待审核：${row.activityTitle}`,
        body: `${row.serviceDate} 服务 ${row.minutes} 分钟（${org.name}补录），须经另一名工作人员审核后计入。如有异议，可在审核后的“我的记录”中提出。`,
        objectType: 'service_record',
        objectId: row.id,
      });
    } else {
      const credit = await creditRecord(ctx, tx, row, actor.userId);
      final = await repo.setCredit(tx, row.id, credit.creditedMinutes, credit.points);
    }
    // once final: confirmed and credited, or pending (which counts nowhere yet)
    await countNewRankings(tx, [row.id]);
    await recordAudit(ctx, tx, actor, {
      action: 'service_record.retroactive',
      objectType: 'service_record',
      objectId: row.id,
      regionCode: org.regionCode,
      onBehalfOf: body.volunteerId,
      before: null,
      after: { ...final, approval: pending ? { overLength, overCount, sameMonth } : null },
    });
    return toRecord(final);
  });
}

/**
 * 补录 waiting for approval that this actor may decide: of an organisation they run (orgId), or
 * of the organisations in their regions; never their own records or those they recorded.
 */
export async function listPendingRetro(ctx: AppContext, actor: Actor, q: PageQuery & { orgId?: string | undefined }) {
  const { limit, offset } = offsetOf(q);
  let filter: { orgIds?: string[]; regionPaths?: string[] };
  if (q.orgId) {
    authorize(actor, RECORD_APPROVE, await orgTarget(ctx.db, q.orgId));
    filter = { orgIds: [q.orgId] };
  } else {
    const orgIds = actor.grants.filter((g) => g.role === 'org_admin' && g.orgId).map((g) => g.orgId!);
    const regionPaths = regionScopes(actor, ['region_admin']);
    if (!orgIds.length && !regionPaths.length) throw new AppError('FORBIDDEN', '只有组织或区域管理员审核补录 / Only organisation or region admins approve these');
    filter = { orgIds, regionPaths };
  }
  const page = await repo.listPendingRetro(ctx.db, { ...filter, excludeUserId: actor.userId, limit, offset });
  return { total: page.total, ...(page.capped ? { totalIsLowerBound: true } : {}), items: page.items.map((x) => toRecord(x.record, x.volunteerName)) };
}

async function loadPending(ctx: AppContext, tx: Parameters<Parameters<typeof withTx>[1]>[0], actor: Actor, id: string) {
  const r = await repo.findRecord(tx, id, { lock: true });
  if (!r || r.kind !== 'retroactive' || !r.orgId) throw notFound('补录 retroactive record');
  authorize(actor, RECORD_APPROVE, await orgTarget(tx, r.orgId));
  // four eyes: a second staff member, neither the volunteer nor the one who recorded it
  assertNotSelfBenefit(actor, { beneficiaryUserIds: [r.volunteerId, r.createdBy], reason: '补录须由录入人和志愿者本人以外的工作人员审核 / A past record is approved by a staff member other than its recorder and its volunteer' });
  if (r.status !== 'pending_approval') throw new AppError('INVALID_STATE', '该补录不在待审核状态 / The record is not waiting for approval', { status: r.status });
  return r;
}

/** A second staff member approves a pending 补录: it is confirmed and credited; audited; the volunteer is told. */
export async function approveRetro(ctx: AppContext, actor: Actor, id: string) {
  return withTx(ctx.db, async (tx) => {
    const r = await loadPending(ctx, tx, actor, id);
    const now = ctx.clock.now();
    const final = await trackRankings(tx, [r.id], async () => {
      const approved = (await trackHours(ctx, tx, [r.id], () => trackStats(tx, 'record', [r.id], () => repo.reviewRecord(tx, r.id, { status: 'confirmed', reviewedBy: actor.userId, reviewedAt: now, reviewReason: null }))))!;
      const credit = await creditRecord(ctx, tx, approved, actor.userId);
      return repo.setCredit(tx, r.id, credit.creditedMinutes, credit.points);
    });
    await recordAudit(ctx, tx, actor, { action: 'service_record.retroactive.approve', objectType: 'service_record', objectId: r.id, regionCode: r.regionCode, onBehalfOf: r.volunteerId, before: { status: r.status }, after: final });
    return toRecord(final);
  });
}

/** A second staff member rejects a pending 补录 with a reason: nothing is credited; audited; the volunteer is told why. */
export async function rejectRetro(ctx: AppContext, actor: Actor, id: string, reason: string) {
  return withTx(ctx.db, async (tx) => {
    const r = await loadPending(ctx, tx, actor, id);
    const now = ctx.clock.now();
    const rejected = (await repo.reviewRecord(tx, r.id, { status: 'rejected', reviewedBy: actor.userId, reviewedAt: now, reviewReason: reason }))!;
    await recordAudit(ctx, tx, actor, { action: 'service_record.retroactive.reject', objectType: 'service_record', objectId: r.id, regionCode: r.regionCode, onBehalfOf: r.volunteerId, before: { status: r.status }, after: { status: 'rejected', reason } });
    await notify(ctx, tx, {
      userId: r.volunteerId,
      regionCode: r.regionCode,
      kind: 'retro_reviewed',
      title: `补录未通过审核：${r.activityTitle}`,
      body: `原因：${reason}。如有疑问，请联系${r.orgName}。`,
      objectType: 'service_record',
      objectId: r.id,
    });
    return toRecord(rejected);
  });
}
