import { z } from 'zod';
import { Id, InputDateTime, IsoDateTime, PageQuery, RegionCode, pageOf } from './common';

/**
 * Community care (网格化关爱): grids (片区, 小区) under a community, buildings, grid workers and
 * building heads (AB角双楼栋长), registered households with care tags, care plans, visits
 * (关爱/敲门行动), knock-on-door campaigns and the pension-authentication drive (养老保险资格认证).
 */

export const GRID_KINDS = ['area', 'estate'] as const;
export const GridKind = z.enum(GRID_KINDS);
export const CARE_ROLES = ['grid_worker', 'building_head_a', 'building_head_b'] as const;
export const CareRole = z.enum(CARE_ROLES);
export type CareRole = z.infer<typeof CareRole>;
export const CARE_TAGS = ['living_alone', 'empty_nest', 'disabled', 'hardship', 'left_behind_child', 'serious_illness'] as const;
export const CareTag = z.enum(CARE_TAGS);
export type CareTag = z.infer<typeof CareTag>;
export const CARE_TAG_LABELS: Record<CareTag, { zh: string; en: string }> = {
  living_alone: { zh: '独居老人', en: 'Elder living alone' },
  empty_nest: { zh: '空巢老人', en: 'Empty-nest elder' },
  disabled: { zh: '残疾', en: 'Disability' },
  hardship: { zh: '困难家庭', en: 'Family in hardship' },
  left_behind_child: { zh: '留守儿童', en: 'Left-behind child' },
  serious_illness: { zh: '重病', en: 'Serious illness' },
};
export const VISIT_METHODS = ['door', 'phone'] as const;
export const VisitMethod = z.enum(VISIT_METHODS);
export const VISIT_SOURCES = ['plan', 'campaign', 'pension', 'adhoc'] as const;
export const PENSION_STATUSES = ['pending', 'self', 'helped', 'not_yet'] as const;
export const PensionStatus = z.enum(PENSION_STATUSES);
export const PENSION_REASONS = ['cannot_walk', 'away', 'no_smartphone', 'deceased'] as const;
export const PensionReason = z.enum(PENSION_REASONS);
export const HELP_PLACES = ['service_point', 'home'] as const;

const Name = z.string().trim().min(1).max(100);
const Lat = z.number().min(-90).max(90);
const Lng = z.number().min(-180).max(180);

// ——— grids, buildings, roles ———

export const GridBody = z.object({ communityCode: RegionCode, name: Name, kind: GridKind, parentId: Id.nullish(), lat: Lat.nullish(), lng: Lng.nullish() });
export type GridBody = z.infer<typeof GridBody>;
export const BuildingBody = z.object({ gridId: Id, name: Name, address: z.string().trim().max(200).nullish(), lat: Lat.nullish(), lng: Lng.nullish() });
export type BuildingBody = z.infer<typeof BuildingBody>;
export const AssignmentBody = z
  .object({ gridId: Id, buildingId: Id.nullish(), userId: Id, role: CareRole })
  .refine((b) => (b.role === 'grid_worker') === !b.buildingId, { message: '楼栋长须指定楼栋，网格员不指定楼栋 / Building heads name a building; grid workers do not', path: ['buildingId'] });
export type AssignmentBody = z.infer<typeof AssignmentBody>;
export const EndAssignmentBody = z.object({ reason: z.string().trim().min(1).max(200) });

export const Assignment = z.object({
  id: Id,
  gridId: Id,
  buildingId: Id.nullable(),
  userId: Id,
  name: z.string(),
  phoneMasked: z.string(),
  role: CareRole,
  assignedAt: IsoDateTime,
  endedAt: IsoDateTime.nullable(),
});
export type Assignment = z.infer<typeof Assignment>;
export const Building = z.object({ id: Id, gridId: Id, name: z.string(), address: z.string().nullable(), lat: z.number().nullable(), lng: z.number().nullable(), households: z.number().int() });
export type Building = z.infer<typeof Building>;
export const Grid = z.object({
  id: Id,
  communityCode: RegionCode,
  communityName: z.string(),
  parentId: Id.nullable(),
  name: z.string(),
  kind: GridKind,
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  buildings: z.array(Building),
  assignments: z.array(Assignment),
});
export type Grid = z.infer<typeof Grid>;
export const GridListQuery = z.object({ communityCode: RegionCode.optional() });
export const GridList = z.object({ items: z.array(Grid) });

