import type { Actor, AppContext } from '../../context';
import { withTx, type DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { addWorkingDays, chinaDate } from '../../lib/working-days';
import { maskName } from '@shared/lib/person-name';
import { cityCodeOf, regionLevel } from '@shared/lib/region-code';
import type { PageQuery } from '@shared/schemas/common';
import { PLACEMENT_STEPS, STEPS_NEEDING_DOCUMENT, type Placement, type PlacementStep, type StepBody } from '@shared/schemas/posts';
import { hitRateLimit } from '../../plugins/rate-limit';
import { assertNotSelfBenefit, authorize, can, regionScopes, regionTarget } from '../access/index';
import { findUserRow } from '../accounts/index';
import { recordAudit } from '../audit/index';
import { notify } from '../notifications/index';
import { documentRef, documentStorage, storeDocument, type StoredDocument } from './documents';
import { WELFARE_POST_MANAGE, WELFARE_POST_SUPERVISE } from './posts.policy';
import { assertCountyLevel, idHashOfUser, loadPost, postForStaff, postTarget } from './posts.service';
import * as repo from './posts.repository';

/**
 * Placements through the fixed procedure: application → democratic review (民主评议) → town
 * review (乡镇审核) → public notice (公示, a public page with objections) → county approval
 * (县级审批) → agreement (签订协议) → training (岗前培训) → start (上岗). One row per step (who,
 * when, the document); a step cannot be skipped or repeated (here, and by the database's check,
 * unique indexes and trigger). Nobody acts on their own placement.
 */

const seqOf = (s: PlacementStep) => PLACEMENT_STEPS.indexOf(s) + 1;
const DAY_MS = 86_400_000;
const dayMinus = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);

/** Whether the public notice of a placement is up today. */
function noticeOpen(pl: repo.PlacementRow, today: string): boolean {
  return pl.status === 'in_procedure' && pl.lastStep === 'public_notice' && !!pl.noticeStartsOn && !!pl.noticeEndsOn && pl.noticeStartsOn <= today && today <= pl.noticeEndsOn;
}

type PlacementNames = { pl: repo.PlacementRow; workerName: string; idNumberMasked: string | null; postTitle: string };

/** Placements with their steps and objections: three queries for a whole page. */
async function toPlacements(db: DbOrTx, ctx: AppContext, rows: PlacementNames[], opts: { showContacts: boolean }): Promise<Placement[]> {
  const ids = rows.map((r) => r.pl.id);
  const [steps, objections] = await Promise.all([repo.stepsOf(db, ids), repo.objectionsOf(db, ids)]);
  const today = chinaDate(ctx.clock.now());
  return rows.map((r) => {
    const pl = r.pl;
    const next = pl.status === 'in_procedure' ? (PLACEMENT_STEPS[pl.lastSeq] ?? null) : null;
    return {
      id: pl.id,
      postId: pl.postId,
      postTitle: r.postTitle,
      townCode: pl.townCode,
      userId: pl.userId,
      workerName: r.workerName,
      idNumberMasked: r.idNumberMasked,
      status: pl.status as Placement['status'],
      lastStep: pl.lastStep as PlacementStep,
      nextStep: next,
      steps: steps
        .filter((s) => s.placementId === pl.id)
        .map((s) => ({
          id: s.id,
          step: s.step as PlacementStep,
          seq: s.seq,
          actorName: s.actorName,
          at: s.at.toISOString(),
          note: s.note,
          document: documentRef({ key: s.documentKey, name: s.documentName, type: s.documentType, bytes: s.documentBytes }, `/api/v1/welfare-placements/${pl.id}/steps/${s.id}/document`),
        })),
      notice: pl.noticeStartsOn && pl.noticeEndsOn ? { startsOn: pl.noticeStartsOn, endsOn: pl.noticeEndsOn, open: noticeOpen(pl, today) } : null,
      objections: objections
        .filter((o) => o.placementId === pl.id)
        .map((o) => ({ id: o.id, content: o.content, contact: opts.showContacts ? o.contact : null, status: o.status as 'open', reviewNote: o.reviewNote, createdAt: o.createdAt.toISOString(), reviewedAt: o.reviewedAt?.toISOString() ?? null })),
      startedOn: pl.startedOn,
      endedOn: pl.endedOn,
      endReason: pl.endReason,
      createdAt: pl.createdAt.toISOString(),
    };
  });
}

