import type { AppContext, Actor } from '../../context';
import { RetryTransactionError, withTx, type Tx } from '../../db/client';
import type { serviceRecords } from '../../db/schema/index';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { chinaDate } from '../../lib/working-days';
import type { ServiceRecord, SettleFlag } from '@shared/schemas/activities';
import type { PageQuery } from '@shared/schemas/common';
import { recordAudit } from '../audit/index';
import { trackStats, countNew } from '../stats/index';
import { countNewHours, revokeCertificatesFor, trackHours } from '../honours/index';
import { countNewRankings, trackPointsChange, trackRankings } from '../rankings/index';
import { assertNotSelfBenefit, authorize, benefitsSelf, can, orgTarget, regionScopes, regionTarget } from '../access/index';
import { findOrgView } from '../orgs/index';
import { creditServices, creditedServiceKeys, reverse, serviceCreditTransfers } from '../ledger/index';
import { notify, notifyMany } from '../notifications/index';
import { ACTIVITY_MANAGE, ACTIVITY_OVERSEE, ACTIVITY_REVIEW, RECORD_MANAGE, RECORD_MANAGE_COMMUNITY } from './activities.policy';
import { activityTarget, loadActivity } from './activities.service';
import { measuredMinutes, settleFlags } from './checkin.service';
import * as repo from './activities.repository';
import { defineJob, enqueueIfServing } from '../../jobs/define';

export function toRecord(r: repo.RecordRow, volunteerName?: string): ServiceRecord {
  return {
    id: r.id,
    volunteerId: r.volunteerId,
    ...(volunteerName ? { volunteerName } : {}),
    orgId: r.orgId,
    orgName: r.orgName,
    activityId: r.activityId,
    requestId: r.requestId,
    activityTitle: r.activityTitle,
    kind: r.kind as ServiceRecord['kind'],
    status: r.status as ServiceRecord['status'],
    serviceDate: r.serviceDate,
    place: r.place,
    content: r.content,
    personInCharge: r.personInCharge,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt.toISOString(),
    minutes: r.minutes,
    creditedMinutes: r.creditedMinutes,
    points: r.points,
    adjustmentReason: r.adjustmentReason,
    minutesOverridden: r.minutesOverridden,
    originalMinutes: r.originalMinutes,
    evidenceNote: r.evidenceNote,
    reviewedBy: r.reviewedBy,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewReason: r.reviewReason,
    reversesId: r.reversesId,
    createdAt: r.createdAt.toISOString(),
  };
}

export function creditKey(recordId: string) {
  return `service-record:${recordId}`;
}

/** Credits the time bank for a record (exactly once per record) and tells the volunteer (no 被志愿). */
export async function creditRecord(ctx: AppContext, tx: Tx, r: repo.RecordRow, actorId: string | null) {
  return (await creditRecords(ctx, tx, [r], actorId))[0]!;
}

/**
 * Credits many records in the caller's transaction (a settlement's chunk): the ledger's set-based
 * credit, one notification statement for those newly credited. Exactly once per record.
 */
export async function creditRecords(ctx: AppContext, tx: Tx, rows: readonly repo.RecordRow[], actorId: string | null) {
  const credits = await creditServices(
    ctx,
    tx,
    rows.map((r) => ({
      userId: r.volunteerId,
      regionCode: r.regionCode,
      measuredMinutes: r.minutes,
      at: r.startedAt,
      objectType: 'service_record',
      objectId: r.id,
      idempotencyKey: creditKey(r.id),
      actorId,
    })),
  );
  await notifyMany(
    ctx,
    tx,
    rows.flatMap((r, i) => {
      const credit = credits[i]!;
      if (credit.replayed) return [];
      return [
        {
          userId: r.volunteerId,
          regionCode: r.regionCode,
          kind: 'service_credited' as const,
          title: `服务时长已记录：${r.activityTitle}`,
          body: `${r.serviceDate} 服务 ${r.minutes} 分钟，计入 ${credit.creditedMinutes} 分钟、${credit.points} 积分（${r.orgName}）。如有异议，可在“我的记录”中提出。`,
          objectType: 'service_record',
          objectId: r.id,
        },
      ];
    }),
  );
  return credits;
}

