import type { AppContext, Actor } from '../../context';
import { withTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { ageOn } from '@shared/lib/id-number';
import { maskPhone } from '@shared/lib/phone';
import { maskName } from '@shared/lib/person-name';
import { cityCodeOf, regionLevel } from '@shared/lib/region-code';
import type { Profile } from '@shared/schemas/people';
import type { PageQuery } from '@shared/schemas/common';
import { TERMS_VERSION } from '@shared/constants';
import { recordAudit } from '../audit/index';
import { hitRateLimit } from '../../plugins/rate-limit';
import { authorize, can, regionScopes, regionTarget, stationTarget, type Target } from '../access/index';
import { createPerson } from '../accounts/index';
import { VOLUNTEER_CORRECT, VOLUNTEER_REGISTER_ON_BEHALF, VOLUNTEER_VIEW } from './volunteers.policy';
import * as repo from './volunteers.repository';
import { allTimeTotals, countStats } from '../stats/index';
import { findStarsMany } from '../honours/index';
import { balancesMany } from '../ledger/index';

type Row = NonNullable<Awaited<ReturnType<typeof repo.findProfile>>>;

/**
 * `holder`: the person themself or staff whose scope holds them see the phone in full and the
 * birth date; anything else (audit entries included) gets a masked phone and the age only.
 */
export function toProfile(r: Row, now: Date, opts: { holder: boolean }): Profile {
  return {
    userId: r.userId,
    volunteerNo: r.volunteerNo,
    name: r.name,
    sex: (r.sex as 'M' | 'F' | null) ?? null,
    birthDate: opts.holder ? r.birthDate : null,
    age: r.birthDate ? ageOn(r.birthDate, now) : null,
    idNumberMasked: r.idNumberMasked,
    phone: opts.holder ? r.phone : maskPhone(r.phone),
    regionCode: r.regionCode,
    regionName: r.regionName,
    skills: r.skills,
    serviceCategories: r.serviceCategories as Profile['serviceCategories'],
    availability: r.availability,
    nationalVolunteerNo: r.nationalVolunteerNo,
    publicDisplay: r.publicDisplay,
    guardian: r.guardianName ? { name: r.guardianName, phone: opts.holder ? (r.guardianPhone ?? '') : maskPhone(r.guardianPhone ?? ''), relation: r.guardianRelation ?? '' } : null,
    registeredOnBehalf: !!r.registeredBy,
    registeredByName: r.registeredByName,
    consentMethod: r.consentMethod as Profile['consentMethod'],
    hasPassword: r.hasPassword,
    createdAt: r.createdAt.toISOString(),
  };
}

async function loadProfile(ctx: AppContext, userId: string): Promise<Row> {
  const r = await repo.findProfile(ctx.db, userId);
  if (!r) throw notFound('志愿者 volunteer');
  return r;
}

export async function getMyProfile(ctx: AppContext, actor: Actor) {
  return toProfile(await loadProfile(ctx, actor.userId), ctx.clock.now(), { holder: true });
}

interface ProfileChanges {
  skills?: string[] | undefined;
  serviceCategories?: string[] | undefined;
  availability?: string | null | undefined;
  nationalVolunteerNo?: string | null | undefined;
  regionCode?: string | undefined;
  name?: string | undefined;
}

async function applyChanges(ctx: AppContext, tx: Parameters<Parameters<typeof withTx>[1]>[0], userId: string, c: ProfileChanges) {
  const now = ctx.clock.now();
  const profileSet: Record<string, unknown> = { updatedAt: now };
  if (c.skills !== undefined) profileSet.skills = [...new Set(c.skills)];
  if (c.serviceCategories !== undefined) profileSet.serviceCategories = [...new Set(c.serviceCategories)];
  if (c.availability !== undefined) profileSet.availability = c.availability;
  if (c.nationalVolunteerNo !== undefined) profileSet.nationalVolunteerNo = c.nationalVolunteerNo;
  await repo.updateProfile(tx, userId, profileSet);
  const userSet: Record<string, unknown> = {};
  if (c.regionCode !== undefined) {
    const r = await regionTarget(tx, c.regionCode);
    userSet.regionCode = r.regionCode;
    const before = await repo.findProfile(tx, userId);
    if (before && before.regionCode !== r.regionCode) {
      // the person counts where they live now, on the day they registered
      await countStats(tx, [
        { regionCode: before.regionCode, at: before.createdAt, metric: 'volunteers', delta: -1 },
        { regionCode: r.regionCode, at: before.createdAt, metric: 'volunteers', delta: 1 },
      ]);
    }
  }
  if (c.name !== undefined) userSet.name = c.name;
  if (Object.keys(userSet).length) await repo.updateUser(tx, userId, { ...userSet, updatedAt: now });
}

/**
 * The district (county, level 3) a region path lies in: the path up to its county segment. A path
 * above county level (a person registered at the city) is its own district.
 */
export function districtPathOf(regionPath: string): string {
  const codes = regionPath.split('/').filter(Boolean);
  const i = codes.findIndex((c) => regionLevel(c) === 3);
  return i < 0 ? regionPath : `/${codes.slice(0, i + 1).join('/')}/`;
}

/**
 * The volunteer edits their own record (art. 6: entered by the volunteer). They may move within
 * their district (a new street or community); a move to another district is made by that
 * district's staff (PATCH /volunteers/:id), whose records, stations and figures it changes.
 */
export async function updateMyProfile(ctx: AppContext, actor: Actor, c: ProfileChanges) {
  await withTx(ctx.db, async (tx) => {
    if (c.regionCode !== undefined) {
      const me = await repo.findProfile(tx, actor.userId);
      if (!me) throw notFound('志愿者 volunteer');
      const to = await regionTarget(tx, c.regionCode);
      if (me.regionCode !== to.regionCode && !to.regionPath.startsWith(districtPathOf(me.regionPath ?? '/'))) {
        throw new AppError('FORBIDDEN', '只能在本区县内更改所属地区；迁往其他区县请联系迁入地的工作人员 / You can move only within your district; to move to another district ask the staff there', {
          reason: 'other_district',
          fields: { regionCode: '不在本区县内 / Outside your district' },
        });
      }
    }
    await applyChanges(ctx, tx, actor.userId, { ...c, name: undefined });
  });
  return getMyProfile(ctx, actor);
}

/** Separate, withdrawable consent to be shown by name in public (honour boards, rankings). */
export async function setPublicDisplay(ctx: AppContext, actor: Actor, on: boolean) {
  await withTx(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    const me = await repo.findProfile(tx, actor.userId);
    if (!me) throw notFound('志愿者 volunteer');
    await repo.updateProfile(tx, actor.userId, { publicDisplay: on, updatedAt: now });
    await repo.withdrawConsents(tx, actor.userId, 'public_display', now);
    if (on) {
      await repo.insertConsent(tx, { id: newId(), cityCode: cityCodeOf(me.regionCode), userId: actor.userId, kind: 'public_display', version: TERMS_VERSION, method: 'online', grantedAt: now });
    }
  });
  return getMyProfile(ctx, actor);
}

