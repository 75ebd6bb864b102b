import type { Actor, AppContext } from '../../context';
import { withTx, type DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { chinaDate } from '../../lib/working-days';
import { cityCodeOf } from '@shared/lib/region-code';
import { maskName } from '@shared/lib/person-name';
import type { PageQuery } from '@shared/schemas/common';
import type { CivilityBoardBody, CivilityRatingBody } from '@shared/schemas/civility';
import { authorize, can, regionScopes, regionTarget } from '../access/index';
import { recordAudit } from '../audit/index';
import { regionOrCity } from '../regions/index';
import { CIVILITY_MANAGE } from './civility.policy';
import * as repo from './civility.repository';

/**
 * 十星级文明户 and 道德红黑榜. A region's admins set the ten stars for a year, rate households with
 * the evidence for each star, and publish a rating only once the household consented. The board
 * lists deeds with evidence for a period; every black entry and every entry naming someone is
 * public only after a review by another admin; the person or household named appeals, and an
 * admin other than the one who entered it answers. Everything audited.
 */

type Scoped = { regionPath: string; regionCode: string };
const scope = async (db: DbOrTx, actor: Actor, regionCode: string): Promise<Scoped> => {
  const t = await regionTarget(db, regionCode);
  authorize(actor, CIVILITY_MANAGE, t);
  return t;
};
const pathsFor = async (ctx: AppContext, actor: Actor, regionCode: string | undefined) => {
  if (regionCode) return [(await scope(ctx.db, actor, regionCode)).regionPath];
  const paths = regionScopes(actor, ['region_admin']);
  if (!paths.length) throw new AppError('FORBIDDEN', '只有地区管理员可以查看 / Only region admins may see this', { permission: CIVILITY_MANAGE.name });
  return paths;
};

// ——— criteria ———

export async function createCriteria(ctx: AppContext, actor: Actor, body: { regionCode: string; year: number; title: string; stars: Array<{ key: string; name: string; description: string }> }) {
  return withTx(ctx.db, async (tx) => {
    const t = await scope(tx, actor, body.regionCode);
    const id = newId();
    if (!(await repo.insertCriteria(tx, { id, cityCode: cityCodeOf(t.regionCode), regionCode: t.regionCode, year: body.year, title: body.title, stars: body.stars, createdBy: actor.userId, createdAt: ctx.clock.now() }))) {
      throw new AppError('CONFLICT', '该地区本年度已有评星标准 / This region already has criteria for the year');
    }
    await recordAudit(ctx, tx, actor, { action: 'civility.criteria.create', objectType: 'civility_criteria', objectId: id, regionCode: t.regionCode, before: null, after: body });
    return criteriaView((await repo.findCriteria(tx, id))!);
  });
}

const criteriaView = (r: NonNullable<Awaited<ReturnType<typeof repo.findCriteria>>>) => ({ id: r.c.id, regionCode: r.c.regionCode, regionName: r.regionName, year: r.c.year, title: r.c.title, stars: r.c.stars });

/** The criteria governing a region in a year (its own, or the nearest above it): public. */
export async function criteriaFor(ctx: AppContext, regionCode: string, year: number) {
  const t = await regionTarget(ctx.db, regionCode);
  const c = await repo.criteriaFor(ctx.db, t.regionPath, year);
  if (!c) throw notFound('评星标准 criteria');
  return criteriaView(c);
}

// ——— households ———

const householdView = (h: repo.HouseholdRow, regionName: string) => ({ id: h.id, regionCode: h.regionCode, regionName, address: h.address, headName: h.headName, headUserId: h.headUserId, createdAt: h.createdAt.toISOString() });

export async function createHousehold(ctx: AppContext, actor: Actor, body: { regionCode: string; address: string; headName: string; headUserId?: string | undefined }) {
  return withTx(ctx.db, async (tx) => {
    const t = await scope(tx, actor, body.regionCode);
    if (body.headUserId && !(await repo.findUser(tx, body.headUserId))) throw new AppError('VALIDATION_FAILED', undefined, { fields: { headUserId: '没有这个账号 / No such account' } });
    const h = await repo.insertHousehold(tx, { id: newId(), cityCode: cityCodeOf(t.regionCode), regionCode: t.regionCode, address: body.address, headName: body.headName, headUserId: body.headUserId ?? null, createdBy: actor.userId, createdAt: ctx.clock.now() });
    await recordAudit(ctx, tx, actor, { action: 'civility.household.create', objectType: 'civility_household', objectId: h.id, regionCode: t.regionCode, before: null, after: h });
    return householdView(h, (await repo.findHousehold(tx, h.id))!.regionName);
  });
}

export async function listHouseholds(ctx: AppContext, actor: Actor, q: PageQuery & { regionCode?: string | undefined }) {
  const { limit, offset } = offsetOf(q);
  const page = await repo.listHouseholds(ctx.db, await pathsFor(ctx, actor, q.regionCode), limit, offset);
  return { total: page.total, items: page.items.map((r) => householdView(r.h, r.regionName)) };
}

// ——— ratings ———

function ratingView(v: repo.RatingView) {
  const names = new Map(v.criteriaStars.map((s) => [s.key, s.name]));
  return {
    id: v.r.id,
    householdId: v.h.id,
    regionCode: v.r.regionCode,
    regionName: v.regionName,
    address: v.h.address,
    headName: v.h.headName,
    year: v.r.year,
    criteriaTitle: v.criteriaTitle,
    stars: v.r.stars.map((s) => ({ key: s.key, name: names.get(s.key) ?? s.key, earned: s.earned, evidence: s.evidence })),
    starCount: v.r.starCount,
    ratedAt: v.r.ratedAt.toISOString(),
    consentPublic: v.r.consentPublic,
    consentAt: v.r.consentAt?.toISOString() ?? null,
    consentMethod: (v.r.consentMethod as 'self' | 'paper' | null) ?? null,
  };
}

/** Rates a household for the criteria's year: every star of the criteria once, evidence for each earned one; never published yet. */
export async function rateHousehold(ctx: AppContext, actor: Actor, body: CivilityRatingBody) {
  return withTx(ctx.db, async (tx) => {
    const h = await repo.findHousehold(tx, body.householdId);
    if (!h) throw notFound('家庭 household');
    authorize(actor, CIVILITY_MANAGE, { regionPath: h.regionPath });
    const c = await repo.findCriteria(tx, body.criteriaId);
    if (!c || !h.regionPath.startsWith(c.regionPath)) throw new AppError('VALIDATION_FAILED', undefined, { fields: { criteriaId: '该标准不适用于这户所在地区 / These criteria do not cover the household’s region' } });
    const given = new Map(body.stars.map((s) => [s.key, s]));
    const fields: Record<string, string> = {};
    for (const s of c.c.stars) {
      const g = given.get(s.key);
      if (!g) fields[`stars.${s.key}`] = `请评定“${s.name}” / Rate “${s.name}”`;
      else if (g.earned && !g.evidence?.trim()) fields[`stars.${s.key}`] = `“${s.name}”须附依据 / “${s.name}” needs its evidence`;
    }
    for (const k of given.keys()) if (!c.c.stars.some((s) => s.key === k)) fields[`stars.${k}`] = '标准中没有这一星 / Not a star of these criteria';
    if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', undefined, { fields });
    const stars = c.c.stars.map((s) => ({ key: s.key, earned: given.get(s.key)!.earned, evidence: given.get(s.key)!.evidence?.trim() || null }));
    const id = newId();
    const ok = await repo.insertRating(tx, { id, cityCode: h.h.cityCode, regionCode: h.h.regionCode, householdId: h.h.id, criteriaId: c.c.id, year: c.c.year, stars, starCount: stars.filter((s) => s.earned).length, ratedBy: actor.userId, ratedAt: ctx.clock.now(), consentPublic: false, consentBy: null, consentAt: null, consentMethod: null });
    if (!ok) throw new AppError('CONFLICT', '这户本年度已评定 / This household is already rated for the year');
    await recordAudit(ctx, tx, actor, { action: 'civility.rating.create', objectType: 'civility_rating', objectId: id, regionCode: h.h.regionCode, before: null, after: { householdId: h.h.id, year: c.c.year, stars } });
    return ratingView((await repo.findRating(tx, id))!);
  });
}

export async function listRatings(ctx: AppContext, actor: Actor, q: PageQuery & { regionCode?: string | undefined; year?: number | undefined }) {
  const { limit, offset } = offsetOf(q);
  const page = await repo.listRatings(ctx.db, await pathsFor(ctx, actor, q.regionCode), q.year, false, limit, offset);
  return { total: page.total, items: page.items.map(ratingView) };
}

/**
 * The household's consent to publish (PIPL art. 25): the head gives or withdraws it themself, or
 * an admin over the region records a signed paper form for a head without a smartphone (on behalf).
 */
export async function setConsent(ctx: AppContext, actor: Actor, id: string, body: { consent: boolean; method: 'self' | 'paper' }) {
  return withTx(ctx.db, async (tx) => {
    const v = await repo.findRating(tx, id);
    if (!v) throw notFound('评定 rating');
    const isHead = !!v.h.headUserId && v.h.headUserId === actor.userId;
    const isStaff = can(actor, CIVILITY_MANAGE, { regionPath: v.regionPath });
    if (body.method === 'self' && !isHead) {
      if (isStaff) throw new AppError('FORBIDDEN', '工作人员只能凭户主签字的书面同意代为登记（method: paper） / Staff may record consent only from the head’s signed paper form (method: paper)', { method: 'paper' });
      throw new AppError('FORBIDDEN', '只有户主本人可以同意公开 / Only the head of the household may consent');
    }
    if (body.method === 'paper' && !isStaff) throw new AppError('FORBIDDEN', '只有所在地区的管理员可以登记书面同意 / Only the region’s admins record a paper consent');
    const set = { consentPublic: body.consent, consentBy: actor.userId, consentAt: ctx.clock.now(), consentMethod: body.method };
    await repo.setConsent(tx, id, set);
    await recordAudit(ctx, tx, actor, {
      action: body.consent ? 'civility.rating.consent' : 'civility.rating.consent_withdraw',
      objectType: 'civility_rating',
      objectId: id,
      regionCode: v.r.regionCode,
      before: { consentPublic: v.r.consentPublic },
      after: set,
      ...(isHead ? {} : { onBehalfOf: v.h.headUserId ?? undefined }),
    });
    return ratingView((await repo.findRating(tx, id))!);
  });
}

/** The public list of rated households: only those that consented; the head's name masked, no address, no evidence. */
export async function publicRatings(ctx: AppContext, q: PageQuery & { regionCode?: string | undefined; year?: number | undefined }) {
  const r = await regionOrCity(ctx.db, q.regionCode);
  if (!r) return { items: [], total: 0 };
  const { limit, offset } = offsetOf(q);
  const page = await repo.listRatings(ctx.db, [r.path], q.year, true, limit, offset);
  return {
    total: page.total,
    items: page.items.map((v) => {
      const full = ratingView(v);
      return { id: full.id, regionName: full.regionName, household: `${maskName(full.headName)}家`, year: full.year, starCount: full.starCount, stars: full.stars.map((s) => ({ name: s.name, earned: s.earned })) };
    }),
  };
}

// ——— the red-black board ———

const namesSomeone = (e: repo.EntryRow) => !!(e.subjectName || e.subjectUserId || e.subjectHouseholdId);

async function entryViews(ctx: AppContext, db: DbOrTx, rows: repo.EntryView[]) {
  const today = chinaDate(ctx.clock.now());
  const appeals = await repo.appealsOf(db, rows.map((r) => r.e.id));
  const out = [];
  for (const r of rows) {
    out.push({
      id: r.e.id,
      regionCode: r.e.regionCode,
      regionName: r.regionName,
      board: r.e.board as 'red' | 'black',
      title: r.e.title,
      deed: r.e.deed,
      evidence: r.e.evidence,
      subjectName: r.e.subjectName,
      namesSomeone: namesSomeone(r.e),
      periodFrom: r.e.periodFrom,
      periodTo: r.e.periodTo,
      enteredByName: r.enteredByName,
      enteredAt: r.e.enteredAt.toISOString(),
      reviewStatus: r.e.reviewStatus as 'pending' | 'approved' | 'rejected',
      reviewedByName: r.reviewedByName,
      reviewNote: r.e.reviewNote,
      status: r.e.status as 'active' | 'withdrawn',
      isPublic: await repo.isPublicNow(db, r.e.id, today),
      appeals: appeals.filter((a) => a.a.entryId === r.e.id).map((a) => appealView(a.a, a.appellantName)),
    });
  }
  return out;
}
const appealView = (a: repo.AppealRow, appellantName: string) => ({ id: a.id, entryId: a.entryId, appellantName, reason: a.reason, status: a.status as 'open' | 'upheld' | 'dismissed', answer: a.answer, answeredAt: a.answeredAt?.toISOString() ?? null, createdAt: a.createdAt.toISOString() });

export async function createEntry(ctx: AppContext, actor: Actor, body: CivilityBoardBody) {
  return withTx(ctx.db, async (tx) => {
    const t = await scope(tx, actor, body.regionCode);
    if (body.subjectUserId && !(await repo.findUser(tx, body.subjectUserId))) throw new AppError('VALIDATION_FAILED', undefined, { fields: { subjectUserId: '没有这个账号 / No such account' } });
    if (body.subjectHouseholdId) {
      const h = await repo.findHousehold(tx, body.subjectHouseholdId);
      if (!h || !h.regionPath.startsWith(t.regionPath)) throw new AppError('VALIDATION_FAILED', undefined, { fields: { subjectHouseholdId: '该地区没有这户 / No such household in this region' } });
    }
    const e = await repo.insertEntry(tx, {
      id: newId(),
      cityCode: cityCodeOf(t.regionCode),
      regionCode: t.regionCode,
      board: body.board,
      title: body.title,
      deed: body.deed,
      evidence: body.evidence,
      subjectName: body.subjectName ?? null,
      subjectUserId: body.subjectUserId ?? null,
      subjectHouseholdId: body.subjectHouseholdId ?? null,
      periodFrom: body.periodFrom,
      periodTo: body.periodTo,
      enteredBy: actor.userId,
      enteredAt: ctx.clock.now(),
      reviewStatus: 'pending',
      reviewedBy: null,
      reviewedAt: null,
      reviewNote: null,
      status: 'active',
    });
    await recordAudit(ctx, tx, actor, { action: 'civility.board.create', objectType: 'civility_board_entry', objectId: e.id, regionCode: t.regionCode, before: null, after: e });
    return (await entryViews(ctx, tx, [(await repo.entryView(tx, e.id))!]))[0]!;
  });
}

export async function listEntries(ctx: AppContext, actor: Actor, q: PageQuery & { regionCode?: string | undefined; board?: 'red' | 'black' | undefined }) {
  const { limit, offset } = offsetOf(q);
  const page = await repo.listEntries(ctx.db, await pathsFor(ctx, actor, q.regionCode), { ...(q.board ? { board: q.board } : {}) }, limit, offset);
  return { total: page.total, items: await entryViews(ctx, ctx.db, page.items) };
}

async function entryForStaff(db: DbOrTx, actor: Actor, id: string) {
  const e = await repo.findEntry(db, id);
  if (!e) throw notFound('榜单条目 board entry');
  authorize(actor, CIVILITY_MANAGE, { regionPath: e.regionPath });
  return e;
}

const SELF_REVIEW = '录入者不能审核或答复自己录入的条目，须由另一位管理员办理 / Whoever entered an entry cannot review it or answer its appeal; another admin must';

/** The second pair of eyes: approve (it may go public in its period) or reject; never by the one who entered it. */
export async function reviewEntry(ctx: AppContext, actor: Actor, id: string, body: { decision: 'approve' | 'reject'; note?: string | undefined }) {
  return withTx(ctx.db, async (tx) => {
    const e = await entryForStaff(tx, actor, id);
    if (e.e.enteredBy === actor.userId) throw new AppError('SELF_BENEFIT', SELF_REVIEW, { reason: SELF_REVIEW });
    const set = { reviewStatus: body.decision === 'approve' ? 'approved' : 'rejected', reviewedBy: actor.userId, reviewedAt: ctx.clock.now(), reviewNote: body.note ?? null };
    if (!(await repo.reviewEntry(tx, id, set))) throw new AppError('INVALID_STATE', '该条目已审核 / This entry was already reviewed');
    await recordAudit(ctx, tx, actor, { action: `civility.board.${body.decision}`, objectType: 'civility_board_entry', objectId: id, regionCode: e.e.regionCode, before: { reviewStatus: e.e.reviewStatus }, after: set });
    return (await entryViews(ctx, tx, [(await repo.entryView(tx, id))!]))[0]!;
  });
}

/** The public board: what is public today (see repo.publicNow). */
export async function publicBoard(ctx: AppContext, q: PageQuery & { regionCode?: string | undefined; board?: 'red' | 'black' | undefined }) {
  const r = await regionOrCity(ctx.db, q.regionCode);
  if (!r) return { items: [], total: 0 };
  const { limit, offset } = offsetOf(q);
  const page = await repo.listEntries(ctx.db, [r.path], { today: chinaDate(ctx.clock.now()), ...(q.board ? { board: q.board } : {}) }, limit, offset);
  return {
    total: page.total,
    items: page.items.map((v) => ({ id: v.e.id, regionName: v.regionName, board: v.e.board as 'red' | 'black', title: v.e.title, deed: v.e.deed, evidence: v.e.evidence, subjectName: v.e.subjectName, periodFrom: v.e.periodFrom, periodTo: v.e.periodTo })),
  };
}

/** Whether the actor is the one named: the person, or the head of the household named. */
async function isNamed(db: DbOrTx, actor: Actor, e: repo.EntryRow): Promise<boolean> {
  if (e.subjectUserId === actor.userId) return true;
  if (!e.subjectHouseholdId) return false;
  const h = await repo.findHousehold(db, e.subjectHouseholdId);
  return !!h?.h.headUserId && h.h.headUserId === actor.userId;
}

/** The person or household named appeals, once per entry; a black entry under appeal leaves the public board until answered. */
export async function appeal(ctx: AppContext, actor: Actor, entryId: string, reason: string) {
  return withTx(ctx.db, async (tx) => {
    const e = await repo.findEntry(tx, entryId);
    if (!e || !(await isNamed(tx, actor, e.e))) throw notFound('榜单条目 board entry');
    if (e.e.status !== 'active') throw new AppError('INVALID_STATE', '该条目已撤下 / This entry was withdrawn');
    const id = newId();
    if (!(await repo.insertAppeal(tx, { id, cityCode: e.e.cityCode, entryId, appellantUserId: actor.userId, reason, status: 'open', answeredBy: null, answeredAt: null, answer: null, createdAt: ctx.clock.now() }))) {
      throw new AppError('CONFLICT', '您已对该条目提出过申诉 / You have already appealed against this entry');
    }
    await recordAudit(ctx, tx, actor, { action: 'civility.appeal.create', objectType: 'civility_appeal', objectId: id, regionCode: e.e.regionCode, before: null, after: { entryId, reason } });
    const a = (await repo.appealsOf(tx, [entryId])).find((x) => x.a.id === id)!;
    return appealView(a.a, a.appellantName);
  });
}

/** A reviewer (not the one who entered the entry) answers: uphold withdraws the entry, dismiss keeps it. */
export async function answerAppeal(ctx: AppContext, actor: Actor, appealId: string, body: { decision: 'uphold' | 'dismiss'; answer: string }) {
  return withTx(ctx.db, async (tx) => {
    const a = await repo.findAppeal(tx, appealId);
    if (!a) throw notFound('申诉 appeal');
    const e = await entryForStaff(tx, actor, a.entryId);
    if (e.e.enteredBy === actor.userId) throw new AppError('SELF_BENEFIT', SELF_REVIEW, { reason: SELF_REVIEW });
    const set = { status: body.decision === 'uphold' ? 'upheld' : 'dismissed', answeredBy: actor.userId, answeredAt: ctx.clock.now(), answer: body.answer };
    if (!(await repo.answerAppeal(tx, appealId, set))) throw new AppError('INVALID_STATE', '该申诉已答复 / This appeal was already answered');
    if (body.decision === 'uphold') await repo.withdrawEntry(tx, a.entryId);
    await recordAudit(ctx, tx, actor, { action: `civility.appeal.${body.decision}`, objectType: 'civility_appeal', objectId: appealId, regionCode: e.e.regionCode, before: { status: 'open' }, after: set });
    return (await entryViews(ctx, tx, [(await repo.entryView(tx, a.entryId))!]))[0]!;
  });
}

/** My household's ratings (to consent) and the entries naming me or my household (to appeal: only my own appeal is shown). */
export async function myCivility(ctx: AppContext, actor: Actor) {
  const ratings = (await repo.ratingsOfHead(ctx.db, actor.userId)).map(ratingView);
  const rows = await repo.entriesNaming(ctx.db, actor.userId);
  const views = await entryViews(ctx, ctx.db, rows);
  const mine = (await repo.appealsOf(ctx.db, rows.map((r) => r.e.id))).filter((a) => a.a.appellantUserId === actor.userId);
  return {
    ratings,
    entries: views.map((v) => {
      const m = mine.find((a) => a.a.entryId === v.id);
      const myAppeal = m ? appealView(m.a, m.appellantName) : null;
      return { ...v, appeals: myAppeal ? [myAppeal] : [], myAppeal };
    }),
  };
}
