import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, RegionCode } from './common';
import { Day } from './stats';

/**
 * Public-welfare posts (公益性岗位): posts by town against a plan, the hardship register,
 * placements through the fixed procedure (one row per step), the public notice (公示) with
 * objections, attendance by the post's rotating QR code and geofence, the supervisor's monthly
 * confirmation, the checks against paying for nobody (flags for review), the monthly report.
 */

export const POST_KINDS = ['rural', 'urban'] as const;
export const PostKind = z.enum(POST_KINDS);
export const POST_CATEGORIES = ['cleaning', 'patrol', 'elder_care', 'greening', 'road_care', 'water_care', 'other'] as const;
export const PostCategory = z.enum(POST_CATEGORIES);

/** The procedure, in its fixed order: a step cannot be skipped or repeated. */
export const PLACEMENT_STEPS = ['application', 'democratic_review', 'town_review', 'public_notice', 'county_approval', 'agreement', 'training', 'start'] as const;
export const PlacementStep = z.enum(PLACEMENT_STEPS);
export type PlacementStep = z.infer<typeof PlacementStep>;
/** Steps whose document is required: the minutes of the review, the notice, the agreement. */
export const STEPS_NEEDING_DOCUMENT: readonly PlacementStep[] = ['democratic_review', 'public_notice', 'agreement'];

export const PLACEMENT_STATUSES = ['in_procedure', 'active', 'ended', 'rejected'] as const;
export const PlacementStatus = z.enum(PLACEMENT_STATUSES);

export const FLAG_KINDS = ['absent_days', 'outside_fence', 'shared_device', 'placed_twice', 'listed_deceased', 'listed_moved', 'closed_day_attendance'] as const;
export const FlagKind = z.enum(FLAG_KINDS);
export type FlagKind = z.infer<typeof FlagKind>;

export const HARDSHIP_CATEGORIES = ['low_income', 'extreme_poverty', 'zero_employment', 'disabled', 'poverty_monitored', 'other'] as const;
export const HardshipCategory = z.enum(HARDSHIP_CATEGORIES);

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const Text = (max: number) => z.string().trim().min(1).max(max);
const TownOrVillage = z.string().regex(/^(\d{9}|\d{12})$/, '乡镇（街道）或村（社区）代码 / a town (9 digits) or village (12 digits) code');
const Fen = z.number().int().min(0).max(100_000_00);

/** A document sent with a step: a PDF, PNG or JPEG in base64 (up to 700 KB of file). */
export const DocumentUpload = z.object({
  fileName: Text(100),
  contentBase64: z.string().min(8).max(960_000),
});
export type DocumentUpload = z.infer<typeof DocumentUpload>;
export const DocumentRef = z.object({ fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int(), url: z.string() });

// ——— posts ———

export const WelfarePostBody = z
  .object({
    title: Text(100),
    kind: PostKind,
    category: PostCategory,
    /** The town (9 digits) or the village inside it where the post is. */
    regionCode: TownOrVillage,
    address: Text(200),
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    geofenceMeters: z.number().int().min(30).max(3000).default(300),
    startTime: ClockTime,
    endTime: ClockTime,
    payMinFen: Fen,
    payMaxFen: Fen,
    supervisorOrgId: Id.nullish(),
    description: z.string().trim().max(1000).optional(),
  })
  .refine((b) => b.payMaxFen >= b.payMinFen, { message: '工资上限不能低于下限 / payMaxFen must not be below payMinFen', path: ['payMaxFen'] })
  .refine((b) => b.endTime > b.startTime, { message: '下班时间须晚于上班时间 / endTime after startTime', path: ['endTime'] });
export type WelfarePostBody = z.infer<typeof WelfarePostBody>;

export const WelfarePost = z.object({
  id: Id,
  title: z.string(),
  kind: PostKind,
  category: PostCategory,
  regionCode: z.string(),
  townCode: z.string(),
  townName: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  geofenceMeters: z.number().int(),
  startTime: z.string(),
  endTime: z.string(),
  payMinFen: z.number().int(),
  payMaxFen: z.number().int(),
  supervisorOrgId: Id.nullable(),
  supervisorOrgName: z.string().nullable(),
  description: z.string(),
  status: z.enum(['draft', 'recruiting', 'closed']),
  announcedAt: IsoDateTime.nullable(),
  announcement: DocumentRef.nullable(),
  placedCount: z.number().int(),
  createdAt: IsoDateTime,
});
export type WelfarePost = z.infer<typeof WelfarePost>;
export const WelfarePostPage = z.object({ items: z.array(WelfarePost), total: z.number().int() });
export const WelfarePostQuery = PageQuery.extend({ regionCode: RegionCode.optional(), status: z.enum(['draft', 'recruiting', 'closed']).optional() });

export const AnnounceBody = z.object({ note: z.string().trim().max(1000).optional(), document: DocumentUpload });