/** People credited per transaction when a settlement credits its roster. */
export const SETTLE_CREDIT_CHUNK = 100;

/**
 * Settles an activity's roster: each entry becomes a service record (art. 7 fields) with the
 * measured minutes (check-in to check-out, clipped to the activity), or the organiser's figure
 * when a reason is given (never more than the activity's length; marked minutesOverridden, the
 * measured figure kept); audited.
 *
 * Four eyes: the settler's own attendance is skipped and listed for another staff member.
 * Evidence: attendance without location, outside the fence or closed automatically needs an
 * explicit decision (include, or exclude with a reason); undecided ones refuse the whole call.
 *
 * The records are written in one transaction holding only the activity; the roster is then
 * credited SETTLE_CREDIT_CHUNK people per short transaction (people's locks, then accounts, each
 * in id order: concurrent settlements cannot deadlock, and the city's issuance accounts are
 * held for one chunk, not the whole roster).
 * Crediting is idempotent per record, so a repeat — or a retry after a partial failure —
 * credits whoever is still uncredited and nobody twice.
 */
export async function settle(ctx: AppContext, actor: Actor, activityId: string, entries: SettleEntry[], beneficiaries?: Beneficiaries, opts: { creditChunk?: number } = {}) {
  const written = await withTx(ctx.db, (tx) => writeSettlement(ctx, tx, actor, activityId, entries, beneficiaries));
  const ids = [...written.toCredit].sort();
  // The records are committed; their credits follow in chunks. Should this process die before the
  // last chunk, the job (kept by pg-boss on PostgreSQL) credits the rest a minute later, on any
  // process; crediting is idempotent per record, so when all went well it finds nothing to do.
  if (ids.length) {
    await enqueueIfServing(ctx, SETTLEMENT_CREDIT_JOB, { activityId, actorId: actor.userId, recordIds: ids }, { startAfterSeconds: 60 }).catch((err: unknown) => ctx.log.warn({ err, activityId }, 'settlement credit job not enqueued'));
  }
  const credited = await creditSettled(ctx, actor.userId, activityId, ids, opts.creditChunk ?? SETTLE_CREDIT_CHUNK);
  return { records: written.records.map((r) => credited.get(r.id) ?? r), skipped: written.skipped, excluded: written.excluded };
}

/**
 * Credits a settlement's records, SETTLE_CREDIT_CHUNK per short transaction (people's locks, then
 * accounts, each in id order), and marks the activity settled once everyone present is credited
 * or left out. Each record is credited once (the ledger's idempotency key per record): a repeat —
 * the settlement called again, or the job after a crash — credits only what is still uncredited.
 */
async function creditSettled(ctx: AppContext, actorId: string, activityId: string, ids: readonly string[], chunkSize: number): Promise<Map<string, ServiceRecord>> {
  const credited = new Map<string, ServiceRecord>();
  for (let i = 0; i < ids.length; i += chunkSize) {
    const chunk = ids.slice(i, i + chunkSize);
    const rows = await withTx(ctx.db, async (tx) => {
      const records = await repo.recordsByIds(tx, chunk);
      const credits = await creditRecords(ctx, tx, records, actorId);
      // the points credited move the rankings (by their difference: minutes and participations were counted with the records)
      const before = await repo.lockRecordPoints(tx, chunk);
      const after = await repo.setCredits(
        tx,
        records.map((r, k) => ({ id: r.id, creditedMinutes: credits[k]!.creditedMinutes, points: credits[k]!.points })),
      );
      await trackPointsChange(tx, before, after);
      return after;
    });
    for (const r of rows) credited.set(r.id, toRecord(r));
  }
  await markSettledIfComplete(ctx, activityId);
  return credited;
}

export const SETTLEMENT_CREDIT_JOB = 'settlement-credit';
defineJob<{ activityId: string; actorId: string; recordIds: string[] }>(
  SETTLEMENT_CREDIT_JOB,
  async (ctx, data) => {
    await creditSettled(ctx, data.actorId, data.activityId, [...data.recordIds].sort(), SETTLE_CREDIT_CHUNK);
  },
  { retryLimit: 5, expireInSeconds: 10 * 60 },
);

