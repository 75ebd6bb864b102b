import type { z } from 'zod';
import type { RegionDetail as RegionDetailSchema } from '@shared/schemas/regions';

export type { Page } from '../../api/types';
export type RegionDetail = z.infer<typeof RegionDetailSchema>;