// ——— households ———

export const MemberInput = z.object({ name: Name, relation: z.string().trim().max(20).default('本人'), userId: Id.nullish(), birthYear: z.number().int().min(1900).max(2100).nullish() });
export const TagInput = z.object({ tag: CareTag, evidence: z.string().trim().min(1).max(500) });
export const HouseholdBody = z.object({
  buildingId: Id,
  unit: z.string().trim().max(20).default(''),
  room: z.string().trim().min(1).max(20),
  lat: Lat.nullish(),
  lng: Lng.nullish(),
  phone: z.string().trim().regex(/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/, 'phone').nullish(),
  note: z.string().trim().max(500).nullish(),
  members: z.array(MemberInput).min(1).max(20),
  tags: z.array(TagInput).max(6).default([]),
});
export type HouseholdBody = z.infer<typeof HouseholdBody>;
export const TagsBody = z.object({ tags: z.array(TagInput).max(6) });

export const HouseholdSummary = z.object({
  id: Id,
  gridId: Id,
  gridName: z.string(),
  buildingId: Id,
  buildingName: z.string(),
  /** `3号楼2单元***` in lists: the room only in the detail, which is logged. */
  addressMasked: z.string(),
  /** The first member's surname and a mask: 王** */
  headMasked: z.string(),
  tags: z.array(CareTag),
  nextVisitDueAt: IsoDateTime.nullable(),
});
export type HouseholdSummary = z.infer<typeof HouseholdSummary>;
export const HouseholdPage = pageOf(HouseholdSummary);
export const HouseholdListQuery = PageQuery.extend({ communityCode: RegionCode.optional(), gridId: Id.optional(), tag: CareTag.optional() });

