import { z } from 'zod';
import { Id, IsoDateTime, RegionCode } from './common';
import { Day } from './stats';

/** Partner benefits (志愿服务激励方案): partners, their staff, benefits by star level, the rotating card, uses. */

export const PARTNER_SECTORS = ['transport', 'communications', 'medical', 'employment', 'legal_aid', 'tourism', 'other'] as const;
export const PartnerSector = z.enum(PARTNER_SECTORS);
export type PartnerSector = z.infer<typeof PartnerSector>;

const Name = z.string().trim().min(1).max(100);

export const PartnerBody = z.object({
  name: Name,
  sector: PartnerSector,
  regionCode: RegionCode,
  contact: z.string().trim().max(100).nullish(),
});
export type PartnerBody = z.infer<typeof PartnerBody>;

export const PartnerPatchBody = z.object({
  name: Name.optional(),
  sector: PartnerSector.optional(),
  contact: z.string().trim().max(100).nullish(),
  status: z.enum(['active', 'suspended']).optional(),
});
export type PartnerPatchBody = z.infer<typeof PartnerPatchBody>;

export const PartnerStaffMember = z.object({ userId: Id, name: z.string(), phoneMasked: z.string(), addedAt: IsoDateTime });

export const Partner = z.object({
  id: Id,
  name: z.string(),
  sector: PartnerSector,
  regionCode: RegionCode,
  regionName: z.string(),
  contact: z.string().nullable(),
  status: z.enum(['active', 'suspended']),
  staff: z.array(PartnerStaffMember),
  benefitCount: z.number().int().nonnegative(),
  createdAt: IsoDateTime,
});
export type Partner = z.infer<typeof Partner>;
export const PartnerPage = z.object({ items: z.array(Partner), total: z.number().int().nonnegative() });

export const PartnerListQuery = z.object({
  regionCode: RegionCode.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PartnerListQuery = z.infer<typeof PartnerListQuery>;

export const PartnerStaffBody = z.object({ userId: Id });

export const LimitPeriod = z.enum(['day', 'month', 'none']);

const BenefitFields = z.object({
  title: Name,
  description: z.string().trim().max(1000),
  /** 0: every registered volunteer. */
  minStars: z.number().int().min(0).max(10),
  /** Uses per person: once (or N) a day, N a month, or unlimited. */
  limitPeriod: LimitPeriod,
  limitCount: z.number().int().min(1).max(1000),
  validFrom: Day,
  validTo: Day.nullish(),
});
export const BenefitBody = BenefitFields.extend({ description: BenefitFields.shape.description.default(''), limitCount: BenefitFields.shape.limitCount.default(1) }).refine(
  (b) => !b.validTo || b.validFrom <= b.validTo,
  { message: '结束日期不能早于开始日期 / validTo must not be before validFrom', path: ['validTo'] },
);
export type BenefitBody = z.infer<typeof BenefitBody>;
/** Only the fields sent change (no defaults here: a withdrawal keeps the limit and the text). */
export const BenefitPatchBody = BenefitFields.partial().extend({ status: z.enum(['active', 'withdrawn']).optional() });
export type BenefitPatchBody = z.infer<typeof BenefitPatchBody>;

export const Benefit = z.object({
  id: Id,
  partnerId: Id,
  partnerName: z.string(),
  sector: PartnerSector,
  title: z.string(),
  description: z.string(),
  minStars: z.number().int(),
  limitPeriod: LimitPeriod,
  limitCount: z.number().int(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  status: z.enum(['active', 'withdrawn']),
});
export type Benefit = z.infer<typeof Benefit>;
export const BenefitList = z.object({ items: z.array(Benefit) });

/** Why a benefit does not apply to this volunteer now. */
export const BenefitRefusal = z.enum(['level_too_low', 'limit_reached', 'expired', 'not_yet_valid', 'withdrawn', 'outside_region', 'partner_suspended']);
export type BenefitRefusal = z.infer<typeof BenefitRefusal>;

export const BenefitStanding = Benefit.extend({
  applies: z.boolean(),
  reason: BenefitRefusal.nullable(),
  /** Uses in the current period (day or month) and what is left; null when unlimited. */
  usedInPeriod: z.number().int().nonnegative(),
  remaining: z.number().int().nonnegative().nullable(),
});
export type BenefitStanding = z.infer<typeof BenefitStanding>;

/** The volunteer's rotating card: the code the QR holds and the partner may type. */
export const BenefitCard = z.object({
  code: z.string(),
  /** The QR image of the code (data URL). */
  qr: z.string(),
  expiresAt: IsoDateTime,
  /** When the phone should fetch the next code. */
  refreshAt: IsoDateTime,
  name: z.string(),
  starLevel: z.number().int().nonnegative(),
  benefits: z.array(BenefitStanding),
});
export type BenefitCard = z.infer<typeof BenefitCard>;

export const CardCodeBody = z.object({ code: z.string().trim().min(6).max(64) });

/** What a partner's staff member sees after scanning: masked name, level, the benefits and why not. */
export const CardCheck = z.object({
  partnerId: Id,
  volunteerName: z.string(),
  starLevel: z.number().int().nonnegative(),
  codeExpiresAt: IsoDateTime,
  benefits: z.array(BenefitStanding),
});
export type CardCheck = z.infer<typeof CardCheck>;

export const BenefitUseBody = z.object({ code: z.string().trim().min(6).max(64), benefitId: Id, clientKey: z.string().uuid().optional() });
export type BenefitUseBody = z.infer<typeof BenefitUseBody>;

export const BenefitUse = z.object({
  id: Id,
  partnerId: Id,
  partnerName: z.string(),
  benefitId: Id,
  benefitTitle: z.string(),
  volunteerName: z.string(),
  starLevel: z.number().int(),
  staffName: z.string(),
  usedAt: IsoDateTime,
});
export type BenefitUse = z.infer<typeof BenefitUse>;
export const BenefitUsePage = z.object({ items: z.array(BenefitUse), total: z.number().int().nonnegative() });

const Month = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM / A month is YYYY-MM');
export const UsesQuery = z.object({
  month: Month.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type UsesQuery = z.infer<typeof UsesQuery>;

export const UseReportQuery = z.object({
  regionCode: RegionCode.optional(),
  partnerId: Id.optional(),
  from: Month.optional(),
  to: Month.optional(),
});
export type UseReportQuery = z.infer<typeof UseReportQuery>;

export const UseReportRow = z.object({
  partnerId: Id,
  partnerName: z.string(),
  benefitId: Id,
  benefitTitle: z.string(),
  month: z.string(),
  uses: z.number().int().nonnegative(),
  volunteers: z.number().int().nonnegative(),
});
export type UseReportRow = z.infer<typeof UseReportRow>;
export const UseReport = z.object({ from: z.string(), to: z.string(), rows: z.array(UseReportRow), totalUses: z.number().int().nonnegative() });

/** The partners a signed-in person works for (the verify page's choice). */
export const MyPartners = z.object({ items: z.array(z.object({ id: Id, name: z.string(), sector: PartnerSector, regionName: z.string() })) });