export async function listMyConsents(ctx: AppContext, actor: Actor) {
  const rows = await repo.listConsents(ctx.db, actor.userId);
  return rows.map((c) => ({ id: c.id, kind: c.kind, version: c.version, method: c.method, grantedAt: c.grantedAt.toISOString(), withdrawnAt: c.withdrawnAt?.toISOString() ?? null }));
}

function targetOf(r: Row): Target {
  return { regionPath: r.regionPath ?? '/', ownerId: r.userId };
}

export async function getVolunteer(ctx: AppContext, actor: Actor, userId: string) {
  const r = await loadProfile(ctx, userId);
  authorize(actor, VOLUNTEER_VIEW, targetOf(r));
  return toProfile(r, ctx.clock.now(), { holder: true });
}

/** Staff in scope correct a record; audited with the values before and after. */
export async function correctVolunteer(ctx: AppContext, actor: Actor, userId: string, c: ProfileChanges & { reason: string }) {
  const before = await loadProfile(ctx, userId);
  authorize(actor, VOLUNTEER_CORRECT, targetOf(before));
  if (c.regionCode) {
    const r = await regionTarget(ctx.db, c.regionCode);
    authorize(actor, VOLUNTEER_CORRECT, { regionPath: r.regionPath });
  }
  await withTx(ctx.db, async (tx) => {
    await applyChanges(ctx, tx, userId, c);
    const after = await repo.findProfile(tx, userId);
    const now = ctx.clock.now();
    await recordAudit(ctx, tx, actor, {
      action: 'volunteer.correct',
      objectType: 'volunteer',
      objectId: userId,
      regionCode: after!.regionCode,
      before: toProfile(before, now, { holder: false }),
      after: { ...toProfile(after!, now, { holder: false }), reason: c.reason },
    });
  });
  return getVolunteer(ctx, actor, userId);
}

