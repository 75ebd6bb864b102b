import { z } from 'zod';
import { BENEFICIARY_CATEGORIES, SERVICE_CATEGORIES } from '../constants';
import { Id, InputDateTime, IsoDateTime, PageQuery, RegionCode, pageOf } from './common';

export const ActivityCategory = z.enum(SERVICE_CATEGORIES);
export const ACTIVITY_STATUSES = ['draft', 'pending_review', 'published', 'rejected', 'cancelled'] as const;
export const ActivityStatus = z.enum(ACTIVITY_STATUSES);

const Lat = z.number().min(-90).max(90);
const Lng = z.number().min(-180).max(180);

export const ActivityCreateBody = z
  .object({
    orgId: Id,
    title: z.string().trim().min(2).max(100),
    category: ActivityCategory,
    description: z.string().trim().min(2).max(5000),
    regionCode: RegionCode,
    stationId: Id.optional(),
    address: z.string().trim().min(2).max(200),
    lat: Lat,
    lng: Lng,
    geofenceMeters: z.number().int().min(50).max(20_000).optional(),
    allowOutsideFence: z.boolean().optional(),
    startsAt: InputDateTime,
    endsAt: InputDateTime,
    capacity: z.number().int().min(1).max(100_000),
    minAge: z.number().int().min(0).max(120).optional(),
    maxAge: z.number().int().min(0).max(120).optional(),
    requiredSkills: z.array(z.string().trim().min(1).max(30)).max(10).optional(),
    risks: z.string().trim().max(1000).optional(),
    isRisky: z.boolean().optional(),
    insured: z.boolean().optional(),
    cancelDeadlineMinutes: z.number().int().min(0).max(10_080).optional(),
    personInCharge: z.string().trim().min(2).max(40).optional(),
    /** Every week on the same weekday and time, until this date (at most 52 occurrences). */
    repeatWeeklyUntil: InputDateTime.optional(),
  })
  .refine((b) => new Date(b.endsAt) > new Date(b.startsAt), { path: ['endsAt'], message: '结束时间须晚于开始时间 / The end must be after the start' })
  .refine((b) => b.minAge === undefined || b.maxAge === undefined || b.minAge <= b.maxAge, { path: ['maxAge'], message: '年龄范围不正确 / Invalid age range' });
export type ActivityCreateBody = z.infer<typeof ActivityCreateBody>;

export const ActivityUpdateBody = z.object({
  title: z.string().trim().min(2).max(100).optional(),
  category: ActivityCategory.optional(),
  description: z.string().trim().min(2).max(5000).optional(),
  address: z.string().trim().min(2).max(200).optional(),
  lat: Lat.optional(),
  lng: Lng.optional(),
  geofenceMeters: z.number().int().min(50).max(20_000).optional(),
  allowOutsideFence: z.boolean().optional(),
  startsAt: InputDateTime.optional(),
  endsAt: InputDateTime.optional(),
  capacity: z.number().int().min(1).max(100_000).optional(),
  minAge: z.number().int().min(0).max(120).nullable().optional(),
  maxAge: z.number().int().min(0).max(120).nullable().optional(),
  requiredSkills: z.array(z.string().trim().min(1).max(30)).max(10).optional(),
  risks: z.string().trim().max(1000).nullable().optional(),
  isRisky: z.boolean().optional(),
  insured: z.boolean().optional(),
  personInCharge: z.string().trim().min(2).max(40).optional(),
});

export const Activity = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  seriesId: z.string().nullable(),
  title: z.string(),
  category: ActivityCategory,
  description: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  stationId: z.string().nullable(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  geofenceMeters: z.number().int(),
  allowOutsideFence: z.boolean(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  capacity: z.number().int(),
  confirmedCount: z.number().int(),
  minAge: z.number().int().nullable(),
  maxAge: z.number().int().nullable(),
  requiredSkills: z.array(z.string()),
  risks: z.string().nullable(),
  isRisky: z.boolean(),
  insured: z.boolean(),
  cancelDeadlineMinutes: z.number().int(),
  personInCharge: z.string(),
  status: ActivityStatus,
  reviewReason: z.string().nullable(),
  submittedAt: IsoDateTime.nullable(),
  settledAt: IsoDateTime.nullable(),
  /** 受益人数 recorded at settlement: how many people it served and who they were; null before. */
  beneficiaries: z.object({ count: z.number().int(), category: z.enum(BENEFICIARY_CATEGORIES) }).nullable(),
  /** 10 working days after the end (2020 measures, art. 11). */
  settleDeadline: z.string(),
  createdAt: IsoDateTime,
  /** The reader's own sign-up, when logged in. */
  mySignup: z.enum(['confirmed', 'waitlisted']).nullable().optional(),
});
export type Activity = z.infer<typeof Activity>;
export const ActivityCreated = Activity.extend({ occurrences: z.number().int() });

