import { z } from 'zod';
import { ERROR_CODE_LIST } from '../errors';
import { PAGE_SIZE_MAX } from '../constants';

export const Id = z.string().uuid();
/** A client's idempotency key for a spend (also the `Idempotency-Key` header): a UUID per submission. */
export const ClientKey = z.string().uuid();
export const IsoDateTime = z.string().datetime({ offset: true });
/**
 * A time a person enters (when an activity starts, when help is wanted, when attendance was):
 * between 2000 and 2100, so that a mistyped or forged year 1 or 9999 never reaches a record.
 */
export const InputDateTime = IsoDateTime.refine(
  (v) => {
    const y = new Date(v).getUTCFullYear();
    return y >= 2000 && y < 2100;
  },
  { message: '时间须在2000年至2099年之间 / The time must be between 2000 and 2099' },
);
export const RegionCode = z.string().regex(/^(\d{6}|\d{9}|\d{12}|\d{15})$/, 'region code: 6, 9, 12 or 15 digits');

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int().nonnegative() });
}

export const ErrorResponse = z.object({
  error: z.object({
    code: z.enum(ERROR_CODE_LIST as [string, ...string[]]),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const IdParams = z.object({ id: Id });
