import { z } from 'zod';
import { SERVICE_CATEGORIES } from '../constants';
import { ClientKey, Id, InputDateTime, IsoDateTime, PageQuery, RegionCode, pageOf } from './common';

export const REQUEST_STATUSES = ['ordered', 'dispatched', 'accepted', 'serving', 'served', 'rated', 'cancelled'] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);
const Phone = z.string().trim().regex(/^1[3-9]\d{9}$/, '手机号无效 / Invalid mobile number');

/** 点单: a resident asks, or staff / a grid worker enter it for a resident without a phone (residentId). */
export const RequestCreateBody = z.object({
  category: z.enum(SERVICE_CATEGORIES),
  description: z.string().trim().min(2).max(1000),
  regionCode: RegionCode,
  address: z.string().trim().min(2).max(200),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  preferredFrom: InputDateTime.optional(),
  preferredTo: InputDateTime.optional(),
  contactName: z.string().trim().min(1).max(40).optional(),
  contactPhone: Phone.optional(),
  /** Pay with the time bank: these minutes are reserved now, paid when the service is rated. */
  payMinutes: z.number().int().min(0).max(6000).optional(),
  /** Who pays the minutes: the resident's own balance, or (staff only, for an elder in need) the city's public pool of donated time. */
  payFrom: z.enum(['resident', 'public_pool']).optional(),
  /** The client's idempotency key (or the `Idempotency-Key` header): a retry never orders or reserves twice. */
  clientKey: ClientKey.optional(),
  residentId: Id.optional(),
});

export const ServiceRequest = z.object({
  id: Id,
  residentId: Id,
  residentName: z.string(),
  onBehalf: z.boolean(),
  category: z.enum(SERVICE_CATEGORIES),
  description: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  preferredFrom: IsoDateTime.nullable(),
  preferredTo: IsoDateTime.nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
  status: RequestStatus,
  payMinutes: z.number().int(),
  payFrom: z.enum(['resident', 'public_pool']),
  assignedOrgId: z.string().nullable(),
  assignedOrgName: z.string().nullable(),
  /** The assigned team's contact number, for the resident to call. */
  assignedOrgPhone: z.string().nullable().optional(),
  assignedUserId: z.string().nullable(),
  helperIds: z.array(z.string()),
  dispatchDueAt: IsoDateTime,
  acceptDueAt: IsoDateTime.nullable(),
  serveDueAt: IsoDateTime.nullable(),
  checkinAt: IsoDateTime.nullable(),
  checkoutAt: IsoDateTime.nullable(),
  serviceFlags: z.array(z.string()),
  stars: z.number().int().nullable(),
  comment: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** Which deadline is missed, if any: dispatch, accept or serve. */
  overdue: z.enum(['dispatch', 'accept', 'serve']).nullable(),
  createdAt: IsoDateTime,
});
export type ServiceRequest = z.infer<typeof ServiceRequest>;

export const RequestEvent = z.object({ id: Id, at: IsoDateTime, actorId: z.string().nullable(), actorName: z.string().nullable(), action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string(), note: z.string().nullable() });
export const RequestDetail = ServiceRequest.extend({ history: z.array(RequestEvent) });

export const RequestListQuery = PageQuery.extend({
  scope: z.enum(['mine', 'queue', 'assigned']).default('mine'),
  status: RequestStatus.optional(),
  regionCode: RegionCode.optional(),
  overdue: z.enum(['true']).optional(),
});
export const RequestPage = pageOf(ServiceRequest);

export const DispatchBody = z
  .object({ orgId: Id.optional(), userId: Id.optional(), dueAt: InputDateTime, note: z.string().trim().max(300).optional() })
  .refine((b) => !!b.orgId !== !!b.userId, { path: ['orgId'], message: '派给一支队伍或一名志愿者 / Dispatch to one team or one volunteer' });
export const AcceptBody = z.object({ helperIds: z.array(Id).min(1).max(20).optional() });
export const DeclineBody = z.object({ reason: z.string().trim().min(2).max(300) });
export const PositionBody = z.object({ lat: z.number().min(-90).max(90).optional(), lng: z.number().min(-180).max(180).optional() });
export const RateBody = z.object({ happened: z.boolean(), stars: z.number().int().min(1).max(5).optional(), comment: z.string().trim().max(500).optional() });
export const CancelBody = z.object({ reason: z.string().trim().min(2).max(300) });
export const Suggestion = z.object({
  orgId: Id,
  orgName: z.string(),
  regionName: z.string().nullable(),
  matchesCategory: z.boolean(),
  distanceMeters: z.number().int().nullable(),
  openOrders: z.number().int(),
  /** Why it is suggested, in words (PIPL art. 24: automated suggestions are explained). */
  why: z.string(),
});

export const WishCreateBody = z.object({
  title: z.string().trim().min(2).max(60),
  story: z.string().trim().min(2).max(1000),
  /** Whole yuan (the first clients): give this or `valueFen`. */
  valueYuan: z.number().int().min(0).max(100_000).optional(),
  /** The value in fen (issue 16: money is kept in fen), e.g. 12050 for 120.50 yuan; wins over `valueYuan`. */
  valueFen: z.number().int().min(0).max(10_000_000).optional(),
  regionCode: RegionCode,
  beneficiaryName: z.string().trim().min(1).max(40),
  beneficiaryPhone: Phone.optional(),
  beneficiaryAddress: z.string().trim().max(200).optional(),
  claimDays: z.number().int().min(1).max(90).optional(),
}).refine((b) => b.valueFen !== undefined || b.valueYuan !== undefined, { message: '请填写心愿的价值 / The wish needs a value (valueFen or valueYuan)', path: ['valueFen'] });
export const WISH_STATUSES = ['open', 'claimed', 'delivered', 'fulfilled', 'withdrawn'] as const;
export const ClaimantType = z.enum(['volunteer', 'party_member', 'organization', 'company']);
export const PublicWish = z.object({
  id: Id,
  title: z.string(),
  story: z.string(),
  /** The yuan part of `valueFen` (rounded down), kept for the first clients. */
  valueYuan: z.number().int(),
  /** The value in fen: show it with formatFen (shared/src/lib/money). */
  valueFen: z.number().int(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  status: z.enum(WISH_STATUSES),
  claimantName: z.string().nullable(),
  claimDueAt: IsoDateTime.nullable(),
  fulfilledAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export const StaffWish = PublicWish.extend({
  beneficiaryName: z.string(),
  beneficiaryPhone: z.string().nullable(),
  beneficiaryAddress: z.string().nullable(),
  claim: z
    .object({ id: Id, claimantId: Id, claimantType: ClaimantType, claimantName: z.string(), status: z.string(), dueAt: IsoDateTime, deliveryNote: z.string().nullable(), hasPhoto: z.boolean(), deliveredAt: IsoDateTime.nullable() })
    .nullable(),
});
export const WishListQuery = PageQuery.extend({ regionCode: RegionCode.optional(), status: z.enum(WISH_STATUSES).optional() });
export const ClaimBody = z.object({ claimantType: ClaimantType.default('volunteer'), claimantName: z.string().trim().min(2).max(60).optional() });
export const DeliverBody = z.object({ note: z.string().trim().min(2).max(500), photoBase64: z.string().max(8_000_000).optional() });
export const WishStats = z.object({ collected: z.number().int(), claimed: z.number().int(), fulfilled: z.number().int(), open: z.number().int(), valueYuanFulfilled: z.number().int(), valueFenFulfilled: z.number().int() });