async function toPlacement(db: DbOrTx, ctx: AppContext, id: string, opts: { showContacts: boolean }): Promise<Placement> {
  const r = await repo.placementWithNames(db, id);
  if (!r) throw notFound('安置 placement');
  return (await toPlacements(db, ctx, [r], opts))[0]!;
}

async function placementAndPost(db: DbOrTx, id: string) {
  const pl = await repo.findPlacement(db, id);
  if (!pl) throw notFound('安置 placement');
  return { pl, post: await loadPost(db, pl.postId) };
}

/**
 * An application to a recruiting post: by the person, or by the town's staff on their behalf (代申请).
 * Eligible only with an active hardship entry of their region (holding their residence, in the
 * post's county); one open placement per person (the partial unique index).
 */
export async function apply(ctx: AppContext, actor: Actor, postId: string, body: { userId?: string | undefined; note?: string | undefined }): Promise<Placement> {
  return withTx(ctx.db, async (tx) => {
    const post = await loadPost(tx, postId);
    const userId = body.userId ?? actor.userId;
    const onBehalf = userId !== actor.userId;
    if (onBehalf) authorize(actor, WELFARE_POST_MANAGE, postTarget(post));
    if (post.status !== 'recruiting') throw new AppError('INVALID_STATE', '岗位未在招聘（须先发布招聘公告） / The post is not recruiting (announce it first)', { status: post.status });
    const u = await findUserRow(tx, userId);
    if (!u) throw notFound('用户 user');
    const entries = await repo.hardshipOf(tx, userId);
    const entry = entries.find((e) => u.regionCode.startsWith(e.h.regionCode) && e.h.regionCode.slice(0, 6) === post.townCode.slice(0, 6));
    if (!entry) throw new AppError('NOT_IN_HARDSHIP_REGISTER', undefined, { userId, residence: u.regionCode });
    const open = await repo.openPlacementOf(tx, userId);
    if (open) throw new AppError('ALREADY_PLACED', undefined, { placementId: open.id, status: open.status });
    const now = ctx.clock.now();
    const row = { id: newId(), cityCode: post.cityCode, postId, townCode: post.townCode, userId, idHash: idHashOfUser(ctx, u), hardshipEntryId: entry.h.id, status: 'in_procedure', lastStep: 'application', lastSeq: 1, createdAt: now, updatedAt: now };
    if (!(await repo.insertPlacement(tx, row))) throw new AppError('ALREADY_PLACED');
    await repo.insertStep(tx, { id: newId(), cityCode: post.cityCode, placementId: row.id, step: 'application', seq: 1, actorId: actor.userId, actorName: actor.name, at: now, note: body.note ?? '' });
    await recordAudit(ctx, tx, actor, { action: 'welfare_placement.apply', objectType: 'welfare_placement', objectId: row.id, regionCode: post.regionCode, ...(onBehalf ? { onBehalfOf: userId } : {}), before: null, after: { ...row, idHash: undefined } });
    return toPlacement(tx, ctx, row.id, { showContacts: onBehalf });
  });
}

/** Who may do a step: the reviews by the region's admins (county approval from county level), the rest also by the supervising unit. */
function authorizeStep(actor: Actor, step: PlacementStep, post: repo.PostWithRegion): void {
  const target = postTarget(post);
  if (step === 'agreement' || step === 'training' || step === 'start') authorize(actor, WELFARE_POST_SUPERVISE, target);
  else authorize(actor, WELFARE_POST_MANAGE, target);
  if (step === 'county_approval') assertCountyLevel(actor, target);
}