export const PlanBody = z.object({ regionCode: z.string().regex(/^\d{9}$/, '乡镇（街道）代码 / a town code (9 digits)'), year: z.number().int().min(2000).max(2099), ruralPlanned: z.number().int().min(0).max(100_000), urbanPlanned: z.number().int().min(0).max(100_000) });
export const ProgressRow = z.object({
  regionCode: z.string(),
  name: z.string(),
  ruralPlanned: z.number().int(),
  urbanPlanned: z.number().int(),
  ruralPosts: z.number().int(),
  urbanPosts: z.number().int(),
  placedRural: z.number().int(),
  placedUrban: z.number().int(),
  inProcedure: z.number().int(),
});
export const Progress = z.object({ regionCode: z.string(), year: z.number().int(), towns: z.array(ProgressRow), totals: ProgressRow });
export type Progress = z.infer<typeof Progress>;
export const ProgressQuery = z.object({ regionCode: RegionCode, year: z.coerce.number().int().min(2000).max(2099).optional() });

// ——— the hardship register and the imported status lists ———

export const HardshipBody = z.object({ userId: Id, regionCode: RegionCode, category: HardshipCategory, evidence: Text(500) });
export const HardshipEntry = z.object({
  id: Id,
  userId: Id,
  name: z.string(),
  idNumberMasked: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  category: HardshipCategory,
  evidence: z.string(),
  status: z.enum(['active', 'removed']),
  createdAt: IsoDateTime,
});
export const HardshipPage = z.object({ items: z.array(HardshipEntry), total: z.number().int() });
export const HardshipQuery = PageQuery.extend({ regionCode: RegionCode });

export const StatusListBody = z.object({
  regionCode: RegionCode,
  /** Where the list came from: 民政殡葬名单 2026-11, 户籍迁出名单 … */
  source: Text(100),
  rows: z.array(z.object({ idNumber: z.string().trim().min(15).max(18), name: Text(50), status: z.enum(['deceased', 'moved']), date: Day })).min(1).max(5000),
});
export const StatusListResult = z.object({ imported: z.number().int(), placedMatches: z.number().int() });

// ——— placements and the procedure ———