/** 受益人数 the organiser records at settlement (a later settlement call may correct it). */
export interface Beneficiaries {
  count: number;
  category: string;
}

export interface SettleEntry {
  userId: string;
  minutes?: number | undefined;
  reason?: string | undefined;
  decision?: 'include' | 'exclude' | undefined;
}

/** The first step of a settlement, in the caller's transaction: checks, decisions and records, no credit yet. */
export async function writeSettlement(ctx: AppContext, tx: Tx, actor: Actor, activityId: string, entries: SettleEntry[], beneficiaries?: Beneficiaries) {
  const a = await loadActivity(tx, activityId, { lock: true });
  const target = await activityTarget(tx, a);
  // the organisation's admins settle; the region's admins may too (a second staff member for an organiser's own hours)
  if (!can(actor, ACTIVITY_REVIEW, target)) authorize(actor, ACTIVITY_MANAGE, target);
  const now = ctx.clock.now();
  if (a.status !== 'published') throw new AppError('INVALID_STATE', '只有已发布的活动可以结算 / Only published activities are settled', { status: a.status });
  if (now < a.startsAt) throw new AppError('INVALID_STATE', '活动开始后才能结算 / Settle from the start of the activity', { reason: 'not_started' });
  const org = (await findOrgView(tx, a.orgId))!;
  const lengthMinutes = Math.floor((a.endsAt.getTime() - a.startsAt.getTime()) / 60_000);
  const problems: Record<string, string> = {};
  const undecided: Array<{ userId: string; flags: SettleFlag[] }> = [];
  const skipped: Array<{ userId: string; reason: 'self_benefit'; message: string }> = [];
  const excluded: Array<{ userId: string; reason: string }> = [];
  const answered: Array<ServiceRecord | { pendingId: string }> = [];
  const toCredit = new Set<string>();
  const toInsert: Array<typeof serviceRecords.$inferInsert> = [];
  const afterInsert: Array<{ id: string; audits: Array<Parameters<typeof recordAudit>[3]> }> = [];
  const userIds = entries.map((e) => e.userId);
  const attendanceOf = new Map((await repo.attendanceOfUsers(tx, a.id, userIds)).map((x) => [x.userId, x]));
  const recordOf = new Map((await repo.activityRecordsOfUsers(tx, a.id, userIds)).map((x) => [x.volunteerId, x]));
  for (const [i, e] of entries.entries()) {
    if (benefitsSelf(actor, { beneficiaryUserIds: [e.userId] })) {
      skipped.push({ userId: e.userId, reason: 'self_benefit', message: '本人的服务时长须由另一名工作人员结算 / Your own hours are settled by another staff member' });
      continue;
    }
    const att = attendanceOf.get(e.userId);
    if (!att) {
      problems[`entries.${i}.userId`] = '没有签到记录；无手机的志愿者请先补登签到 / No attendance; record it by hand first';
      continue;
    }
    const existing = recordOf.get(e.userId);
    if (existing) {
      // already settled: answered as it stands, and credited if a partial failure left it uncredited
      answered.push(toRecord(existing));
      toCredit.add(existing.id);
      continue;
    }
    const flags = settleFlags(att);
    if (!e.decision && att.settleDecision === 'exclude') {
      // left out by an earlier settlement: a repeat answers that decision
      excluded.push({ userId: e.userId, reason: att.settleDecisionReason ?? '' });
      continue;
    }
    const decision = e.decision ?? (att.settleDecision as 'include' | 'exclude' | null);
    if (flags.length && !decision) {
      undecided.push({ userId: e.userId, flags });
      continue;
    }
    if (decision === 'exclude') {
      if (!e.reason) {
        problems[`entries.${i}.reason`] = '不计入须写明原因 / Leaving it out needs a reason';
        continue;
      }
      await repo.decideAttendance(tx, att.id, { settleDecision: 'exclude', settleDecidedBy: actor.userId, settleDecisionReason: e.reason });
      await recordAudit(ctx, tx, actor, { action: 'activity.settle.exclude', objectType: 'attendance', objectId: att.id, regionCode: a.regionCode, onBehalfOf: e.userId, before: { flags: att.flags }, after: { decision: 'exclude', reason: e.reason } });
      await notify(ctx, tx, {
        userId: e.userId,
        regionCode: a.regionCode,
        kind: 'attendance_excluded',
        title: `签到未计入服务时长：${a.title}`,
        body: `原因：${e.reason}。如有异议，请联系${org.name}。`,
        objectType: 'activity',
        objectId: a.id,
      });
      excluded.push({ userId: e.userId, reason: e.reason });
      continue;
    }
    const measured = att.checkoutAt ? measuredMinutes(a, att.checkinAt, att.checkoutAt) : null;
    if (e.minutes !== undefined && e.minutes !== measured && !e.reason) {
      problems[`entries.${i}.reason`] = '调整时长须写明原因 / An adjustment needs a reason';
      continue;
    }
    if (e.minutes === undefined && measured === null) {
      problems[`entries.${i}.minutes`] = '尚未签退，请填写时长并说明原因 / Not checked out: give the minutes and a reason';
      continue;
    }
    const minutes = e.minutes ?? measured!;
    if (minutes > lengthMinutes) {
      problems[`entries.${i}.minutes`] = `不能超过活动时长 ${lengthMinutes} 分钟 / At most the activity's ${lengthMinutes} minutes`;
      continue;
    }
    if (flags.length) await repo.decideAttendance(tx, att.id, { settleDecision: 'include', settleDecidedBy: actor.userId, settleDecisionReason: e.reason ?? null });
    const startedAt = new Date(Math.max(att.checkinAt.getTime(), a.startsAt.getTime()));
    const endedAt = att.checkoutAt ? new Date(Math.min(att.checkoutAt.getTime(), a.endsAt.getTime())) : a.endsAt;
    const adjusted = e.minutes !== undefined && e.minutes !== measured;
    const id = newId();
    toInsert.push({
      id,
      cityCode: a.cityCode,
      volunteerId: e.userId,
      orgId: a.orgId,
      activityId: a.id,
      kind: 'activity',
      status: 'confirmed',
      activityTitle: a.title,
      serviceDate: chinaDate(a.startsAt),
      place: a.address,
      content: a.description.slice(0, 1000),
      orgName: org.name,
      personInCharge: a.personInCharge,
      regionCode: a.regionCode,
      startedAt,
      endedAt: endedAt > startedAt ? endedAt : startedAt,
      minutes,
      creditedMinutes: 0,
      points: 0,
      adjustmentReason: adjusted ? (e.reason ?? null) : null,
      minutesOverridden: adjusted,
      originalMinutes: adjusted ? measured : null,
      createdBy: actor.userId,
      createdAt: now,
    });
    const audits: Array<Parameters<typeof recordAudit>[3]> = [];
    if (adjusted) {
      audits.push({ action: 'activity.settle.adjust', objectType: 'service_record', objectId: id, regionCode: a.regionCode, onBehalfOf: e.userId, before: { measuredMinutes: measured }, after: { minutes, reason: e.reason } });
    }
    if (flags.length) {
      audits.push({ action: 'activity.settle.include_flagged', objectType: 'service_record', objectId: id, regionCode: a.regionCode, onBehalfOf: e.userId, before: { flags }, after: { decision: 'include', reason: e.reason ?? null } });
    }
    afterInsert.push({ id, audits });
    answered.push({ pendingId: id });
  }
  if (undecided.length) {
    throw new AppError('INVALID_STATE', '有签到缺少定位、超出范围或被自动签退，请逐一决定计入或不计入 / Flagged attendance (no location, outside the fence, closed automatically) needs a decision: include or exclude each', {
      reason: 'undecided_flags',
      undecided,
    });
  }
  if (Object.keys(problems).length) throw new AppError('VALIDATION_FAILED', undefined, { fields: problems });
  // the activity is locked: nobody else writes its records meanwhile, so every row is new
  const inserted = new Map((await repo.insertRecords(tx, toInsert)).map((r) => [r.id, r]));
  for (const x of afterInsert) {
    if (!inserted.has(x.id)) throw new RetryTransactionError('settlement record written meanwhile');
    for (const audit of x.audits) await recordAudit(ctx, tx, actor, audit);
    toCredit.add(x.id);
  }
  const records = answered.map((r) => ('pendingId' in r ? toRecord(inserted.get(r.pendingId)!) : r));
  // the figures: the new records all at once (one statement for the whole roster), and the people served
  await countNew(tx, 'record', [...inserted.keys()]);
  await countNewHours(ctx, tx, [...inserted.keys()]);
  await countNewRankings(tx, [...inserted.keys()]);
  if (beneficiaries) {
    await trackStats(tx, 'activity', [a.id], () => repo.updateActivity(tx, a.id, { beneficiariesCount: beneficiaries.count, beneficiariesCategory: beneficiaries.category, updatedAt: now }));
  }
  await recordAudit(ctx, tx, actor, {
    action: 'activity.settle',
    objectType: 'activity',
    objectId: a.id,
    regionCode: a.regionCode,
    before: beneficiaries ? { beneficiaries: a.beneficiariesCount === null ? null : { count: a.beneficiariesCount, category: a.beneficiariesCategory } } : null,
    after: { records: records.map((r) => ({ id: r.id, volunteerId: r.volunteerId, minutes: r.minutes })), skipped: skipped.map((s) => s.userId), excluded, ...(beneficiaries ? { beneficiaries } : {}) },
  });
  return { records, toCredit, skipped, excluded };
}