/** Records the next step of the procedure, in order, with who, when and the document. */
export async function doStep(ctx: AppContext, actor: Actor, id: string, body: StepBody): Promise<Placement> {
  const { pl, post } = await placementAndPost(ctx.db, id);
  authorizeStep(actor, body.step, post);
  const seq = seqOf(body.step);
  if (pl.status !== 'in_procedure') throw new AppError('INVALID_STATE', '该安置不在办理中 / This placement is not in procedure', { status: pl.status });
  if (seq !== pl.lastSeq + 1) {
    throw new AppError('STEP_OUT_OF_ORDER', undefined, { step: body.step, lastStep: pl.lastStep, expected: PLACEMENT_STEPS[pl.lastSeq] ?? null, reason: seq <= pl.lastSeq ? 'repeat' : 'skip' });
  }
  assertNotSelfBenefit(actor, { beneficiaryUserIds: [pl.userId], reason: '不能办理本人的公益性岗位安置，须由他人办理 / You cannot act on your own placement; someone else must' });
  if (STEPS_NEEDING_DOCUMENT.includes(body.step) && !body.document) {
    throw new AppError('VALIDATION_FAILED', undefined, { fields: { document: '此步骤须上传文件（评议记录、公示或协议） / This step needs its document (minutes, notice or agreement)' } });
  }
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const set: Partial<repo.PlacementRow> = {};
  if (body.step === 'county_approval') {
    const steps = await repo.stepsOf(ctx.db, [id]);
    const townReviewer = steps.find((s) => s.step === 'town_review')?.actorId;
    if (townReviewer === actor.userId) throw new AppError('FORBIDDEN', '县级审批须由乡镇审核人以外的人办理 / County approval is given by someone other than the town reviewer', { reason: 'same_as_town_review' });
    if (!pl.noticeEndsOn || today <= pl.noticeEndsOn) throw new AppError('INVALID_STATE', `公示期至${pl.noticeEndsOn}，期满后方可审批 / The public notice runs until ${pl.noticeEndsOn}; approve after it ends`, { reason: 'notice_open', endsOn: pl.noticeEndsOn });
    const open = await repo.openObjectionCount(ctx.db, id);
    if (open) throw new AppError('INVALID_STATE', `公示期有${open}条异议尚未处理 / ${open} objection(s) to the notice are not reviewed yet`, { reason: 'objections_open', open });
  }
  if (body.step === 'public_notice') {
    set.noticeStartsOn = today;
    set.noticeEndsOn = addWorkingDays(now, body.noticeWorkingDays ?? 5);
  }
  if (body.step === 'start') {
    const startsOn = body.startDate ?? today;
    const approved = (await repo.stepsOf(ctx.db, [id])).find((s) => s.step === 'county_approval');
    if (approved && startsOn < chinaDate(approved.at)) throw new AppError('VALIDATION_FAILED', undefined, { fields: { startDate: '上岗日期不能早于县级审批 / The start cannot be before the county approval' } });
    set.startedOn = startsOn;
    set.status = 'active';
  }
  const doc: StoredDocument | null = body.document ? await storeDocument(ctx, pl.id, body.document) : null;
  return withTx(ctx.db, async (tx) => {
    const after = await repo.advancePlacement(tx, id, pl.lastSeq, { ...set, lastStep: body.step, lastSeq: seq, updatedAt: now });
    if (!after) throw new AppError('STEP_OUT_OF_ORDER', '此步骤刚刚已被他人办理 / Someone has just done this step', { step: body.step, reason: 'repeat' });
    const step = { id: newId(), cityCode: pl.cityCode, placementId: id, step: body.step, seq, actorId: actor.userId, actorName: actor.name, at: now, note: body.note ?? '', documentKey: doc?.key ?? null, documentName: doc?.name ?? null, documentType: doc?.type ?? null, documentBytes: doc?.bytes ?? null };
    await repo.insertStep(tx, step);
    await recordAudit(ctx, tx, actor, { action: `welfare_placement.${body.step}`, objectType: 'welfare_placement', objectId: id, regionCode: post.regionCode, onBehalfOf: pl.userId, before: { lastStep: pl.lastStep, status: pl.status }, after: { lastStep: body.step, ...set, note: step.note, document: doc?.name ?? null } });
    if (body.step === 'public_notice') {
      await notify(ctx, tx, { userId: pl.userId, regionCode: post.regionCode, kind: 'welfare_placement', title: `公益性岗位公示：${post.title}`, body: `您的安置已进入公示，公示期至${set.noticeEndsOn}。`, objectType: 'welfare_placement', objectId: id });
    }
    if (body.step === 'start') {
      await notify(ctx, tx, { userId: pl.userId, regionCode: post.regionCode, kind: 'welfare_placement', title: `公益性岗位上岗：${post.title}`, body: `请于${set.startedOn}起按时到岗（${post.startTime}–${post.endTime}），在岗位现场扫码签到。`, objectType: 'welfare_placement', objectId: id });
    }
    return toPlacement(tx, ctx, id, { showContacts: true });
  });
}