export const Household = z.object({
  id: Id,
  communityCode: RegionCode,
  gridId: Id,
  gridName: z.string(),
  buildingId: Id,
  buildingName: z.string(),
  unit: z.string(),
  room: z.string(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  phone: z.string().nullable(),
  note: z.string().nullable(),
  members: z.array(z.object({ id: Id, name: z.string(), relation: z.string(), userId: Id.nullable(), birthYear: z.number().int().nullable() })),
  tags: z.array(z.object({ tag: CareTag, evidence: z.string(), addedAt: IsoDateTime })),
  visits: z.array(z.lazy(() => Visit)),
});
export type Household = z.infer<typeof Household>;

export const HouseholdRead = z.object({ id: Id, householdId: Id, readerId: Id, readerName: z.string(), purpose: z.string(), at: IsoDateTime });
export const HouseholdReadPage = pageOf(HouseholdRead);
export const ExportQuery = z.object({ communityCode: RegionCode, reason: z.string().trim().min(4).max(200) });
export const ImportBody = z.object({ communityCode: RegionCode, fileBase64: z.string().min(1).max(1_400_000) });
export const RowError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export const ImportResult = z.object({ imported: z.number().int(), errors: z.array(RowError) });

// ——— plans and visits ———

export const PlanBody = z.object({ communityCode: RegionCode, tag: CareTag, intervalDays: z.number().int().min(1).max(366) });
export const Plan = z.object({ id: Id, communityCode: RegionCode, tag: CareTag, intervalDays: z.number().int(), updatedAt: IsoDateTime });
export const PlanList = z.object({ items: z.array(Plan) });
export const PlanListQuery = z.object({ communityCode: RegionCode });

export const Visit = z.object({
  id: Id,
  householdId: Id.nullable(),
  pensionItemId: Id.nullable(),
  campaignId: Id.nullable(),
  source: z.enum(VISIT_SOURCES),
  /** What the visitor sees: the building and room for a household, the address for a drive's resident. */
  place: z.string(),
  residentMasked: z.string(),
  tags: z.array(CareTag),
  dueAt: IsoDateTime,
  status: z.enum(['due', 'done']),
  overdue: z.boolean(),
  /** 0 not escalated; 1 the responsible worker told; 2 the B building head; 3 the community. */
  escalationLevel: z.number().int(),
  visitorId: Id.nullable(),
  visitorName: z.string().nullable(),
  visitedAt: IsoDateTime.nullable(),
  method: VisitMethod.nullable(),
  findings: z.string().nullable(),
  followUpNeeded: z.boolean(),
  distanceMeters: z.number().int().nullable(),
  hasPhoto: z.boolean(),
  requestId: Id.nullable(),
});
export type Visit = z.infer<typeof Visit>;
export const MyVisits = z.object({ today: z.array(Visit), overdue: z.array(Visit), doneToday: z.number().int(), pensionPending: z.number().int() });
export type MyVisits = z.infer<typeof MyVisits>;

export const VisitBody = z.object({
  method: VisitMethod,
  visitedAt: InputDateTime.optional(),
  lat: Lat.optional(),
  lng: Lng.optional(),
  findings: z.string().trim().min(1).max(1000),
  followUpNeeded: z.boolean().default(false),
  /** An optional photo (PNG, JPEG or WebP, base64; the page scales it down first): re-encoded without EXIF or GPS. */
  photoBase64: z.string().max(1_000_000).optional(),
});
export type VisitBody = z.infer<typeof VisitBody>;

export const VisitRequestBody = z.object({
  residentId: Id,
  category: z.string().min(1).max(40),
  description: z.string().trim().min(1).max(1000),
  preferredFrom: InputDateTime.optional(),
  preferredTo: InputDateTime.optional(),
});
export const VisitRequestResult = z.object({ visit: Visit, requestId: Id });

// ——— campaigns (敲门行动) ———

export const CampaignBody = z.object({ communityCode: RegionCode, title: Name, tag: CareTag.optional(), gridId: Id.optional(), dueAt: InputDateTime });
export const Campaign = z.object({ id: Id, communityCode: RegionCode, title: z.string(), dueAt: IsoDateTime, total: z.number().int(), done: z.number().int(), createdAt: IsoDateTime });
export const CampaignList = z.object({ items: z.array(Campaign) });

// ——— pension-authentication drive ———

export const DriveBody = z.object({ regionCode: RegionCode, year: z.number().int().min(2000).max(2100), title: Name });
export const Drive = z.object({ id: Id, regionCode: RegionCode, regionName: z.string(), year: z.number().int(), title: z.string(), total: z.number().int(), createdAt: IsoDateTime });
export const DriveList = z.object({ items: z.array(Drive) });
export const DriveListQuery = z.object({ regionCode: RegionCode });
export const DriveImportBody = z.object({ fileBase64: z.string().min(1).max(1_400_000) });
export const PensionItem = z.object({
  id: Id,
  driveId: Id,
  regionCode: RegionCode,
  regionName: z.string(),
  gridId: Id.nullable(),
  gridName: z.string().nullable(),
  name: z.string(),
  idNumberMasked: z.string(),
  address: z.string(),
  status: PensionStatus,
  helpedById: Id.nullable(),
  helpedByName: z.string().nullable(),
  helpPlace: z.enum(HELP_PLACES).nullable(),
  reason: PensionReason.nullable(),
  visitId: Id.nullable(),
  updatedAt: IsoDateTime,
});
export type PensionItem = z.infer<typeof PensionItem>;
export const PensionItemPage = pageOf(PensionItem);
export const PensionItemQuery = PageQuery.extend({ status: PensionStatus.optional(), gridId: Id.optional() });
export const PensionMarkBody = z
  .object({ status: z.enum(['self', 'helped', 'not_yet']), helpedById: Id.optional(), helpPlace: z.enum(HELP_PLACES).optional(), reason: PensionReason.optional() })
  .refine((b) => b.status !== 'helped' || (!!b.helpedById && !!b.helpPlace), { message: '请填写协助人和协助地点 / Name who helped and where', path: ['helpedById'] })
  .refine((b) => b.status !== 'not_yet' || !!b.reason, { message: '请选择未认证原因 / Give the reason', path: ['reason'] });
const Counts = z.object({ total: z.number().int(), pending: z.number().int(), self: z.number().int(), helped: z.number().int(), notYet: z.number().int() });
export const DriveProgress = z.object({
  overall: Counts,
  byRegion: z.array(Counts.extend({ regionCode: RegionCode, regionName: z.string() })),
  byGrid: z.array(Counts.extend({ gridId: Id.nullable(), gridName: z.string() })),
});
export const DriveVisitsBody = z.object({ itemIds: z.array(Id).min(1).max(200), dueAt: InputDateTime.optional() });
export const DriveVisitsResult = z.object({ created: z.number().int(), visitIds: z.array(Id) });
