import crypto from 'node:crypto';
import QRCode from 'qrcode';
import type { Actor, AppContext } from '../../context';
import { withTx, type DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { chinaDate } from '../../lib/working-days';
import { maskName } from '@shared/lib/person-name';
import type { BenefitCard, BenefitRefusal, BenefitStanding, BenefitUse, BenefitUseBody, CardCheck } from '@shared/schemas/partners';
import { hitRateLimit } from '../../plugins/rate-limit';
import { assertNotSelfBenefit } from '../access/index';
import { recordAudit } from '../audit/index';
import { grantDueStars } from '../honours/index';
import { toBenefit } from './partners.service';
import * as repo from './partners.repository';

/**
 * The rotating benefit card (权益卡): the volunteer's phone shows a code — the public volunteer
 * number and six digits of an HMAC (the server's token key) over the person and the minute —
 * as a QR code and as text. A code is good in its minute and the next (60–120 s), so a photo
 * soon stops working; the ID number is never in it. A partner's staff member scans or types it,
 * sees the masked name, the star level and which benefits apply now (and why the others do not),
 * and logs a use: the limit is taken in the use's transaction (partner_benefit_counters).
 */

export const CARD_WINDOW_MS = 60_000;
/** Card checks and uses per staff member per minute (a guessed code has one chance in a million). */
const CHECKS_PER_MINUTE = 60;

function digits(ctx: AppContext, userId: string, w: number): string {
  const mac = crypto.createHmac('sha256', ctx.keys.tokens).update(`benefit-card:${userId}:${w}`).digest();
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export function cardCode(ctx: AppContext, holder: { userId: string; volunteerNo: string }, at: Date) {
  const w = Math.floor(at.getTime() / CARD_WINDOW_MS);
  return { code: `${holder.volunteerNo}${digits(ctx, holder.userId, w)}`, refreshAt: new Date((w + 1) * CARD_WINDOW_MS), expiresAt: new Date((w + 2) * CARD_WINDOW_MS) };
}

/** The volunteer behind a code still in its time, or BENEFIT_CARD_INVALID. */
export async function holderOfCode(ctx: AppContext, db: DbOrTx, raw: string): Promise<repo.CardHolder & { expiresAt: Date }> {
  const code = raw.replace(/[\s-]/g, '').toUpperCase();
  const invalid = () => new AppError('BENEFIT_CARD_INVALID', '权益卡码无效或已过期，请让志愿者刷新权益卡后重新扫码 / The card code is invalid or expired; ask the volunteer to refresh the card', { reason: 'invalid' });
  const m = /^(\d{14}[\dX])(\d{6})$/.exec(code);
  if (!m) throw invalid();
  const holder = await repo.holderByVolunteerNo(db, m[1]!);
  if (!holder) throw invalid();
  const now = Math.floor(ctx.clock.now().getTime() / CARD_WINDOW_MS);
  const w = [now, now - 1].find((x) => crypto.timingSafeEqual(Buffer.from(digits(ctx, holder.userId, x)), Buffer.from(m[2]!)));
  if (w === undefined) throw invalid();
  return { ...holder, expiresAt: new Date((w + 2) * CARD_WINDOW_MS) };
}

const periodOf = (b: Pick<repo.BenefitRow, 'limitPeriod'>, today: string) => (b.limitPeriod === 'day' ? today : b.limitPeriod === 'month' ? today.slice(0, 7) : '');

/** Whether each benefit applies to the person now, and if not why; the uses of the period. */
async function standings(ctx: AppContext, db: DbOrTx, holder: repo.CardHolder, list: Array<{ b: repo.BenefitRow; p: repo.PartnerWithRegion }>): Promise<BenefitStanding[]> {
  const today = chinaDate(ctx.clock.now());
  const counters = await repo.countersOf(db, holder.userId, list.map((x) => x.b.id), [today, today.slice(0, 7)]);
  return list.map(({ b, p }) => {
    const used = b.limitPeriod === 'none' ? 0 : (counters.get(`${b.id}:${periodOf(b, today)}`) ?? 0);
    const reason: BenefitRefusal | null =
      b.status !== 'active' ? 'withdrawn'
      : p.status !== 'active' ? 'partner_suspended'
      : !holder.regionPath.startsWith(p.regionPath) ? 'outside_region'
      : today < b.validFrom ? 'not_yet_valid'
      : b.validTo && today > b.validTo ? 'expired'
      : holder.level < b.minStars ? 'level_too_low'
      : b.limitPeriod !== 'none' && used >= b.limitCount ? 'limit_reached'
      : null;
    return { ...toBenefit(b, p), applies: reason === null, reason, usedInPeriod: used, remaining: b.limitPeriod === 'none' ? null : Math.max(0, b.limitCount - used) };
  });
}

/** My card: the current code and its QR, my level, and the benefits of the partners of my region and those above it. */
export async function myCard(ctx: AppContext, actor: Actor): Promise<BenefitCard> {
  await grantDueStars(ctx, { userId: actor.userId });
  const holder = await repo.holderByUser(ctx.db, actor.userId);
  if (!holder) throw new AppError('INVALID_STATE', '您还没有志愿者编号，不能使用权益卡 / You have no volunteer number yet, so no benefit card');
  const partners = await repo.partnersOfRegions(ctx.db, holder.regionPath.split('/').filter(Boolean));
  const byId = new Map(partners.map((p) => [p.id, p]));
  const benefits = (await repo.benefitsOf(ctx.db, partners.map((p) => p.id))).filter((b) => b.status === 'active' && !(b.validTo && b.validTo < chinaDate(ctx.clock.now())));
  const c = cardCode(ctx, holder, ctx.clock.now());
  return {
    code: c.code,
    qr: await QRCode.toDataURL(c.code, { margin: 1, width: 240 }),
    expiresAt: c.expiresAt.toISOString(),
    refreshAt: c.refreshAt.toISOString(),
    name: maskName(holder.name),
    starLevel: holder.level,
    benefits: await standings(ctx, ctx.db, holder, benefits.map((b) => ({ b, p: byId.get(b.partnerId)! }))),
  };
}

/**
 * Card checks and uses counted per staff member, outside any transaction that a refusal rolls
 * back (the routes call it with the root database before the work).
 */
export async function countCardAttempt(ctx: AppContext, actor: Actor): Promise<void> {
  await hitRateLimit(ctx.db, `benefit-card:staff:${actor.userId}`, CHECKS_PER_MINUTE, 60, ctx.clock.now());
}

async function staffPartner(db: DbOrTx, actor: Actor, partnerId: string) {
  const p = await repo.findPartner(db, partnerId);
  if (!p) throw notFound('合作单位 partner');
  if (!(await repo.isStaff(db, partnerId, actor.userId))) throw new AppError('FORBIDDEN', '只有该单位的工作人员可以核验权益卡 / Only this partner’s staff verify benefit cards');
  return p;
}

/** A partner's staff member scans a card: who (masked), the level, every benefit of the partner and whether it applies. */
export async function checkCard(ctx: AppContext, actor: Actor, partnerId: string, code: string): Promise<CardCheck> {
  const p = await staffPartner(ctx.db, actor, partnerId);
  const holder = await holderOfCode(ctx, ctx.db, code);
  const list = (await repo.benefitsOf(ctx.db, [partnerId])).filter((b) => b.status === 'active');
  return {
    partnerId,
    volunteerName: maskName(holder.name),
    starLevel: holder.level,
    codeExpiresAt: holder.expiresAt.toISOString(),
    benefits: await standings(ctx, ctx.db, holder, list.map((b) => ({ b, p }))),
  };
}

const REFUSALS: Record<BenefitRefusal, string> = {
  level_too_low: '星级不够 / The star level is too low',
  limit_reached: '已达到使用次数上限 / The limit of uses is reached',
  expired: '权益已过期 / The benefit has expired',
  not_yet_valid: '权益尚未开始 / The benefit has not started yet',
  withdrawn: '权益已停止 / The benefit was withdrawn',
  outside_region: '不在本单位服务地区 / The volunteer is outside the partner’s region',
  partner_suspended: '合作单位已暂停 / The partner is suspended',
};

/** Logs a use: the card still in its time, the benefit applying, the limit taken in this transaction. Audited. */
export async function logUse(ctx: AppContext, actor: Actor, partnerId: string, body: BenefitUseBody): Promise<BenefitUse> {
  return withTx(ctx.db, async (tx) => {
    const p = await staffPartner(tx, actor, partnerId);
    const holder = await holderOfCode(ctx, tx, body.code);
    const b = await repo.findBenefit(tx, body.benefitId);
    if (!b || b.partnerId !== partnerId) throw notFound('权益 benefit');
    assertNotSelfBenefit(actor, { beneficiaryUserIds: [holder.userId], reason: '不能为自己登记权益使用，须由其他工作人员办理 / You cannot log a benefit for yourself; another staff member must' });
    const [standing] = await standings(ctx, tx, holder, [{ b, p }]);
    const refuse = (reason: BenefitRefusal) => new AppError('BENEFIT_NOT_AVAILABLE', `${REFUSALS[reason]}`, { reason, minStars: b.minStars, starLevel: holder.level });
    // the limit is decided by the counter's one statement below, never by the count read here
    if (standing!.reason && standing!.reason !== 'limit_reached') throw refuse(standing!.reason);
    const now = ctx.clock.now();
    const today = chinaDate(now);
    if (b.limitPeriod !== 'none') {
      const taken = await repo.takeUse(tx, { benefitId: b.id, userId: holder.userId, period: periodOf(b, today), cityCode: holder.cityCode, limit: b.limitCount });
      if (taken === null) throw refuse('limit_reached');
    }
    const use = await repo.insertUse(tx, { id: newId(), cityCode: holder.cityCode, partnerId, benefitId: b.id, userId: holder.userId, staffId: actor.userId, starLevel: holder.level, usedAt: now, month: today.slice(0, 7) });
    await recordAudit(ctx, tx, actor, { action: 'partner.benefit.use', objectType: 'partner_benefit_use', objectId: use.id, regionCode: p.regionCode, before: null, after: { benefitId: b.id, userId: holder.userId, starLevel: holder.level } });
    return { id: use.id, partnerId, partnerName: p.name, benefitId: b.id, benefitTitle: b.title, volunteerName: maskName(holder.name), starLevel: holder.level, staffName: actor.name, usedAt: now.toISOString() };
  });
}