export const ActivityListQuery = PageQuery.extend({
  regionCode: RegionCode.optional(),
  status: ActivityStatus.optional(),
  orgId: Id.optional(),
  category: ActivityCategory.optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
  q: z.string().trim().max(50).optional(),
  mine: z.enum(['signed_up']).optional(),
  /** By start time, oldest first (the default) or newest first (the desk's history). */
  sort: z.enum(['start_asc', 'start_desc']).optional(),
  after: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    .optional()
    .describe('keyset paging: the `nextCursor` of the page before (then `page` is ignored); on the start-time orders'),
});
export const ActivityPage = pageOf(Activity).extend({
  totalIsLowerBound: z.boolean().optional().describe('the list holds more than `total` (counted up to 10,000)'),
  nextCursor: z.string().nullable().optional().describe('pass as `after` for the next page; null on the last page'),
});

export const ReviewBody = z.object({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(500).optional() });
export const BatchReviewBody = z.object({ ids: z.array(Id).min(1).max(100), decision: z.literal('approve') });

export const Signup = z.object({
  id: Id,
  activityId: Id,
  userId: Id,
  userName: z.string().optional(),
  status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
  waitlistPosition: z.number().int().nullable(),
  onBehalf: z.boolean(),
  createdAt: IsoDateTime,
});
export const SignupBody = z.object({ userId: Id.optional() });

export const CheckinCode = z.object({ token: z.string(), url: z.string(), expiresAt: IsoDateTime, checkedIn: z.number().int(), checkedOut: z.number().int(), confirmed: z.number().int() });
export const CheckinBody = z.object({ token: z.string().min(10).max(200), lat: Lat.optional(), lng: Lng.optional() });

export const SettleFlag = z.enum(['no_location', 'outside_fence', 'auto_closed']);
export type SettleFlag = z.infer<typeof SettleFlag>;
export const Attendance = z.object({
  id: Id,
  activityId: Id,
  userId: Id,
  userName: z.string().optional(),
  checkinAt: IsoDateTime,
  checkoutAt: IsoDateTime.nullable(),
  checkinDistanceMeters: z.number().int().nullable(),
  checkoutDistanceMeters: z.number().int().nullable(),
  flags: z.array(z.string()),
  minutes: z.number().int().nullable(),
  manual: z.boolean(),
  /** What settlement must decide on: no location, outside the fence, closed automatically. */
  settleFlags: z.array(SettleFlag),
  /** The organiser's decision on a flagged attendance, once made. */
  settleDecision: z.enum(['include', 'exclude']).nullable(),
});
export const AttendanceResponse = z.object({ attendance: Attendance });
export const ManualAttendanceBody = z.object({ userId: Id, checkinAt: InputDateTime, checkoutAt: InputDateTime.optional(), note: z.string().trim().min(2).max(300) });

export const RosterEntry = z.object({
  userId: Id,
  userName: z.string(),
  volunteerNo: z.string().nullable(),
  signupStatus: z.string().nullable(),
  attendance: Attendance.nullable(),
  record: z.object({ id: Id, minutes: z.number().int(), creditedMinutes: z.number().int(), points: z.number().int() }).nullable(),
});
export const Roster = z.object({ items: z.array(RosterEntry), settleDeadline: z.string(), settledAt: IsoDateTime.nullable() });

export const SettleBody = z.object({
  entries: z
    .array(
      z.object({
        userId: Id,
        minutes: z.number().int().min(0).max(100_000).optional(),
        reason: z.string().trim().min(2).max(300).optional(),
        /** Required for a flagged attendance (settleFlags): count it, or leave it out (with a reason). */
        decision: z.enum(['include', 'exclude']).optional(),
      }),
    )
    .min(1)
    .max(2000),
  /** 受益人数: how many people the activity served (the organiser's estimate) and who they were. */
  beneficiaries: z.object({ count: z.number().int().min(0).max(1_000_000), category: z.enum(BENEFICIARY_CATEGORIES) }).optional(),
});