/** A review turns the application down: the procedure ends (the person may apply again). */
export async function rejectPlacement(ctx: AppContext, actor: Actor, id: string, reason: string): Promise<Placement> {
  return withTx(ctx.db, async (tx) => {
    const { pl, post } = await placementAndPost(tx, id);
    authorize(actor, WELFARE_POST_MANAGE, postTarget(post));
    assertNotSelfBenefit(actor, { beneficiaryUserIds: [pl.userId], reason: '不能办理本人的公益性岗位安置 / You cannot act on your own placement' });
    const after = await repo.setPlacementStatus(tx, id, ['in_procedure'], { status: 'rejected', endReason: reason, updatedAt: ctx.clock.now() });
    if (!after) throw new AppError('INVALID_STATE', '该安置不在办理中 / This placement is not in procedure', { status: pl.status });
    await recordAudit(ctx, tx, actor, { action: 'welfare_placement.reject', objectType: 'welfare_placement', objectId: id, regionCode: post.regionCode, onBehalfOf: pl.userId, before: { status: pl.status }, after: { status: 'rejected', reason } });
    await notify(ctx, tx, { userId: pl.userId, regionCode: post.regionCode, kind: 'welfare_placement', title: `公益性岗位申请未通过：${post.title}`, body: `理由：${reason}`, objectType: 'welfare_placement', objectId: id });
    return toPlacement(tx, ctx, id, { showContacts: true });
  });
}

/** Ends an active placement (the person left, the term ended): attendance after the end date is not expected. */
export async function endPlacement(ctx: AppContext, actor: Actor, id: string, body: { endDate: string; reason: string }): Promise<Placement> {
  return withTx(ctx.db, async (tx) => {
    const { pl, post } = await placementAndPost(tx, id);
    authorize(actor, WELFARE_POST_MANAGE, postTarget(post));
    if (pl.startedOn && body.endDate < pl.startedOn) throw new AppError('VALIDATION_FAILED', undefined, { fields: { endDate: '离岗日期不能早于上岗日期 / The end cannot be before the start' } });
    const after = await repo.setPlacementStatus(tx, id, ['active'], { status: 'ended', endedOn: body.endDate, endReason: body.reason, updatedAt: ctx.clock.now() });
    if (!after) throw new AppError('INVALID_STATE', '只有在岗人员可以离岗 / Only an active placement can end', { status: pl.status });
    await recordAudit(ctx, tx, actor, { action: 'welfare_placement.end', objectType: 'welfare_placement', objectId: id, regionCode: post.regionCode, onBehalfOf: pl.userId, before: { status: pl.status }, after: { status: 'ended', ...body } });
    await notify(ctx, tx, { userId: pl.userId, regionCode: post.regionCode, kind: 'welfare_placement', title: `公益性岗位离岗：${post.title}`, body: `离岗日期：${body.endDate}。理由：${body.reason}`, objectType: 'welfare_placement', objectId: id });
    return toPlacement(tx, ctx, id, { showContacts: true });
  });
}