export const ApplicationBody = z.object({ userId: Id.optional(), note: z.string().trim().max(1000).optional() });
export const StepBody = z.object({
  step: PlacementStep,
  note: z.string().trim().max(1000).optional(),
  document: DocumentUpload.optional(),
  /** public_notice: how many working days the notice stays up (at least 5). */
  noticeWorkingDays: z.number().int().min(5).max(30).optional(),
  /** start: the first day of work (China date; today unless given). */
  startDate: Day.optional(),
});
export type StepBody = z.infer<typeof StepBody>;
export const StepView = z.object({ id: Id, step: PlacementStep, seq: z.number().int(), actorName: z.string(), at: IsoDateTime, note: z.string(), document: DocumentRef.nullable() });
export const ObjectionView = z.object({ id: Id, content: z.string(), contact: z.string().nullable(), status: z.enum(['open', 'dismissed', 'upheld']), reviewNote: z.string().nullable(), createdAt: IsoDateTime, reviewedAt: IsoDateTime.nullable() });
export const Placement = z.object({
  id: Id,
  postId: Id,
  postTitle: z.string(),
  townCode: z.string(),
  userId: Id,
  workerName: z.string(),
  idNumberMasked: z.string().nullable(),
  status: PlacementStatus,
  lastStep: PlacementStep,
  nextStep: PlacementStep.nullable(),
  steps: z.array(StepView),
  notice: z.object({ startsOn: Day, endsOn: Day, open: z.boolean() }).nullable(),
  objections: z.array(ObjectionView),
  startedOn: Day.nullable(),
  endedOn: Day.nullable(),
  endReason: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type Placement = z.infer<typeof Placement>;
export const PlacementPage = z.object({ items: z.array(Placement), total: z.number().int() });
export const PlacementQuery = PageQuery.extend({ postId: Id.optional(), regionCode: RegionCode.optional(), status: PlacementStatus.optional() });
export const RejectBody = z.object({ reason: Text(500) });
export const EndBody = z.object({ endDate: Day, reason: Text(500) });
export const StepDocParams = z.object({ id: Id, stepId: Id });

export const PublicNotice = z.object({
  placementId: Id,
  postTitle: z.string(),
  kind: PostKind,
  category: PostCategory,
  townName: z.string(),
  address: z.string(),
  workerName: z.string(),
  payMinFen: z.number().int(),
  payMaxFen: z.number().int(),
  startsOn: Day,
  endsOn: Day,
  open: z.boolean(),
});
export const PublicNoticePage = z.object({ items: z.array(PublicNotice), total: z.number().int() });
export const PublicNoticeQuery = PageQuery.extend({ regionCode: RegionCode.optional() });
export const ObjectionBody = z.object({ content: z.string().trim().min(5).max(1000), contact: z.string().trim().max(50).optional() });
export const ObjectionReceipt = z.object({ id: Id, status: z.literal('open'), createdAt: IsoDateTime });
export const ObjectionReviewBody = z.object({ decision: z.enum(['dismiss', 'uphold']), note: Text(500) });

// ——— attendance ———

export const PostCheckinCode = z.object({ token: z.string(), url: z.string(), expiresAt: IsoDateTime, presentToday: z.number().int(), workers: z.number().int() });
export const PostCheckinBody = z.object({ token: z.string().min(3).max(100), lat: z.number().min(-90).max(90).optional(), lng: z.number().min(-180).max(180).optional() });
export const PostAttendance = z.object({
  id: Id,
  postId: Id,
  placementId: Id,
  userId: Id,
  workerName: z.string(),
  day: Day,
  checkinAt: IsoDateTime,
  distanceMeters: z.number().int().nullable(),
  outsideFence: z.boolean(),
  noLocation: z.boolean(),
  source: z.enum(['phone', 'staff']),
  note: z.string().nullable(),
});
export const PostCheckinResult = z.object({ attendance: PostAttendance, postTitle: z.string(), radiusMeters: z.number().int() });
export const ManualAttendanceBody = z.object({ userId: Id, day: Day, note: Text(500) });
export const MonthQuery = z.object({ month: Month.optional() });
export const ClosureBody = z.object({ day: Day, reason: Text(200) });
export const ConfirmBody = z.object({ month: Month, note: z.string().trim().max(500).optional() });
export const PostMonth = z.object({
  postId: Id,
  postTitle: z.string(),
  month: Month,
  closures: z.array(z.object({ day: Day, reason: z.string() })),
  workers: z.array(z.object({ placementId: Id, userId: Id, name: z.string(), daysExpected: z.number().int(), daysPresent: z.number().int(), days: z.array(z.object({ day: Day, source: z.enum(['phone', 'staff']), outsideFence: z.boolean() })) })),
  confirmation: z.object({ confirmedBy: z.string(), confirmedAt: IsoDateTime, note: z.string().nullable(), days: z.record(z.string(), z.number().int()) }).nullable(),
});
export type PostMonth = z.infer<typeof PostMonth>;

export const MyWelfarePost = z.object({
  placement: z.object({ id: Id, status: PlacementStatus, lastStep: PlacementStep, startedOn: Day.nullable() }).nullable(),
  post: z.object({ id: Id, title: z.string(), address: z.string(), startTime: z.string(), endTime: z.string(), townName: z.string(), geofenceMeters: z.number().int(), lat: z.number(), lng: z.number() }).nullable(),
  month: Month,
  days: z.array(Day),
  checkedInToday: z.boolean(),
});

// ——— checks (flags for review, never an automatic cut) ———

export const Flag = z.object({
  id: Id,
  postId: Id,
  postTitle: z.string(),
  placementId: Id.nullable(),
  workerName: z.string().nullable(),
  kind: FlagKind,
  month: Month,
  day: Day.nullable(),
  evidence: z.record(z.string(), z.unknown()),
  status: z.enum(['open', 'confirmed', 'dismissed']),
  reviewNote: z.string().nullable(),
  reviewedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type Flag = z.infer<typeof Flag>;
export const FlagPage = z.object({ items: z.array(Flag), total: z.number().int() });
export const FlagQuery = PageQuery.extend({ month: Month.optional(), status: z.enum(['open', 'confirmed', 'dismissed']).optional(), postId: Id.optional(), regionCode: RegionCode.optional(), kind: FlagKind.optional() });
export const ComputeFlagsBody = z.object({ month: Month, regionCode: RegionCode.optional(), postId: Id.optional() });
/** `created`: new flags; `resolved`: open flags no longer found, closed with a note saying so. */
export const ComputeFlagsResult = z.object({ month: Month, posts: z.number().int(), created: z.number().int(), resolved: z.number().int(), byKind: z.record(z.string(), z.number().int()) });
export const FlagReviewBody = z.object({ decision: z.enum(['confirmed', 'dismissed']), note: Text(500) });

// ——— the monthly report ———

export const ReportQuery = z.object({ month: Month, regionCode: RegionCode.optional(), postId: Id.optional() });
const Counts = { daysPresent: z.number().int(), flagsOpen: z.number().int(), flagsClosed: z.number().int() };
export const MonthlyReport = z.object({
  month: Month,
  rows: z.array(z.object({ placementId: Id, postId: Id, postTitle: z.string(), townCode: z.string(), townName: z.string(), workerName: z.string(), idNumberMasked: z.string().nullable(), daysExpected: z.number().int(), daysConfirmed: z.number().int().nullable(), payMinFen: z.number().int(), payMaxFen: z.number().int(), ...Counts })),
  posts: z.array(z.object({ postId: Id, postTitle: z.string(), townName: z.string(), workers: z.number().int(), confirmed: z.boolean(), ...Counts })),
  towns: z.array(z.object({ townCode: z.string(), townName: z.string(), posts: z.number().int(), workers: z.number().int(), ...Counts })),
  totals: z.object({ posts: z.number().int(), workers: z.number().int(), ...Counts }),
});
export type MonthlyReport = z.infer<typeof MonthlyReport>;