export const ServiceRecord = z.object({
  id: Id,
  volunteerId: Id,
  volunteerName: z.string().optional(),
  orgId: z.string().nullable(),
  orgName: z.string(),
  activityId: z.string().nullable(),
  activityTitle: z.string(),
  kind: z.enum(['activity', 'retroactive', 'correction', 'request']),
  requestId: z.string().nullable(),
  status: z.enum(['confirmed', 'disputed', 'corrected', 'pending_approval', 'rejected']),
  serviceDate: z.string(),
  place: z.string(),
  content: z.string(),
  personInCharge: z.string(),
  startedAt: IsoDateTime,
  endedAt: IsoDateTime,
  minutes: z.number().int(),
  creditedMinutes: z.number().int(),
  points: z.number().int(),
  adjustmentReason: z.string().nullable(),
  /** The organiser replaced the measured minutes (originalMinutes keeps the measured figure). */
  minutesOverridden: z.boolean(),
  originalMinutes: z.number().int().nullable(),
  evidenceNote: z.string().nullable(),
  /** 补录 approved or rejected by a second staff member: who and when, and why when rejected. */
  reviewedBy: z.string().nullable(),
  reviewedAt: IsoDateTime.nullable(),
  reviewReason: z.string().nullable(),
  reversesId: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type ServiceRecord = z.infer<typeof ServiceRecord>;
export const SettleResponse = z.object({
  records: z.array(ServiceRecord),
  /** Entries left for another staff member: the settler's own attendance (four eyes). */
  skipped: z.array(z.object({ userId: Id, reason: z.enum(['self_benefit']), message: z.string() })),
  /** Flagged attendance left out on the organiser's decision. */
  excluded: z.array(z.object({ userId: Id, reason: z.string() })),
});
export const RetroRejectBody = z.object({ reason: z.string().trim().min(2).max(500) });
export const RetroPendingQuery = PageQuery.extend({ orgId: Id.optional() });
export const ServiceRecordResponse = z.object({ serviceRecord: ServiceRecord });
export const RetroRecordBody = z
  .object({
    volunteerId: Id,
    orgId: Id,
    startedAt: IsoDateTime,
    endedAt: IsoDateTime,
    content: z.string().trim().min(2).max(1000),
    place: z.string().trim().min(2).max(200).optional(),
    evidenceNote: z.string().trim().min(4, '请写明证据（如签到表、照片、证明人） / Describe the evidence').max(1000),
  })
  .refine((b) => new Date(b.endedAt) > new Date(b.startedAt), { path: ['endedAt'], message: '结束时间须晚于开始时间 / The end must be after the start' });
export const RecordListQuery = PageQuery.extend({ orgId: Id.optional(), volunteerId: Id.optional() });
export const RecordPage = pageOf(ServiceRecord).extend({
  totalIsLowerBound: z.boolean().optional().describe('the list holds more than `total` (counted up to 10,000)'),
});

export const DisputeBody = z.object({ reason: z.string().trim().min(4).max(1000) });
export const DisputeAnswerBody = z.object({
  decision: z.enum(['correct', 'reject']),
  answer: z.string().trim().min(2).max(1000),
  minutes: z.number().int().min(0).max(100_000).optional(),
});
export const Dispute = z.object({
  id: Id,
  recordId: Id,
  volunteerId: Id,
  orgId: z.string().nullable(),
  reason: z.string(),
  status: z.enum(['open', 'corrected', 'rejected']),
  answer: z.string().nullable(),
  answeredAt: IsoDateTime.nullable(),
  correctionRecordId: z.string().nullable(),
  createdAt: IsoDateTime,
});
export const DisputePage = pageOf(Dispute);

export const Notification = z.object({
  id: Id,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  readAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export const NotificationPage = pageOf(Notification).extend({ unread: z.number().int() });
export const DueQuery = PageQuery.extend({ orgId: Id.optional(), regionCode: RegionCode.optional(), withinWorkingDays: z.coerce.number().int().min(0).max(10).default(3) });