/** The placement: the post's staff (region admins, the supervising unit) or the person placed. */
export async function getPlacement(ctx: AppContext, actor: Actor, id: string): Promise<Placement> {
  const { pl, post } = await placementAndPost(ctx.db, id);
  const staff = can(actor, WELFARE_POST_SUPERVISE, postTarget(post));
  if (!staff && pl.userId !== actor.userId) throw new AppError('FORBIDDEN', '只有岗位所在地区的管理员、管理单位或本人可以查看 / Only the post’s staff or the person placed may see this');
  return toPlacement(ctx.db, ctx, id, { showContacts: staff });
}

export async function listPlacements(ctx: AppContext, actor: Actor, q: PageQuery & { postId?: string | undefined; regionCode?: string | undefined; status?: string | undefined }) {
  let postIds: string[];
  if (q.postId) postIds = [(await postForStaff(ctx.db, actor, q.postId, true)).id];
  else if (q.regionCode) {
    const t = await regionTarget(ctx.db, q.regionCode);
    authorize(actor, WELFARE_POST_MANAGE, t);
    postIds = (await repo.postsIn(ctx.db, t.regionPath)).map((p) => p.id);
  } else {
    const scope = { paths: regionScopes(actor, ['region_admin']), orgIds: actor.grants.filter((g) => g.role === 'org_admin' && g.orgId).map((g) => g.orgId!) };
    if (!scope.paths.length && !scope.orgIds.length) throw new AppError('FORBIDDEN', '只有地区管理员或岗位管理单位可以查看安置 / Only region admins and supervising units list placements');
    postIds = (await repo.listPosts(ctx.db, scope, undefined, 5000, 0)).items.map((p) => p.id);
  }
  const { limit, offset } = offsetOf(q);
  const page = await repo.listPlacements(ctx.db, { postIds, status: q.status }, limit, offset);
  return { total: page.total, items: await toPlacements(ctx.db, ctx, page.items, { showContacts: true }) };
}

/** A step's document: the post's staff or the person placed. */
export async function stepDocument(ctx: AppContext, actor: Actor, id: string, stepId: string) {
  const { pl, post } = await placementAndPost(ctx.db, id);
  if (!can(actor, WELFARE_POST_SUPERVISE, postTarget(post)) && pl.userId !== actor.userId) throw new AppError('FORBIDDEN', '只有岗位所在地区的管理员、管理单位或本人可以查看 / Only the post’s staff or the person placed may see this');
  const s = await repo.findStep(ctx.db, id, stepId);
  if (!s?.documentKey) throw notFound('文件 document');
  const bytes = await documentStorage(ctx).get(s.documentKey);
  if (!bytes) throw notFound('文件 document');
  return { bytes, type: s.documentType ?? 'application/octet-stream', name: s.documentName ?? 'document' };
}

/** The post's announcement (招聘公告): public, as it is posted on the notice board. */
export async function announcementDocument(ctx: AppContext, postId: string) {
  const p = await loadPost(ctx.db, postId);
  if (!p.announcementKey) throw notFound('公告 announcement');
  const bytes = await documentStorage(ctx).get(p.announcementKey);
  if (!bytes) throw notFound('公告 announcement');
  return { bytes, type: p.announcementType ?? 'application/octet-stream', name: p.announcementName ?? 'announcement' };
}

// ——— the public notice (公示) and objections ———

function toNotice(r: { pl: repo.PlacementRow; post: repo.PostRow; workerName: string; townName: string }, today: string) {
  return {
    placementId: r.pl.id,
    postTitle: r.post.title,
    kind: r.post.kind as 'rural',
    category: r.post.category as 'other',
    townName: r.townName ?? '',
    address: r.post.address,
    workerName: maskName(r.workerName),
    payMinFen: r.post.payMinFen,
    payMaxFen: r.post.payMaxFen,
    startsOn: r.pl.noticeStartsOn!,
    endsOn: r.pl.noticeEndsOn!,
    open: noticeOpen(r.pl, today),
  };
}

