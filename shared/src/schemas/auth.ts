import { z } from 'zod';
import { ROLES } from '../constants';
import { isValidPhone } from '../lib/phone';
import { ID_NUMBER_MESSAGES, parseIdNumber } from '../lib/id-number';
import { Id, IsoDateTime, RegionCode } from './common';

/** A field issue that carries `params.appCode` answers with that code instead of VALIDATION_FAILED. */
export const Phone = z
  .string()
  .trim()
  .refine(isValidPhone, { message: '手机号应为11位，以1开头 / An 11-digit mobile number starting with 1', params: { appCode: 'INVALID_PHONE' } });
export const Password = z.string().min(8, 'password: at least 8 characters').max(128);
export const IdNumber = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((s, ctx) => {
    const r = parseIdNumber(s);
    if ('problem' in r) {
      const m = ID_NUMBER_MESSAGES[r.problem];
      ctx.addIssue({ code: 'custom', message: `${m.zh} / ${m.en}`, params: { appCode: 'INVALID_ID_NUMBER', reason: r.problem } });
    }
  });
export const PersonName = z.string().trim().min(2, 'name: at least 2 characters').max(40);

export const RegisterBody = z.object({
  phone: Phone,
  password: Password,
  name: PersonName,
  idNumber: IdNumber,
  regionCode: RegionCode,
  /** The version of the terms and privacy notice the person agreed to. */
  consentVersion: z.string().max(40).optional(),
  /** Required from 14 to 17 years of age: the guardian who consents. */
  guardian: z
    .object({ name: PersonName, phone: z.string().trim().regex(/^1[3-9]\d{9}$/, '手机号无效 / Invalid mobile number'), relation: z.enum(['father', 'mother', 'grandparent', 'other_guardian']) })
    .optional(),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

export const LoginBody = z.object({ phone: z.string().trim().min(1).max(20), password: z.string().min(1).max(128) });
export type LoginBody = z.infer<typeof LoginBody>;

export const User = z.object({
  id: Id,
  name: z.string(),
  phone: z.string().describe('in full only to its owner and staff whose scope holds the person; masked otherwise'),
  idNumberMasked: z.string().nullable().describe('110*************2X: first 3 and last 2 characters'),
  birthDate: z.string().nullable().describe('only to the person and to staff whose scope holds them; null otherwise (see age)'),
  age: z.number().int().nullable().optional().describe('whole years; served to everyone who sees the person'),
  sex: z.enum(['M', 'F']).nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  createdAt: IsoDateTime,
});
export type User = z.infer<typeof User>;

export const Role = z.enum(ROLES);
export const GrantBody = z.object({
  userId: Id,
  role: Role,
  regionCode: RegionCode.optional(),
  orgId: Id.optional(),
  stationId: Id.optional(),
});
export type GrantBody = z.infer<typeof GrantBody>;

export const Grant = z.object({
  id: Id,
  userId: Id,
  role: Role,
  regionCode: z.string().nullable().optional(),
  regionName: z.string().nullable().optional(),
  orgId: z.string().nullable().optional(),
  orgName: z.string().nullable().optional(),
  stationId: z.string().nullable().optional(),
  stationName: z.string().nullable().optional(),
  createdAt: IsoDateTime,
});
export type Grant = z.infer<typeof Grant>;

export const UserResponse = z.object({ user: User });
export const MeResponse = z.object({ user: User, grants: z.array(Grant) });
export type MeResponse = z.infer<typeof MeResponse>;
