import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, RegionCode } from './common';
import { Day } from './stats';

/** 十星级文明户 (household civility ratings) and 道德红黑榜 (the moral red-black board). */

const Year = z.coerce.number().int().min(2000).max(2099);
const StarKey = z.string().trim().regex(/^[a-z][a-z0-9_]{1,29}$/, 'a short key: lower-case letters, digits, _');

export const CivilityStar = z.object({ key: StarKey, name: z.string().trim().min(2).max(20), description: z.string().trim().max(200).default('') });
export const CivilityCriteriaBody = z
  .object({ regionCode: RegionCode, year: Year, title: z.string().trim().min(2).max(100), stars: z.array(CivilityStar).min(1).max(10) })
  .refine((b) => new Set(b.stars.map((s) => s.key)).size === b.stars.length, { message: '星项不能重复 / Each star once', path: ['stars'] });
export const CivilityCriteria = z.object({ id: Id, regionCode: z.string(), regionName: z.string(), year: z.number().int(), title: z.string(), stars: z.array(z.object({ key: z.string(), name: z.string(), description: z.string() })) });
export const CivilityCriteriaQuery = z.object({ regionCode: RegionCode, year: Year });

export const CivilityHouseholdBody = z.object({ regionCode: RegionCode, address: z.string().trim().min(2).max(200), headName: z.string().trim().min(1).max(40), headUserId: Id.optional() });
export const CivilityHousehold = z.object({ id: Id, regionCode: z.string(), regionName: z.string(), address: z.string(), headName: z.string(), headUserId: Id.nullable(), createdAt: IsoDateTime });
export const CivilityHouseholdPage = z.object({ items: z.array(CivilityHousehold), total: z.number().int().nonnegative() });
export const CivilityListQuery = PageQuery.extend({ regionCode: RegionCode.optional(), year: Year.optional() });

export const CivilityStarRating = z.object({ key: StarKey, earned: z.boolean(), evidence: z.string().trim().max(500).optional() });
export const CivilityRatingBody = z.object({ householdId: Id, criteriaId: Id, stars: z.array(CivilityStarRating).min(1).max(10) });
export type CivilityRatingBody = z.infer<typeof CivilityRatingBody>;

export const CivilityRating = z.object({
  id: Id,
  householdId: Id,
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string(),
  headName: z.string(),
  year: z.number().int(),
  criteriaTitle: z.string(),
  stars: z.array(z.object({ key: z.string(), name: z.string(), earned: z.boolean(), evidence: z.string().nullable() })),
  starCount: z.number().int(),
  ratedAt: IsoDateTime,
  consentPublic: z.boolean(),
  consentAt: IsoDateTime.nullable(),
  consentMethod: z.enum(['self', 'paper']).nullable(),
});
export const CivilityRatingPage = z.object({ items: z.array(CivilityRating), total: z.number().int().nonnegative() });
/** The head consents (or withdraws) for themself; staff record a signed paper form on behalf (`method: paper`). */
export const CivilityConsentBody = z.object({ consent: z.boolean(), method: z.enum(['self', 'paper']).default('self') });

/** What the public sees of a rated household: the head's name masked, the community, the stars; never the address or the evidence. */
export const PublicCivilityRating = z.object({ id: Id, regionName: z.string(), household: z.string(), year: z.number().int(), starCount: z.number().int(), stars: z.array(z.object({ name: z.string(), earned: z.boolean() })) });
export const PublicCivilityRatingPage = z.object({ items: z.array(PublicCivilityRating), total: z.number().int().nonnegative() });

export const BoardKind = z.enum(['red', 'black']);
export const CivilityBoardBody = z
  .object({
    regionCode: RegionCode,
    board: BoardKind,
    title: z.string().trim().min(2).max(100),
    deed: z.string().trim().min(2).max(2000),
    evidence: z.string().trim().min(2).max(2000),
    subjectName: z.string().trim().min(1).max(60).optional(),
    subjectUserId: Id.optional(),
    subjectHouseholdId: Id.optional(),
    periodFrom: Day,
    periodTo: Day,
  })
  .refine((b) => b.periodFrom <= b.periodTo, { message: '结束日期不能早于开始日期 / The period must not end before it starts', path: ['periodTo'] })
  .refine((b) => !(b.subjectUserId || b.subjectHouseholdId) || !!b.subjectName, { message: '请填写被点名的人或家庭 / Name the person or household', path: ['subjectName'] });
export type CivilityBoardBody = z.infer<typeof CivilityBoardBody>;
export const CivilityReviewBody = z.object({ decision: z.enum(['approve', 'reject']), note: z.string().trim().max(500).optional() });
export const CivilityAppealBody = z.object({ reason: z.string().trim().min(5).max(2000) });
export const CivilityAnswerBody = z.object({ decision: z.enum(['uphold', 'dismiss']), answer: z.string().trim().min(2).max(500) });

export const CivilityAppeal = z.object({ id: Id, entryId: Id, appellantName: z.string(), reason: z.string(), status: z.enum(['open', 'upheld', 'dismissed']), answer: z.string().nullable(), answeredAt: IsoDateTime.nullable(), createdAt: IsoDateTime });
export const CivilityBoardEntry = z.object({
  id: Id,
  regionCode: z.string(),
  regionName: z.string(),
  board: BoardKind,
  title: z.string(),
  deed: z.string(),
  evidence: z.string(),
  subjectName: z.string().nullable(),
  namesSomeone: z.boolean(),
  periodFrom: z.string(),
  periodTo: z.string(),
  enteredByName: z.string(),
  enteredAt: IsoDateTime,
  reviewStatus: z.enum(['pending', 'approved', 'rejected']),
  reviewedByName: z.string().nullable(),
  reviewNote: z.string().nullable(),
  status: z.enum(['active', 'withdrawn']),
  /** Whether the public board shows it now: active, in its period, and (when it names someone) reviewed. */
  isPublic: z.boolean(),
  appeals: z.array(CivilityAppeal),
});
export const CivilityBoardPage = z.object({ items: z.array(CivilityBoardEntry), total: z.number().int().nonnegative() });
export const PublicBoardEntry = z.object({ id: Id, regionName: z.string(), board: BoardKind, title: z.string(), deed: z.string(), evidence: z.string(), subjectName: z.string().nullable(), periodFrom: z.string(), periodTo: z.string() });
export const PublicBoardPage = z.object({ items: z.array(PublicBoardEntry), total: z.number().int().nonnegative() });
export const PublicBoardQuery = PageQuery.extend({ regionCode: RegionCode.optional(), board: BoardKind.optional() });

/** My household's ratings (to consent) and the entries naming me or my household (to appeal). */
export const MyCivility = z.object({ ratings: z.array(CivilityRating), entries: z.array(CivilityBoardEntry.omit({ evidence: true }).extend({ evidence: z.string(), myAppeal: CivilityAppeal.nullable() })) });
