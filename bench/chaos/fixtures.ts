/**
 * The chaos test's cast, written before the first start (on PGlite the server must not hold the
 * folder yet): the demo city, volunteers with time and points, signed-in sessions, an activity
 * running now with everyone signed up, and finished activities with attendance waiting to be settled.
 * Fixtures, not the thing tested: the load then goes through the API only.
 */
import crypto from 'node:crypto';
import { pino } from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { loadConfig } from '../../server/src/config';
import { makeContext } from '../../server/src/context';
import { openDatabase, withTx } from '../../server/src/db/client';
import { systemClock } from '../../server/src/lib/clock';
import { composeIdNumber } from '../../shared/src/lib/id-number';
import { createPerson } from '../../server/src/modules/accounts/index';
import { loadDemo, DEMO_ACCOUNTS } from '../../server/src/modules/demo/index';
import { transfer } from '../../server/src/modules/ledger/index';
import { sessionsFor, type Session } from '../lib/sessions';

export interface Cast {
  orgAdmin: Session;
  districtAdmin: Session;
  /** Young volunteers (born 1990) and their parents (born 1950), pair by pair. */
  young: Session[];
  elders: Session[];
  runningActivity: string;
  /** Finished activities, each with the people who attended it. */
  toSettle: Array<{ id: string; userIds: string[] }>;
  products: string[];
}

const SITE = { lat: 35.4985, lng: 112.86 };

/** pg's Pool and PGlite both answer `query(text, values)` with `{ rows }`. */
type Rows = { query(text: string, values?: unknown[]): Promise<{ rows: Array<Record<string, string>> }> };

export async function makeCast(env: Record<string, string>, pairs: number): Promise<Cast> {
  const config = loadConfig({ ...process.env, ...env });
  const log = pino({ level: 'warn' }) as unknown as FastifyBaseLogger;
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await database.migrate();
    const ctx = makeContext(config, database, systemClock, log);
    await loadDemo(ctx);
    const q = (database.db as unknown as { $client: Rows }).$client;
    const one = async (text: string, values: unknown[] = []) => (await q.query(text, values)).rows[0]!;
    const phoneId = async (phone: string) => (await one('select id from users where phone = $1', [phone])).id!;
    const orgAdminId = await phoneId(DEMO_ACCOUNTS[3].phone);
    const districtId = await phoneId(DEMO_ACCOUNTS[1].phone);
    const org = await one(`select g.org_id, o.region_code from grants g join organizations o on o.id = g.org_id where g.user_id = $1 and g.role = 'org_admin' and o.status = 'active' order by o.created_at limit 1`, [orgAdminId]);
    const run = crypto.randomBytes(3).toString('hex');
    const youngIds: string[] = [];
    const elderIds: string[] = [];
    await withTx(ctx.db, async (tx) => {
      for (let i = 0; i < pairs * 2; i++) {
        const elder = i % 2 === 1;
        const n = Number.parseInt(run, 16) % 10_000;
        const id = await createPerson(
          ctx,
          tx,
          {
            phone: `15${String(n).padStart(4, '0')}${String(i).padStart(5, '0')}`,
            name: `混沌${elder ? '长者' : '志愿者'}${i}`,
            password: 'Chaos@2026',
            regionCode: '140502001001',
            idNumber: composeIdNumber('140502', elder ? '1950-03-03' : '1990-05-17', (i % 900) + 10),
            termsVersion: 'chaos',
          },
          null,
        );
        (elder ? elderIds : youngIds).push(id);
      }
    });
    let k = 0;
    for (const userId of [...youngIds, ...elderIds]) {
      for (const ledger of ['points', 'time'] as const)
        await transfer(ctx, null, { ledger, from: { system: 'issuance', regionCode: '140500' }, to: { userId }, amount: 100_000, code: 'adjustment', actorId: null, idempotencyKey: `chaos-fund-${run}-${k++}` });
    }
    const [orgAdmin, districtAdmin, ...people] = await sessionsFor(q, [orgAdminId, districtId, ...youngIds, ...elderIds]);
    const everyone = [...youngIds, ...elderIds];
    const now = Date.now();
    const activity = async (startsAt: Date, endsAt: Date) => {
      const id = crypto.randomUUID();
      await q.query(
        `insert into activities (id, city_code, org_id, title, category, description, region_code, address, lat, lng, starts_at, ends_at, capacity, person_in_charge, status, reviewed_by, reviewed_at, submitted_at, confirmed_count, created_by, created_at, updated_at)
         values ($1, '1405', $2, '混沌测试活动', 'community_governance', '混沌测试', $3, '凤台社区', $4, $5, $6, $7, 200, '负责人', 'published', $8, $6, $6, $9, $10, $6, $6)`,
        [id, org.org_id, org.region_code, SITE.lat, SITE.lng, startsAt, endsAt, districtId, everyone.length, orgAdminId],
      );
      for (const userId of everyone)
        await q.query(`insert into signups (id, city_code, activity_id, user_id, status, created_at) values ($1, '1405', $2, $3, 'confirmed', $4)`, [crypto.randomUUID(), id, userId, new Date(startsAt.getTime() - 86_400_000)]);
      return id;
    };
    const runningActivity = await activity(new Date(now - 10 * 60_000), new Date(now + 4 * 3_600_000));
    const toSettle: Cast['toSettle'] = [];
    for (let d = 0; d < 8; d++) {
      const start = new Date(now - (d + 2) * 86_400_000);
      const end = new Date(start.getTime() + 3_600_000);
      const id = await activity(start, end);
      const userIds = everyone.filter((_, i) => (i + d) % 3 !== 0);
      for (const userId of userIds)
        await q.query(
          `insert into attendance (id, city_code, activity_id, user_id, checkin_at, checkout_at, checkin_lat, checkin_lng, checkin_distance_meters, checkout_lat, checkout_lng, checkout_distance_meters, created_at)
           values ($1, '1405', $2, $3, $4, $5, $6, $7, 3, $6, $7, 3, $4)`,
          [crypto.randomUUID(), id, userId, start, end, SITE.lat, SITE.lng],
        );
      toSettle.push({ id, userIds });
    }
    const products = (await q.query(`select id from market_products where is_on_shelf order by name`, [])).rows.map((r) => r.id!);
    return { orgAdmin: orgAdmin!, districtAdmin: districtAdmin!, young: people.slice(0, youngIds.length), elders: people.slice(youngIds.length), runningActivity, toSettle, products };
  } finally {
    await database.close();
  }
}
