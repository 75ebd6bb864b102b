import type { Actor, AppContext } from '../../context';
import { isUniqueViolation, withTx, type Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { chinaDate } from '../../lib/working-days';
import { cityCodeOf } from '@shared/lib/region-code';
import type { AwardCategory, Nomination, NominationCreateBody, NominationListQuery, NominationReviewBody } from '@shared/schemas/awards';
import { assertNotSelfBenefit, authorize, can, orgTarget, regionTarget } from '../access/index';
import { recordAudit } from '../audit/index';
import { findStars } from '../honours/index';
import { isActiveMember } from '../orgs/index';
import { AWARD_CAMPAIGN_MANAGE, AWARD_NOMINATE } from './awards.policy';
import * as repo from './awards.repository';
import { categoriesOf, requirePhase, toNomination } from './awards.views';

/**
 * Nominations: an organisation of the campaign's region nominates one of its volunteers, itself or
 * a team below it, or one of its projects (activities), with reasons and evidence links; the
 * eligibility is checked on nomination and a refusal says why (NOT_ELIGIBLE); the region reviews.
 */

function notEligible(zh: string, en: string, rule: string): AppError {
  return new AppError('NOT_ELIGIBLE', `${zh} / ${en}`, { rule, reason: `${zh} / ${en}` });
}

interface Subject {
  name: string;
  regionCode: string;
  subjectOrgId: string;
}

/** The candidate's facts, or a refusal naming the rule it fails. */
async function eligibleSubject(tx: Tx, c: repo.CampaignRow, cat: AwardCategory, org: { id: string }, subjectId: string): Promise<Subject> {
  const inRegion = (path: string) => path.startsWith(c.regionPath);
  if (cat.kind === 'volunteer') {
    const p = await repo.personSubject(tx, subjectId);
    if (!p || !p.hasProfile) throw notFound('志愿者 volunteer');
    if (!(await isActiveMember(tx, org.id, subjectId))) throw notEligible('被提名的志愿者不是本组织的在册成员', 'The volunteer is not an active member of the nominating organisation', 'member');
    if (!inRegion(p.regionPath)) throw notEligible('该志愿者不属于本次评选的地区', 'The volunteer does not belong to the campaign’s region', 'region');
    const minutes = (await findStars(tx, subjectId))?.minutes ?? 0;
    if (minutes < c.minHours * 60) {
      const hours = Math.floor(minutes / 6) / 10;
      throw new AppError('NOT_ELIGIBLE', `确认服务时长${hours}小时，未达到参评要求的${c.minHours}小时 / ${hours} confirmed hours; the campaign requires ${c.minHours}`, { rule: 'min_hours', hours, minHours: c.minHours });
    }
    return { name: p.name, regionCode: p.regionCode, subjectOrgId: org.id };
  }
  if (cat.kind === 'team') {
    const t = await repo.orgSubject(tx, subjectId);
    if (!t) throw notFound('组织 organisation');
    const own = t.id === org.id || (await orgTarget(tx, t.id)).orgAncestorIds?.includes(org.id);
    if (!own) throw notEligible('只能提名本组织或下属队伍', 'An organisation nominates itself or a team below it', 'own_team');
    if (t.status !== 'active') throw notEligible('该队伍未处于正常运行状态', 'The team is not active', 'active');
    if (!inRegion(t.regionPath)) throw notEligible('该队伍不属于本次评选的地区', 'The team does not belong to the campaign’s region', 'region');
    return { name: t.name, regionCode: t.regionCode, subjectOrgId: t.id };
  }
  const a = await repo.projectSubject(tx, subjectId);
  if (!a) throw notFound('项目 project');
  if (a.orgId !== org.id && !(await orgTarget(tx, a.orgId)).orgAncestorIds?.includes(org.id)) throw notEligible('只能提名本组织的项目', 'An organisation nominates its own projects', 'own_project');
  if (a.status !== 'published') throw notEligible('该项目尚未发布或已取消', 'The project is not published or was cancelled', 'published');
  if (!inRegion(a.regionPath)) throw notEligible('该项目不在本次评选的地区', 'The project is not in the campaign’s region', 'region');
  const day = chinaDate(a.startsAt);
  if (day < c.periodFrom || day > c.periodTo) throw notEligible(`该项目开展于${day}，不在评选周期${c.periodFrom}至${c.periodTo}内`, `The project took place on ${day}, outside the period ${c.periodFrom} to ${c.periodTo}`, 'period');
  return { name: a.name, regionCode: a.regionCode, subjectOrgId: a.orgId };
}

export async function nominate(ctx: AppContext, actor: Actor, campaignId: string, body: NominationCreateBody): Promise<Nomination> {
  return withTx(ctx.db, async (tx) => {
    const c = await repo.findCampaign(tx, campaignId);
    if (!c) throw notFound('评选活动 campaign');
    const target = await orgTarget(tx, body.orgId);
    authorize(actor, AWARD_NOMINATE, target);
    const now = ctx.clock.now();
    requirePhase(c, now, ['nominating'], ['提名', 'Nominating']);
    const cat = categoriesOf(c).find((k) => k.key === body.categoryKey);
    if (!cat) throw new AppError('VALIDATION_FAILED', undefined, { fields: { categoryKey: '没有这个评选类别 / No such category in this campaign' } });
    if (!target.regionPath.startsWith(c.regionPath)) throw notEligible('本组织不在本次评选的地区，不能提名', 'The organisation is outside the campaign’s region and cannot nominate', 'org_region');
    const s = await eligibleSubject(tx, c, cat, { id: body.orgId }, body.subjectId);
    const row = await repo
      .insertNomination(tx, {
        id: newId(),
        cityCode: cityCodeOf(s.regionCode),
        campaignId,
        categoryKey: cat.key,
        kind: cat.kind,
        subjectId: body.subjectId,
        subjectName: s.name,
        subjectOrgId: s.subjectOrgId,
        regionCode: s.regionCode,
        nominatingOrgId: body.orgId,
        reasons: body.reasons,
        evidence: body.evidence,
        status: 'pending',
        createdBy: actor.userId,
        createdAt: now,
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new AppError('CONFLICT', '该候选者已在本类别中被提名 / Already nominated in this category', { fields: { subjectId: 'already nominated' } });
        throw err;
      });
    await recordAudit(ctx, tx, actor, { action: 'awards.nomination.create', objectType: 'award_nomination', objectId: row.id, regionCode: s.regionCode, after: { campaignId, categoryKey: cat.key, kind: cat.kind, subjectId: body.subjectId, name: s.name, orgId: body.orgId } });
    return toNomination(row, (await repo.orgNames(tx, [body.orgId])).get(body.orgId) ?? '');
  });
}

/**
 * Nominations of a campaign: the region's admins see all (with the votes of new accounts apart);
 * an organisation's admins see their own organisation's (orgId).
 */
export async function listNominations(ctx: AppContext, actor: Actor, campaignId: string, q: NominationListQuery) {
  const c = await repo.findCampaign(ctx.db, campaignId);
  if (!c) throw notFound('评选活动 campaign');
  let orgIds: string[] | undefined;
  const regionStaff = can(actor, AWARD_CAMPAIGN_MANAGE, await regionTarget(ctx.db, c.regionCode));
  if (q.orgId) {
    if (!regionStaff) authorize(actor, AWARD_NOMINATE, await orgTarget(ctx.db, q.orgId));
    orgIds = [q.orgId];
  } else if (!regionStaff) {
    authorize(actor, AWARD_CAMPAIGN_MANAGE, await regionTarget(ctx.db, c.regionCode));
  }
  const { limit, offset } = offsetOf(q);
  const page = await repo.listNominations(ctx.db, campaignId, { orgIds, status: q.status ? [q.status] : undefined, categoryKey: q.categoryKey, limit, offset });
  const names = await repo.orgNames(ctx.db, page.items.map((n) => n.nominatingOrgId));
  return { total: page.total, items: page.items.map((n) => toNomination(n, names.get(n.nominatingOrgId) ?? '')) };
}

/** The region approves or rejects (with a reason) a nomination, before the vote opens. Audited. */
export async function reviewNomination(ctx: AppContext, actor: Actor, id: string, body: NominationReviewBody): Promise<Nomination> {
  return withTx(ctx.db, async (tx) => {
    const n = await repo.findNomination(tx, id, true);
    if (!n) throw notFound('提名 nomination');
    const c = (await repo.findCampaign(tx, n.campaignId))!;
    authorize(actor, AWARD_CAMPAIGN_MANAGE, await regionTarget(tx, c.regionCode));
    requirePhase(c, ctx.clock.now(), ['nominating', 'reviewing'], ['审核提名', 'Reviewing nominations']);
    assertNotSelfBenefit(actor, {
      beneficiaryUserIds: n.kind === 'volunteer' ? [n.subjectId] : [],
      orgIds: [n.subjectOrgId],
      reason: '不能审核对自己或本人所在组织的提名，须由其他工作人员审核 / You cannot review a nomination of yourself or your own organisation; another staff member must',
    });
    const status = body.decision === 'approve' ? 'approved' : 'rejected';
    const row = await repo.transitionNomination(tx, id, ['pending'], { status, reviewReason: body.reason ?? null, reviewedBy: actor.userId, reviewedAt: ctx.clock.now() });
    if (!row) throw new AppError('INVALID_STATE', '该提名已审核 / This nomination was already reviewed', { status: n.status });
    await recordAudit(ctx, tx, actor, { action: `awards.nomination.${body.decision}`, objectType: 'award_nomination', objectId: id, regionCode: n.regionCode, before: { status: n.status }, after: { status, reason: body.reason ?? null } });
    return toNomination(row, (await repo.orgNames(tx, [n.nominatingOrgId])).get(n.nominatingOrgId) ?? '');
  });
}