/** The activity is settled once everyone present has a credited record or was left out on a decision. */
async function markSettledIfComplete(ctx: AppContext, activityId: string) {
  await withTx(ctx.db, async (tx) => {
    const present = await repo.attendanceOf(tx, activityId);
    const all = await repo.recordsOfActivity(tx, activityId);
    const credited = await creditedServiceKeys(tx, all.map((r) => creditKey(r.id)));
    const creditedPeople = new Set(all.filter((r) => credited.has(creditKey(r.id))).map((r) => r.volunteerId));
    const done = present.every((p) => p.attendance.settleDecision === 'exclude' || creditedPeople.has(p.attendance.userId));
    if (done) {
      const now = ctx.clock.now();
      await repo.markSettled(tx, activityId, now);
    }
  });
}

export async function myRecords(ctx: AppContext, actor: Actor, q: PageQuery) {
  const { limit, offset } = offsetOf(q);
  const page = await repo.listRecords(ctx.readDb, { volunteerId: actor.userId, limit, offset });
  return { total: page.total, ...(page.capped ? { totalIsLowerBound: true } : {}), items: page.items.map((x) => toRecord(x.record)) };
}

export async function orgRecords(ctx: AppContext, actor: Actor, orgId: string, q: PageQuery) {
  authorize(actor, ACTIVITY_OVERSEE, await orgTarget(ctx.readDb, orgId));
  const { limit, offset } = offsetOf(q);
  const page = await repo.listRecords(ctx.readDb, { orgId, limit, offset });
  return { total: page.total, ...(page.capped ? { totalIsLowerBound: true } : {}), items: page.items.map((x) => toRecord(x.record, x.volunteerName)) };
}