export interface VolunteerListQuery extends PageQuery {
  regionCode?: string | undefined;
  q?: string | undefined;
  skill?: string | undefined;
  category?: string | undefined;
  onBehalf?: 'true' | 'false' | undefined;
}

async function listScope(ctx: AppContext, actor: Actor, regionCode: string | undefined): Promise<string> {
  const scopes = regionScopes(actor, VOLUNTEER_VIEW.roles);
  if (scopes.length === 0) throw new AppError('FORBIDDEN', '只有区域管理员可以查看志愿者名单 / Only region admins list volunteers');
  if (!regionCode) return scopes[0]!;
  const r = await regionTarget(ctx.db, regionCode);
  if (!can(actor, VOLUNTEER_VIEW, { regionPath: r.regionPath })) throw new AppError('FORBIDDEN', '该地区不在您的管理范围内 / That region is outside your scope');
  return r.regionPath;
}

/** Region admins list the volunteers of their subtree (or of a region inside it). */
/** A filtered list counts at most this many; beyond, the page says "at least". */
const FILTERED_COUNT_CAP = 10_000;

/**
 * Region admins list the volunteers of their subtree (or of a region inside it). The region's
 * total is its maintained counter; a filtered list counts up to 10,000 (then "at least").
 */
export async function listVolunteers(ctx: AppContext, actor: Actor, q: VolunteerListQuery) {
  const regionPath = await listScope(ctx, actor, q.regionCode);
  const { limit, offset } = offsetOf(q);
  const filtered = !!(q.q || q.skill || q.category || q.onBehalf !== undefined);
  const page = await repo.listProfiles(ctx.db, {
    regionPath,
    q: q.q,
    skill: q.skill,
    category: q.category,
    onBehalf: q.onBehalf === undefined ? undefined : q.onBehalf === 'true',
    limit,
    offset,
    ...(filtered ? { countUpTo: FILTERED_COUNT_CAP } : {}),
  });
  const now = ctx.clock.now();
  const items = await withFigures(ctx, page.items.map((r) => toProfile(r, now, { holder: true })));
  if (filtered) return { total: page.total ?? 0, items, ...('capped' in page && page.capped ? { totalIsLowerBound: true } : {}) };
  const region = regionPath.split('/').filter(Boolean).pop()!;
  const totals = await allTimeTotals(ctx.db, region, ['volunteers']);
  return { total: totals.volunteers ?? 0, items };
}

/** The page's service time, stars and balances: two keyed reads for the whole page (honours, ledger). */
async function withFigures(ctx: AppContext, items: Profile[]) {
  const ids = items.map((p) => p.userId);
  const [stars, books] = await Promise.all([findStarsMany(ctx.db, ids), balancesMany(ctx.db, ids)]);
  return items.map((p) => {
    const s = stars.get(p.userId);
    const b = books.get(p.userId);
    return { ...p, serviceMinutes: s?.minutes ?? 0, starLevel: s?.level ?? 0, pointsBalance: Math.max(0, b?.points ?? 0), timeBalanceMinutes: Math.max(0, b?.time ?? 0) };
  });
}

