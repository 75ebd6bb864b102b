import { z } from 'zod';
import { RegionCode } from './common';

export const Region = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  level: z.number().int(),
  hasChildren: z.boolean(),
});
export type Region = z.infer<typeof Region>;

export const RegionsQuery = z.object({ parent: RegionCode.optional() });
export const RegionsResponse = z.object({ items: z.array(Region), total: z.number().int() });
export const RegionParams = z.object({ code: RegionCode });
export const RegionDetail = Region.extend({ path: z.array(Region.pick({ code: true, name: true, level: true })) });
