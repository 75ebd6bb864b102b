import { z } from 'zod';

/** `GET /api/v1/setup/status`: what a fresh installation still lacks (public: the login page shows it). */
export const SetupStatus = z.object({
  /** No region admin exists yet: the first one is made with AIXIN_ADMIN_* or `npx aixin admin create`. */
  needsAdmin: z.boolean(),
});
export type SetupStatus = z.infer<typeof SetupStatus>;