/** Every row the filter shows, in pages of 1,000, for the Excel export. */
export async function* iterateVolunteers(ctx: AppContext, actor: Actor, q: Omit<VolunteerListQuery, 'page' | 'pageSize'>) {
  const regionPath = await listScope(ctx, actor, q.regionCode);
  const now = ctx.clock.now();
  for (let offset = 0; ; offset += 1000) {
    const page = await repo.listProfiles(ctx.db, { regionPath, q: q.q, skill: q.skill, category: q.category, onBehalf: q.onBehalf === undefined ? undefined : q.onBehalf === 'true', limit: 1000, offset });
    yield* await withFigures(ctx, page.items.map((r) => toProfile(r, now, { holder: true })));
    if (page.items.length < 1000) return;
  }
}

/**
 * Staff register a resident who has no smartphone (代注册): no password (the resident can
 * claim the account later with their phone number), consent recorded as obtained on paper or
 * verbally by that staff member, audited.
 */
export async function registerOnBehalf(
  ctx: AppContext,
  actor: Actor,
  body: { name: string; idNumber: string; phone: string; regionCode: string; skills?: string[] | undefined; serviceCategories?: string[] | undefined; consentMethod: 'paper' | 'verbal'; guardian?: { name: string; phone: string; relation: string } | undefined; stationId?: string | undefined },
) {
  return withTx(ctx.db, async (tx) => {
    const region = await regionTarget(tx, body.regionCode);
    const station = body.stationId ? await stationTarget(tx, body.stationId) : undefined;
    // station staff register the residents of their station's region, nobody elsewhere
    if (station && !region.regionPath.startsWith(station.regionPath) && !can(actor, VOLUNTEER_REGISTER_ON_BEHALF, { regionPath: region.regionPath })) {
      throw new AppError('FORBIDDEN', '站点工作人员只能为本站点所在地区的居民代注册 / Station staff register only residents of the station’s region', {
        permission: VOLUNTEER_REGISTER_ON_BEHALF.name,
        reason: 'outside_station_region',
      });
    }
    authorize(actor, VOLUNTEER_REGISTER_ON_BEHALF, { regionPath: region.regionPath, stationId: station?.stationId ?? null });
    const userId = await createPerson(
      ctx,
      tx,
      {
        phone: body.phone,
        name: body.name,
        idNumber: body.idNumber,
        regionCode: region.regionCode,
        skills: body.skills,
        serviceCategories: body.serviceCategories,
        guardian: body.guardian,
        onBehalf: { staffId: actor.userId, consentMethod: body.consentMethod },
      },
      actor.userId,
    );
    const row = (await repo.findProfile(tx, userId))!;
    const now = ctx.clock.now();
    await recordAudit(ctx, tx, actor, {
      action: 'volunteer.register_on_behalf',
      objectType: 'volunteer',
      objectId: userId,
      regionCode: region.regionCode,
      onBehalfOf: userId,
      before: null,
      after: { ...toProfile(row, now, { holder: false }), consentMethod: body.consentMethod },
    });
    return toProfile(row, now, { holder: true });
  });
}

/**
 * A volunteer finds another person (a relative to declare) by BOTH their phone number and their
 * volunteer number, which only someone who knows them has. The answer is the id and a masked
 * name. Rate-limited, so it cannot be used to walk through phone numbers.
 */
export async function lookupPerson(ctx: AppContext, actor: Actor, q: { phone: string; volunteerNo: string }) {
  await hitRateLimit(ctx.db, `lookup:user:${actor.userId}`, 30, 3600, ctx.clock.now());
  const r = await repo.findByPhoneAndVolunteerNo(ctx.db, q.phone, q.volunteerNo.toUpperCase());
  if (!r) throw new AppError('NOT_FOUND', '没有找到手机号与志愿者编号都匹配的人 / Nobody has both that phone number and that volunteer number');
  return { userId: r.userId, name: maskName(r.name), volunteerNo: r.volunteerNo };
}