export async function getRecord(ctx: AppContext, actor: Actor, id: string) {
  const r = await repo.findRecord(ctx.db, id);
  if (!r) throw notFound('服务记录 record');
  const target = r.orgId ? await orgTarget(ctx.db, r.orgId) : await regionTarget(ctx.db, r.regionCode);
  if (r.volunteerId !== actor.userId && !can(actor, ACTIVITY_OVERSEE, target)) throw notFound('服务记录 record');
  return toRecord(r);
}

function toDispute(d: repo.DisputeRow) {
  return {
    id: d.id,
    recordId: d.recordId,
    volunteerId: d.volunteerId,
    orgId: d.orgId,
    reason: d.reason,
    status: d.status as 'open' | 'corrected' | 'rejected',
    answer: d.answer,
    answeredAt: d.answeredAt?.toISOString() ?? null,
    correctionRecordId: d.correctionRecordId,
    createdAt: d.createdAt.toISOString(),
  };
}

/** Art. 13: a volunteer disputes their own record; the organisation answers. */
export async function openDispute(ctx: AppContext, actor: Actor, recordId: string, reason: string) {
  return withTx(ctx.db, async (tx) => {
    const r = await repo.findRecord(tx, recordId);
    if (!r || r.volunteerId !== actor.userId) throw notFound('服务记录 record');
    const marked = await repo.setRecordStatus(tx, r.id, 'confirmed', 'disputed');
    if (!marked) throw new AppError('INVALID_STATE', '该记录已有异议在处理或已更正 / This record is already disputed or corrected', { status: r.status });
    const d = await repo.insertDispute(tx, { id: newId(), cityCode: r.cityCode, recordId: r.id, volunteerId: r.volunteerId, orgId: r.orgId, regionCode: r.regionCode, reason, status: 'open', createdAt: ctx.clock.now() });
    return toDispute(d);
  });
}

