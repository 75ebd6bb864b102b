import { z } from 'zod';
import { CONSENT_METHODS, GUARDIAN_RELATIONS, MEMBER_ROLES, MEMBERSHIP_STATUSES, SERVICE_CATEGORIES } from '../constants';
import { Id, IsoDateTime, PageQuery, RegionCode, pageOf } from './common';
import { IdNumber, PersonName, Phone, Password } from './auth';

export const ServiceCategory = z.enum(SERVICE_CATEGORIES);
const Skill = z.string().trim().min(1).max(30);

export const Guardian = z.object({
  name: PersonName,
  phone: Phone,
  relation: z.enum(GUARDIAN_RELATIONS),
});
export type Guardian = z.infer<typeof Guardian>;

export const Profile = z.object({
  userId: Id,
  volunteerNo: z.string().describe('public volunteer number: district code + sequence + check character; never the ID number'),
  name: z.string(),
  sex: z.enum(['M', 'F']).nullable(),
  birthDate: z.string().nullable(),
  age: z.number().int().nullable(),
  idNumberMasked: z.string().nullable(),
  phone: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  skills: z.array(z.string()),
  serviceCategories: z.array(ServiceCategory),
  availability: z.string().nullable(),
  nationalVolunteerNo: z.string().nullable(),
  publicDisplay: z.boolean(),
  guardian: z.object({ name: z.string(), phone: z.string(), relation: z.string() }).nullable(),
  registeredOnBehalf: z.boolean(),
  registeredByName: z.string().nullable(),
  consentMethod: z.enum(CONSENT_METHODS),
  hasPassword: z.boolean(),
  createdAt: IsoDateTime,
});
export type Profile = z.infer<typeof Profile>;

export const ProfileUpdateBody = z.object({
  skills: z.array(Skill).max(20).optional(),
  serviceCategories: z.array(ServiceCategory).max(14).optional(),
  availability: z.string().trim().max(200).nullable().optional(),
  nationalVolunteerNo: z.string().trim().max(40).nullable().optional(),
  regionCode: RegionCode.optional(),
});

/** Staff corrections (audited) may also fix the name. */
export const ProfileCorrectionBody = ProfileUpdateBody.extend({ name: PersonName.optional(), reason: z.string().trim().min(2).max(200) });

export const OnBehalfRegisterBody = z.object({
  name: PersonName,
  idNumber: IdNumber,
  phone: Phone,
  regionCode: RegionCode,
  skills: z.array(Skill).max(20).optional(),
  serviceCategories: z.array(ServiceCategory).max(14).optional(),
  consentMethod: z.enum(['paper', 'verbal']),
  guardian: Guardian.optional(),
  stationId: Id.optional(),
});

export const ClaimBody = z.object({
  phone: Phone,
  idNumber: IdNumber,
  name: PersonName,
  password: Password,
  claimCode: z.string().trim().min(8).max(12).describe('the one-time claim code staff printed for the person (ABCD-EFGH)'),
});
/** The reset page: the one-time code staff at the station or a verified relative gave the person. */
export const PasswordResetBody = z.object({
  phone: Phone,
  code: z.string().trim().min(8).max(12).describe('the one-time reset code (ABCD-EFGH) from station staff or a verified relative'),
  password: Password,
});
export const ClaimCodeResponse = z.object({
  code: z.string().describe('shown once: only its hash is kept'),
  expiresAt: z.string(),
});

/**
 * An account recovered by a one-time code (a claim or a password reset): held from spending for
 * its hours, and never spending to the code's issuer, until staff other than the issuer confirm
 * the holder in person.
 */
export const AccountRecovery = z.object({
  id: z.string().uuid(),
  kind: z.enum(['claim', 'password_reset']),
  recoveredAt: z.string(),
  holdUntil: z.string(),
  held: z.boolean().describe('the hours of the hold are still running (and no one has confirmed the holder)'),
  issuedByName: z.string().describe("the name of whoever issued the code (staff or a relative)"),
  confirmedAt: z.string().nullable(),
  confirmedByName: z.string().nullable(),
});
export const AccountRecoveryList = z.object({ items: z.array(AccountRecovery) });

export const VolunteerListQuery = PageQuery.extend({
  regionCode: RegionCode.optional(),
  q: z.string().trim().max(40).optional(),
  skill: z.string().trim().max(30).optional(),
  category: ServiceCategory.optional(),
  onBehalf: z.enum(['true', 'false']).optional(),
});
/** A row of the staff's volunteer list: the profile with confirmed service time, star level and spendable balances. */
export const VolunteerListItem = Profile.extend({
  serviceMinutes: z.number().int().nonnegative().describe('confirmed service minutes (the star ladder counts these)'),
  starLevel: z.number().int().nonnegative(),
  pointsBalance: z.number().int().nonnegative().describe('spendable points (balance less reserved)'),
  timeBalanceMinutes: z.number().int().nonnegative().describe('spendable stored time, minutes'),
});
export const VolunteerPage = pageOf(VolunteerListItem).extend({
  /** The filter's total was counted up to a cap: there are at least `total` (the whole region's count is kept exactly). */
  totalIsLowerBound: z.boolean().optional(),
});

export const MemberRole = z.enum(MEMBER_ROLES);
export const MembershipStatus = z.enum(MEMBERSHIP_STATUSES);
export const Membership = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  userId: Id,
  userName: z.string(),
  volunteerNo: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  phone: z.string(),
  role: MemberRole,
  status: MembershipStatus,
  message: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: IsoDateTime,
  decidedAt: IsoDateTime.nullable(),
});
export const MembershipResponse = z.object({ member: Membership });
export const MemberAddBody = z.object({ userId: Id, role: MemberRole.optional() });
export const JoinBody = z.object({ message: z.string().trim().max(300).optional() });
export const DecideBody = z.object({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(300).optional() });
export const RespondBody = z.object({ accept: z.boolean() });
export const MemberRoleBody = z.object({ role: MemberRole });
export const MemberListQuery = PageQuery.extend({ status: MembershipStatus.optional(), q: z.string().trim().max(40).optional() });
export const MembershipPage = pageOf(Membership);

export const ImportJob = z.object({
  id: Id,
  kind: z.string(),
  status: z.enum(['running', 'failed', 'done']),
  phase: z.enum(['checking', 'importing', 'finished']),
  fileName: z.string().nullable(),
  regionCode: z.string(),
  mode: z.enum(['all_or_nothing', 'skip_bad']),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  createdCount: z.number().int(),
  matchedCount: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string().nullable(), reason: z.string() })),
  message: z.string().nullable(),
  createdAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;
