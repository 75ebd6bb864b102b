import { z } from 'zod';
import { Id, IsoDateTime, RegionCode } from './common';
import { Day } from './stats';

/** Star levels (星级) and service certificates (志愿服务证明). */

export const StarLadderFields = z.object({
  /** Hours for 1, 2, … stars. */
  thresholdsHours: z
    .array(z.number().int().min(1).max(100_000))
    .min(1)
    .max(10)
    .refine((a) => a.every((h, i) => i === 0 || h > a[i - 1]!), '星级时长须逐级递增 / Each level needs more hours than the one below'),
  /** 公示期: working days a new level is announced before it is granted. */
  noticeWorkingDays: z.number().int().min(0).max(30),
});
export type StarLadderFields = z.infer<typeof StarLadderFields>;

export const StarLadderPutBody = StarLadderFields.extend({ effectiveFrom: IsoDateTime.optional() });
export type StarLadderPutBody = z.infer<typeof StarLadderPutBody>;

export const StarLadder = StarLadderFields.extend({
  id: Id.nullable(),
  /** The region whose row applies; null: the platform's default. */
  sourceRegionCode: RegionCode.nullable(),
  effectiveFrom: IsoDateTime.nullable(),
});
export type StarLadder = z.infer<typeof StarLadder>;

export const StarLadderView = z.object({ regionCode: RegionCode, effective: StarLadder, own: z.array(StarLadder) });
export type StarLadderView = z.infer<typeof StarLadderView>;

export const MyStars = z.object({
  level: z.number().int().nonnegative(),
  levelSince: IsoDateTime.nullable(),
  /** Confirmed service minutes (corrected, pending and rejected records do not count). */
  minutes: z.number().int().nonnegative(),
  hours: z.number().nonnegative(),
  ladder: StarLadder,
  next: z.object({ level: z.number().int(), hours: z.number().int(), remainingHours: z.number().nonnegative() }).nullable(),
  pending: z.object({ level: z.number().int(), announcedAt: IsoDateTime, noticeEndsAt: IsoDateTime }).nullable(),
});
export type MyStars = z.infer<typeof MyStars>;

export const StarAnnouncementsQuery = z.object({
  regionCode: RegionCode,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type StarAnnouncementsQuery = z.infer<typeof StarAnnouncementsQuery>;

export const StarAnnouncement = z.object({
  id: Id,
  /** The name only with the person's consent to public display, masked otherwise. */
  name: z.string(),
  regionCode: RegionCode,
  level: z.number().int(),
  hours: z.number(),
  announcedAt: IsoDateTime,
  noticeEndsAt: IsoDateTime,
});
export const StarAnnouncementPage = z.object({ items: z.array(StarAnnouncement), total: z.number().int().nonnegative() });

export const CertificateCreateBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('period'), from: Day, to: Day }).refine((b) => b.from <= b.to, { message: '开始日期不能晚于结束日期 / from must not be after to', path: ['to'] }),
  z.object({ kind: z.literal('activity'), activityId: Id }),
]);
export type CertificateCreateBody = z.infer<typeof CertificateCreateBody>;

export const CertificateLine = z.object({ date: z.string(), title: z.string(), content: z.string(), unit: z.string(), hours: z.number() });

/** What a certificate states, frozen when it was issued. */
export const CertificateFacts = z.object({
  name: z.string(),
  idNumberMasked: z.string().nullable(),
  volunteerNo: z.string().nullable(),
  hours: z.number(),
  /** For a period certificate: the span; for a card: the star level. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  starLevel: z.number().int().nullable(),
  lines: z.array(CertificateLine),
  units: z.array(z.string()),
  issuedOn: z.string(),
  /** For an honour certificate (荣誉证书): the campaign, the award and the awarding body (art. 9). */
  honour: z.object({ campaign: z.string(), award: z.string(), body: z.string() }).optional(),
});
export type CertificateFacts = z.infer<typeof CertificateFacts>;

export const CertificateKind = z.enum(['period', 'activity', 'card', 'honour']);

export const Certificate = z.object({
  id: Id,
  number: z.string(),
  kind: CertificateKind,
  status: z.enum(['valid', 'revoked']),
  revokedReason: z.string().nullable(),
  revokedAt: IsoDateTime.nullable(),
  facts: CertificateFacts,
  /** The public page that verifies it (printed as a QR code). */
  verifyUrl: z.string(),
  createdAt: IsoDateTime,
});
export type Certificate = z.infer<typeof Certificate>;
export const CertificatePage = z.object({ items: z.array(Certificate), total: z.number().int().nonnegative() });

export const VerifyParams = z.object({ number: z.string().min(1).max(32) });
export const VerifyQuery = z.object({ code: z.string().min(1).max(16) });

/** What anyone sees when verifying: the frozen facts (name masked) and whether it stands. */
export const CertificateVerification = Certificate.omit({ id: true, verifyUrl: true, createdAt: true }).extend({ issuedAt: IsoDateTime });
export type CertificateVerification = z.infer<typeof CertificateVerification>;

export const VolunteerCard = z.object({
  certificate: Certificate,
  /** What the QR code holds: the verify URL. */
  qrPayload: z.string(),
});