/**
 * The organisation answers a dispute: rejected (the record stands), or corrected — a new record
 * with the right minutes that reverses the old one (the old credit is reversed in the ledger,
 * the new one credited), never an edit. Audited; the volunteer is told.
 */
export async function answerDispute(ctx: AppContext, actor: Actor, disputeId: string, body: { decision: 'correct' | 'reject'; answer: string; minutes?: number | undefined }) {
  return withTx(ctx.db, async (tx) => {
    const d = await repo.findDispute(tx, disputeId);
    if (!d) throw notFound('异议 dispute');
    const old = (await repo.findRecord(tx, d.recordId))!;
    // the organisation that recorded it answers; a home service done in person: the community
    if (d.orgId) authorize(actor, RECORD_MANAGE, await orgTarget(tx, d.orgId));
    else authorize(actor, RECORD_MANAGE_COMMUNITY, await regionTarget(tx, old.regionCode));
    assertNotSelfBenefit(actor, { beneficiaryUserIds: [d.volunteerId], reason: '不能答复自己提出的异议，须由其他工作人员答复 / You cannot answer your own dispute; another staff member must' });
    const now = ctx.clock.now();
    let correction: repo.RecordRow | null = null;
    if (body.decision === 'correct') {
      if (body.minutes === undefined) throw new AppError('VALIDATION_FAILED', undefined, { fields: { minutes: '请填写更正后的时长 / Give the corrected minutes' } });
      if (old.activityId) {
        const a = await loadActivity(tx, old.activityId);
        const length = Math.floor((a.endsAt.getTime() - a.startsAt.getTime()) / 60_000);
        if (body.minutes > length) throw new AppError('VALIDATION_FAILED', undefined, { fields: { minutes: `不能超过活动时长 ${length} 分钟 / At most ${length} minutes` } });
      }
      const moved = await trackRankings(tx, [old.id], () => trackHours(ctx, tx, [old.id], () => trackStats(tx, 'record', [old.id], () => repo.setRecordStatus(tx, old.id, 'disputed', 'corrected'))));
      if (!moved) throw new AppError('INVALID_STATE', '该记录不在异议状态 / The record is not disputed', { status: old.status });
      await revokeCertificatesFor(ctx, tx, [old.id], `服务记录“${old.activityTitle}”（${old.serviceDate}）已更正 / The record of ${old.serviceDate} was corrected`);
      for (const t of await serviceCreditTransfers(tx, creditKey(old.id))) await reverse(ctx, tx, { transferId: t.id, actorId: actor.userId, reason: `更正服务记录 ${old.id}` });
      const { row } = await repo.insertRecord(tx, {
        ...old,
        id: newId(),
        kind: 'correction',
        status: 'confirmed',
        activityId: old.activityId,
        minutes: body.minutes,
        creditedMinutes: 0,
        points: 0,
        adjustmentReason: body.answer,
        reversesId: old.id,
        createdBy: actor.userId,
        createdAt: now,
      });
      await countNew(tx, 'record', [row.id]);
      await countNewHours(ctx, tx, [row.id]);
      const credit = await creditRecord(ctx, tx, row, actor.userId);
      correction = await repo.setCredit(tx, row.id, credit.creditedMinutes, credit.points);
      await countNewRankings(tx, [row.id]);
    } else {
      const back = await repo.setRecordStatus(tx, old.id, 'disputed', 'confirmed');
      if (!back) throw new AppError('INVALID_STATE', '该记录不在异议状态 / The record is not disputed', { status: old.status });
    }
    const after = await repo.answerDispute(tx, d.id, { status: body.decision === 'correct' ? 'corrected' : 'rejected', answer: body.answer, answeredBy: actor.userId, answeredAt: now, correctionRecordId: correction?.id ?? null });
    if (!after) throw new AppError('INVALID_STATE', '该异议已答复 / Already answered');
    await recordAudit(ctx, tx, actor, { action: `dispute.${body.decision}`, objectType: 'dispute', objectId: d.id, regionCode: old.regionCode, onBehalfOf: d.volunteerId, before: { record: old }, after: { dispute: after, correction } });
    await notify(ctx, tx, {
      userId: d.volunteerId,
      regionCode: old.regionCode,
      kind: 'dispute_answered',
      title: body.decision === 'correct' ? `服务记录已更正：${old.activityTitle}` : `异议未被采纳：${old.activityTitle}`,
      body: body.answer,
      objectType: 'dispute',
      objectId: d.id,
    });
    return { dispute: toDispute(after), correction: correction ? toRecord(correction) : null };
  });
}