/** Public: notices up now or ended in the last 30 days (in a region's subtree), newest first; names masked. */
export async function listNotices(ctx: AppContext, q: PageQuery & { regionCode?: string | undefined }) {
  const today = chinaDate(ctx.clock.now());
  const path = q.regionCode ? (await regionTarget(ctx.db, q.regionCode)).regionPath : null;
  const { limit, offset } = offsetOf(q);
  const cityCode = q.regionCode && regionLevel(q.regionCode) >= 2 ? cityCodeOf(q.regionCode) : null;
  const page = await repo.listNotices(ctx.db, cityCode, path, dayMinus(today, 30), limit, offset);
  return { total: page.total, items: page.items.map((r) => toNotice(r, today)) };
}

export async function getNotice(ctx: AppContext, placementId: string) {
  const today = chinaDate(ctx.clock.now());
  const pl = await repo.findPlacement(ctx.db, placementId);
  if (!pl?.noticeEndsOn || pl.status === 'rejected' || pl.noticeEndsOn < dayMinus(today, 30)) throw notFound('公示 notice');
  const r = await repo.placementWithNames(ctx.db, placementId);
  const post = await loadPost(ctx.db, pl.postId);
  return toNotice({ pl, post, workerName: r!.workerName, townName: post.townName }, today);
}

/** Anyone may object while the notice is up (a few an hour from one address); staff review it before approval can proceed. */
export async function objectToNotice(ctx: AppContext, ip: string | null, placementId: string, body: { content: string; contact?: string | undefined }) {
  const now = ctx.clock.now();
  const pl = await repo.findPlacement(ctx.db, placementId);
  if (!pl?.noticeEndsOn) throw notFound('公示 notice');
  if (!noticeOpen(pl, chinaDate(now))) throw new AppError('INVALID_STATE', '公示期已结束，不再受理异议 / The notice period is over; objections are no longer taken', { endsOn: pl.noticeEndsOn });
  // counted only for an objection that would be taken: a refused one writes nothing
  await hitRateLimit(ctx.db, `welfare-objection:${ip ?? 'unknown'}`, 10, 3600, now);
  const row = { id: newId(), cityCode: pl.cityCode, placementId, content: body.content, contact: body.contact ?? null, status: 'open', createdAt: now };
  await repo.insertObjection(ctx.db, row);
  return { id: row.id, status: 'open' as const, createdAt: now.toISOString() };
}

/** Staff review an objection: dismissed (the procedure goes on) or upheld (the placement is turned down). */
export async function reviewObjection(ctx: AppContext, actor: Actor, id: string, body: { decision: 'dismiss' | 'uphold'; note: string }): Promise<Placement> {
  return withTx(ctx.db, async (tx) => {
    const o = await repo.findObjection(tx, id);
    if (!o) throw notFound('异议 objection');
    const { pl, post } = await placementAndPost(tx, o.placementId);
    authorize(actor, WELFARE_POST_MANAGE, postTarget(post));
    assertNotSelfBenefit(actor, { beneficiaryUserIds: [pl.userId], reason: '不能处理针对本人的异议 / You cannot review an objection about yourself' });
    const now = ctx.clock.now();
    const after = await repo.reviewObjection(tx, id, { status: body.decision === 'uphold' ? 'upheld' : 'dismissed', reviewNote: body.note, reviewedBy: actor.userId, reviewedAt: now });
    if (!after) throw new AppError('INVALID_STATE', '该异议已处理 / This objection was already reviewed', { status: o.status });
    if (body.decision === 'uphold' && (await repo.setPlacementStatus(tx, pl.id, ['in_procedure'], { status: 'rejected', endReason: `公示异议成立：${body.note}`, updatedAt: now }))) {
      await notify(ctx, tx, { userId: pl.userId, regionCode: post.regionCode, kind: 'welfare_placement', title: `公益性岗位申请未通过：${post.title}`, body: `公示期间的异议经核实成立：${body.note}`, objectType: 'welfare_placement', objectId: pl.id });
    }
    await recordAudit(ctx, tx, actor, { action: 'welfare_objection.review', objectType: 'welfare_objection', objectId: id, regionCode: post.regionCode, before: { status: o.status }, after: { status: after.status, note: body.note } });
    return toPlacement(tx, ctx, pl.id, { showContacts: true });
  });
}
