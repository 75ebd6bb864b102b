import crypto from 'node:crypto';
import type { Actor, AppContext } from '../../context';
import { withTx, type Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { timingSafeEqualStr } from '../../lib/crypto';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { chinaDate } from '../../lib/working-days';
import { hitRateLimit } from '../../plugins/rate-limit';
import { maskName } from '@shared/lib/person-name';
import type { PageQuery } from '@shared/schemas/common';
import type { Certificate, CertificateCreateBody, CertificateFacts, CertificateVerification } from '@shared/schemas/honours';
import { notifyMany } from '../notifications/index';
import { hoursOf } from './stars.service';
import * as repo from './honours.repository';

/**
 * Service certificates (志愿服务证明, art. 14–17) and the volunteer card (志愿者证): the facts are
 * frozen when issued; each has a public number (ZYZM-<city>-<year>-<seq>, unique per city and
 * year) and a random verification code printed beside it, so that numbers cannot be walked.
 * A record corrected after issue revokes every certificate that counted it, in the correction's
 * transaction.
 */

/** Lines a certificate lists; the hours always count every record. */
const MAX_LINES = 200;
/** Verifications per address per minute. */
const VERIFY_PER_MINUTE = 30;

export function verifyUrl(ctx: AppContext, c: Pick<repo.CertificateRow, 'number' | 'verifyCode'>): string {
  return `${ctx.config.publicUrl ?? ''}/verify/${encodeURIComponent(c.number)}?code=${c.verifyCode}`;
}

export function toCertificate(ctx: AppContext, c: repo.CertificateRow): Certificate {
  return {
    id: c.id,
    number: c.number,
    kind: c.kind as Certificate['kind'],
    status: c.status as Certificate['status'],
    revokedReason: c.revokedReason,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    facts: c.facts as CertificateFacts,
    verifyUrl: verifyUrl(ctx, c),
    createdAt: c.createdAt.toISOString(),
  };
}

async function issue(ctx: AppContext, tx: Tx, userId: string, kind: Certificate['kind'], facts: Omit<CertificateFacts, 'name' | 'idNumberMasked' | 'volunteerNo' | 'issuedOn'>, minutes: number, recordIds: readonly string[]) {
  const person = await repo.personFacts(tx, userId);
  if (!person) throw notFound('志愿者 volunteer');
  const now = ctx.clock.now();
  const issuedOn = chinaDate(now);
  const year = Number(issuedOn.slice(0, 4));
  const seq = await repo.nextCertificateSeq(tx, person.cityCode, year);
  const number = `${PREFIX[kind]}-${person.cityCode}-${year}-${String(seq).padStart(6, '0')}`;
  const full: CertificateFacts = { name: person.name, idNumberMasked: person.idNumberMasked, volunteerNo: person.volunteerNo, issuedOn, ...facts };
  return repo.insertCertificate(
    tx,
    { id: newId(), cityCode: person.cityCode, number, verifyCode: crypto.randomBytes(6).toString('hex'), kind, userId, facts: full, minutes, status: 'valid', createdAt: now },
    recordIds,
  );
}

const PREFIX: Record<Certificate['kind'], string> = { period: 'ZYZM', activity: 'ZYZM', card: 'ZYZ', honour: 'ZYRY' };

/**
 * An honour certificate (荣誉证书) for an award published by a campaign (modules/awards), in the
 * publishing transaction: numbered and verified like the service certificates (kind honour).
 */
export async function issueHonourCertificate(ctx: AppContext, tx: Tx, userId: string, honour: NonNullable<CertificateFacts['honour']>, period: { from: string; to: string }): Promise<Certificate> {
  const stars = await repo.findStars(tx, userId);
  const minutes = stars?.minutes ?? 0;
  const c = await issue(ctx, tx, userId, 'honour', { hours: hoursOf(minutes), ...period, starLevel: null, lines: [], units: [honour.body], honour }, minutes, []);
  return toCertificate(ctx, c);
}

/** A volunteer asks for a certificate of a period or of one activity (free, art. 14). */
export async function requestCertificate(ctx: AppContext, actor: Actor, body: CertificateCreateBody): Promise<Certificate> {
  return withTx(ctx.db, async (tx) => {
    const records = await repo.countedRecords(tx, actor.userId, body.kind === 'period' ? { from: body.from, to: body.to } : { activityId: body.activityId });
    if (!records.length) {
      if (body.kind === 'activity') throw notFound('该活动的服务记录 service record of the activity');
      throw new AppError('VALIDATION_FAILED', '这段时间没有已确认的服务记录 / No confirmed service in this period', { fields: { from: 'no records' } });
    }
    if (records.length > 5000) throw new AppError('VALIDATION_FAILED', '时间段内记录过多，请缩短时间段 / Too many records; choose a shorter period', { fields: { to: 'too many records' } });
    const minutes = records.reduce((s, r) => s + Number(r.minutes), 0);
    const lines = records.slice(0, MAX_LINES).map((r) => ({ date: r.service_date, title: r.activity_title, content: r.content.slice(0, 200), unit: r.org_name, hours: hoursOf(Number(r.minutes)) }));
    const units = [...new Set(records.map((r) => r.org_name))];
    const span = body.kind === 'period' ? { from: body.from, to: body.to } : { from: records[0]!.service_date, to: records[records.length - 1]!.service_date };
    const c = await issue(ctx, tx, actor.userId, body.kind, { hours: hoursOf(minutes), ...span, starLevel: null, lines, units }, minutes, records.map((r) => r.id));
    return toCertificate(ctx, c);
  });
}

export async function myCertificates(ctx: AppContext, actor: Actor, q: PageQuery) {
  const { limit, offset } = offsetOf(q);
  const page = await repo.certificatesOf(ctx.db, actor.userId, limit, offset);
  return { total: page.total, items: page.items.map((c) => toCertificate(ctx, c)) };
}

/** One's own certificate (another person's is not found). */
export async function myCertificate(ctx: AppContext, actor: Actor, id: string): Promise<repo.CertificateRow> {
  const c = await repo.findCertificate(ctx.db, id);
  if (!c || c.userId !== actor.userId) throw notFound('证明 certificate');
  return c;
}

/** Anyone, logged out: the number and the code printed on it; rate-limited per address. */
export async function verifyCertificate(ctx: AppContext, ip: string, number: string, code: string): Promise<CertificateVerification> {
  await hitRateLimit(ctx.db, `certificate-verify:ip:${ip}`, VERIFY_PER_MINUTE, 60, ctx.clock.now());
  const c = await repo.findCertificateByNumber(ctx.db, number);
  if (!c || !timingSafeEqualStr(c.verifyCode, code)) throw new AppError('NOT_FOUND', '未找到该证明，请核对编号和验证码 / No such certificate: check the number and the code');
  const facts = c.facts as CertificateFacts;
  return {
    number: c.number,
    kind: c.kind as Certificate['kind'],
    status: c.status as Certificate['status'],
    revokedReason: c.revokedReason,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    facts: { ...facts, name: maskName(facts.name) },
    issuedAt: c.createdAt.toISOString(),
  };
}

/** In a correction's transaction: every certificate that counted the records is revoked, its holder told. */
export async function revokeCertificatesFor(ctx: AppContext, tx: Tx, recordIds: readonly string[], reason: string): Promise<number> {
  const revoked = await repo.revokeCountingRecords(tx, recordIds, reason, ctx.clock.now());
  const person = revoked.length ? await repo.personFacts(tx, revoked[0]!.userId) : undefined;
  await notifyMany(
    ctx,
    tx,
    revoked.map((c) => ({
      userId: c.userId,
      regionCode: person?.regionCode ?? c.cityCode,
      kind: 'certificate_revoked' as const,
      title: `服务证明 ${c.number} 已作废`,
      body: `${reason}。如需证明，请重新申请。`,
      objectType: 'certificate',
      objectId: c.id,
    })),
  );
  return revoked.length;
}

/**
 * The digital volunteer card (志愿者证): the latest valid card while it still states the person's
 * star level; otherwise a new one (the old one revoked as replaced).
 */
export async function myVolunteerCard(ctx: AppContext, actor: Actor) {
  return withTx(ctx.db, async (tx) => {
    const stars = await repo.findStars(tx, actor.userId);
    const level = stars?.level ?? 0;
    const current = await repo.validCardOf(tx, actor.userId);
    if (current && (current.facts as CertificateFacts).starLevel === level) return { certificate: toCertificate(ctx, current), qrPayload: verifyUrl(ctx, current) };
    if (current) await repo.revokeCard(tx, current.id, '已换发新证 / Replaced by a new card', ctx.clock.now());
    const minutes = stars?.minutes ?? 0;
    const c = await issue(ctx, tx, actor.userId, 'card', { hours: hoursOf(minutes), from: null, to: null, starLevel: level, lines: [], units: [] }, minutes, []);
    return { certificate: toCertificate(ctx, c), qrPayload: verifyUrl(ctx, c) };
  });
}
