import type { Role } from '@shared/constants';
import { composeIdNumber } from '@shared/lib/id-number';
import { withTx } from '../src/db/client';
import { createPerson } from '../src/modules/accounts/index';
import { grantBySystem } from '../src/modules/access/index';
import { createOrg, createStation, reviewOrg } from '../src/modules/orgs/index';
import { loadActorGrantSets } from '../src/modules/access/index';
import type { Actor } from '../src/context';
import { KNOWN_ID_NUMBERS, type TestApp } from './build-test-app';

export const PASSWORD = 'Passw0rd!';

let seq = 0;
/** A fresh valid phone number and ID number for each person a test makes. */
export function nextPerson(birthDate = '1990-05-17') {
  seq += 1;
  const n = (process.pid % 1000) * 10_000 + seq;
  const idNumber = composeIdNumber('140502', birthDate, (seq % 999) + 1);
  KNOWN_ID_NUMBERS.add(idNumber);
  return { phone: `139${String(n).padStart(8, '0').slice(-8)}`, idNumber };
}

export interface MadeUser {
  id: string;
  phone: string;
  idNumber: string;
  name: string;
  regionCode: string;
  actor(): Promise<Actor>;
}

/** Creates a person directly (no HTTP), optionally with grants. */
export async function makeUser(
  t: TestApp,
  o: { name?: string; regionCode?: string; birthDate?: string; grants?: Array<{ role: Role; regionCode?: string; orgId?: string; stationId?: string }> } = {},
): Promise<MadeUser> {
  const ctx = t.app.ctx;
  const p = nextPerson(o.birthDate);
  const regionCode = o.regionCode ?? '140502001001';
  const name = o.name ?? `测试${seq}`;
  const id = await withTx(ctx.db, async (tx) => {
    const userId = await createPerson(ctx, tx, { phone: p.phone, name, idNumber: p.idNumber, regionCode, password: PASSWORD, termsVersion: 'test' }, null);
    for (const g of o.grants ?? []) {
      await grantBySystem(ctx, tx, { userId, role: g.role, regionCode: g.regionCode ?? regionCode, orgId: g.orgId ?? null, stationId: g.stationId ?? null });
    }
    return userId;
  });
  return { id, phone: p.phone, idNumber: p.idNumber, name, regionCode, actor: () => actorOf(t, id, name, regionCode) };
}

export async function actorOf(t: TestApp, userId: string, name = 'test', regionCode = '140502'): Promise<Actor> {
  return { userId, name, regionCode, ...(await loadActorGrantSets(t.app.ctx.db, userId)), sessionId: 'test', ip: '127.0.0.1' };
}

/** An approved organisation in a region, with its creator as org_admin. */
export async function makeOrg(t: TestApp, creator: MadeUser, o: { name?: string; regionCode?: string; approvedBy?: MadeUser } = {}) {
  const org = await createOrg(t.app.ctx, await creator.actor(), { name: o.name ?? `测试志愿服务队${seq}`, type: 'community_team', regionCode: o.regionCode ?? creator.regionCode });
  if (o.approvedBy) await reviewOrg(t.app.ctx, await o.approvedBy.actor(), org.id, 'approve', undefined);
  return org;
}

export async function makeStation(t: TestApp, admin: MadeUser, o: { name?: string; regionCode?: string } = {}) {
  return createStation(t.app.ctx, await admin.actor(), {
    name: o.name ?? `测试站点${seq}`,
    type: 'community_station',
    regionCode: o.regionCode ?? '140502001001',
    address: '测试地址',
    lat: 35.4985,
    lng: 112.86,
  });
}
