import fs from 'node:fs';
import type { AppContext } from './context';
import { fromRoot } from './lib/paths';
import { withTx } from './db/client';
import { countRegions, importRegions, parseRegionCsv, rootRegionCode } from './modules/regions/index';
import { countAdmins, grantBySystem } from './modules/access/index';
import { createPerson, findUserByPhone } from './modules/accounts/index';


export const BUNDLED_REGIONS = fromRoot('server', 'src', 'modules', 'regions', 'data', 'jincheng.csv');

/** Loads the bundled division list when the region table is empty. */
export async function ensureRegions(ctx: AppContext): Promise<void> {
  if ((await countRegions(ctx.db)) > 0) return;
  const rows = parseRegionCsv(fs.readFileSync(BUNDLED_REGIONS, 'utf8'));
  const r = await importRegions(ctx.db, rows);
  if (r.problems.length) throw new Error(`bundled regions are invalid: ${JSON.stringify(r.problems.slice(0, 3))}`);
  ctx.log.info({ regions: r.imported }, 'loaded the bundled division list');
}

/**
 * With no region admin in the database, creates the one named by AIXIN_ADMIN_PHONE /
 * AIXIN_ADMIN_PASSWORD: a region admin at the root region.
 */
export async function ensureFirstAdmin(ctx: AppContext): Promise<void> {
  const { adminPhone, adminPassword } = ctx.config;
  if (!adminPhone || !adminPassword) return;
  if ((await countAdmins(ctx.db)) > 0) return;
  await createAdmin(ctx, { phone: adminPhone, password: adminPassword, name: '系统管理员' });
  ctx.log.info({ phone: adminPhone }, 'created the first admin from AIXIN_ADMIN_PHONE');
}

export async function createAdmin(ctx: AppContext, a: { phone: string; password: string; name: string; regionCode?: string | undefined; idNumber?: string | undefined }) {
  const regionCode = a.regionCode ?? (await rootRegionCode(ctx.db));
  if (!regionCode) throw new Error('no regions loaded: run `aixin regions import FILE.csv` first');
  return withTx(ctx.db, async (tx) => {
    const existing = await findUserByPhone(tx, a.phone);
    const userId = existing?.id ?? (await createPerson(ctx, tx, { phone: a.phone, name: a.name, password: a.password, regionCode, idNumber: a.idNumber }, null));
    await grantBySystem(ctx, tx, { userId, role: 'region_admin', regionCode });
    return { userId, regionCode, existed: !!existing };
  });
}

export async function bootstrap(ctx: AppContext): Promise<void> {
  await ensureRegions(ctx);
  await ensureFirstAdmin(ctx);
}