export async function listDisputes(ctx: AppContext, actor: Actor, q: PageQuery & { orgId?: string | undefined; status?: string | undefined; scope?: 'community' | undefined }) {
  const { limit, offset } = offsetOf(q);
  if (q.scope === 'community') {
    const scopes = regionScopes(actor, RECORD_MANAGE_COMMUNITY.roles);
    if (!scopes.length) throw new AppError('FORBIDDEN', '只有社区（区域）管理员处理这类异议 / Only region admins answer these');
    const page = await repo.listDisputes(ctx.db, { communityPaths: scopes, status: q.status, limit, offset });
    return { total: page.total, items: page.items.map(toDispute) };
  }
  if (q.orgId) {
    authorize(actor, ACTIVITY_OVERSEE, await orgTarget(ctx.db, q.orgId));
    const page = await repo.listDisputes(ctx.db, { orgId: q.orgId, status: q.status, limit, offset });
    return { total: page.total, items: page.items.map(toDispute) };
  }
  const page = await repo.listDisputes(ctx.db, { volunteerId: actor.userId, status: q.status, limit, offset });
  return { total: page.total, items: page.items.map(toDispute) };
}

/**
 * 评单 of a residents' request: each helper gets a service record (kind 'request': the served
 * address, the minutes from check-in to check-out, the team or — for a volunteer dispatched in
 * person — the community as the recording unit), credited once and told. Called once per request,
 * in the rating's transaction; the unique (request, volunteer) index guards a repeat.
 */
export async function recordRequestService(
  ctx: AppContext,
  tx: Tx,
  input: { requestId: string; helperIds: readonly string[]; orgId: string | null; unitName: string; regionCode: string; title: string; place: string; content: string; startedAt: Date; endedAt: Date; personInCharge: string; actorId: string },
): Promise<ServiceRecord[]> {
  const minutes = Math.max(1, Math.floor((input.endedAt.getTime() - input.startedAt.getTime()) / 60_000));
  const out: ServiceRecord[] = [];
  for (const volunteerId of input.helperIds) {
    const row = await repo.insertRequestRecord(tx, {
      id: newId(),
      cityCode: input.regionCode.slice(0, 4),
      volunteerId,
      orgId: input.orgId,
      activityId: null,
      requestId: input.requestId,
      kind: 'request',
      status: 'confirmed',
      activityTitle: input.title,
      serviceDate: chinaDate(input.startedAt),
      place: input.place,
      content: input.content,
      orgName: input.unitName,
      personInCharge: input.personInCharge,
      regionCode: input.regionCode,
      startedAt: input.startedAt,
      endedAt: input.endedAt,
      minutes,
      creditedMinutes: 0,
      points: 0,
      createdBy: input.actorId,
      createdAt: ctx.clock.now(),
    });
    await countNew(tx, 'record', [row.id]);
    await countNewHours(ctx, tx, [row.id]);
    const credit = await creditRecord(ctx, tx, row, input.actorId);
    out.push(toRecord(await repo.setCredit(tx, row.id, credit.creditedMinutes, credit.points)));
    await countNewRankings(tx, [row.id]);
  }
  return out;
}
