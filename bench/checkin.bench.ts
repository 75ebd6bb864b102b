/**
 * Check-in under load on PostgreSQL: N volunteers signed up for one activity each scan the
 * kiosk's token once (POST /activities/:id/checkin through the whole HTTP stack: session
 * cookie, CSRF, token check, geofence, insert), then repeat scans for a while (the idempotent
 * answer). Beside it, in the same run, pgbench's rate for a single-row INSERT transaction on
 * the same server, as the reference.
 *
 *   TEST_DATABASE_URL=postgres://… npx tsx bench/checkin.bench.ts [volunteers] [connections]
 */
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import autocannon from 'autocannon';
import { loadConfig } from '../server/src/config';
import { buildApp } from '../server/src/app';
import { openDatabase, withTx } from '../server/src/db/client';
import { systemActor, type Actor } from '../server/src/context';
import { createPerson } from '../server/src/modules/accounts/index';
import { insertSession } from '../server/src/modules/accounts/accounts.repository';
import { grantBySystem, loadActorGrants } from '../server/src/modules/access/index';
import { createOrg, reviewOrg } from '../server/src/modules/orgs/index';
import { createActivity, reviewActivity, submitActivity } from '../server/src/modules/activities/activities.service';
import { signUp } from '../server/src/modules/activities/signups.service';
import { makeToken } from '../server/src/modules/activities/checkin.service';
import { sha256Hex } from '../server/src/lib/crypto';
import { composeIdNumber } from '../shared/src/lib/id-number';
import { newId } from '../server/src/lib/ids';

const N = Number(process.argv[2] ?? 2000);
const CONNECTIONS = Number(process.argv[3] ?? 32);
const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.error('set TEST_DATABASE_URL to a PostgreSQL server');
  process.exit(2);
}

const dbName = `aixin_bench_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(base);
url.pathname = '/' + dbName;

try {
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 20 });
  await database.migrate();
  const config = loadConfig({}, { secret: crypto.randomBytes(32).toString('hex'), dataDir: '/tmp/aixin-bench', serveWeb: false });
  const app = await buildApp(config, { database, logger: false });
  const ctx = app.ctx;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };

  // seed: an approved organisation, a published activity running now, N signed-up volunteers with sessions
  const staffId = await withTx(ctx.db, async (tx) => {
    const id = await createPerson(ctx, tx, { phone: '13700000000', name: '压测管理员', regionCode: '140502001001' }, null);
    await grantBySystem(ctx, tx, { userId: id, role: 'region_admin', regionCode: '140502' });
    return id;
  });
  const staff: Actor = { ...systemActor(), userId: staffId, name: '压测管理员', grants: await loadActorGrants(ctx.db, staffId) };
  // four eyes: a second region admin reviews what the first one registered
  const reviewerId = await withTx(ctx.db, async (tx) => {
    const id = await createPerson(ctx, tx, { phone: '13700000001', name: '压测审核员', regionCode: '140502001001' }, null);
    await grantBySystem(ctx, tx, { userId: id, role: 'region_admin', regionCode: '140502' });
    return id;
  });
  const reviewer: Actor = { ...systemActor(), userId: reviewerId, name: '压测审核员', grants: await loadActorGrants(ctx.db, reviewerId) };
  const org = await createOrg(ctx, staff, { name: '压测志愿服务队', type: 'community_team', regionCode: '140502001001' });
  await reviewOrg(ctx, reviewer, org.id, 'approve', undefined);
  const orgAdmin: Actor = { ...staff, grants: await loadActorGrants(ctx.db, staffId) };
  const now = Date.now();
  const act = await createActivity(ctx, orgAdmin, {
    orgId: org.id, title: '压测活动', category: 'community_governance', description: '签到压测', regionCode: '140502001001', address: '凤台社区', lat: 35.4985, lng: 112.86,
    startsAt: new Date(now - 10 * 60_000).toISOString(), endsAt: new Date(now + 3 * 3600_000).toISOString(), capacity: N,
  });
  await submitActivity(ctx, orgAdmin, act.id);
  await reviewActivity(ctx, reviewer, act.id, 'approve', undefined);
  const t0 = performance.now();
  const cookies: Array<{ cookie: string; csrf: string }> = [];
  for (let i = 0; i < N; i++) {
    const userId = await withTx(ctx.db, (tx) =>
      createPerson(ctx, tx, { phone: `136${String(i).padStart(8, '0')}`, name: `志愿者${i}`, regionCode: '140502001001', idNumber: composeIdNumber('140502', new Date(Date.UTC(1960, 0, 1) + i * 86_400_000).toISOString().slice(0, 10), 11) }, null),
    );
    await signUp(ctx, { ...systemActor(), userId, name: `志愿者${i}` }, act.id);
    const token = crypto.randomBytes(32).toString('base64url');
    const csrf = crypto.randomBytes(24).toString('base64url');
    await insertSession(ctx.db, { tokenHash: sha256Hex(token), id: newId(), userId, csrfToken: csrf, createdAt: new Date(), lastSeenAt: new Date(), expiresAt: new Date(now + 86_400_000) });
    cookies.push({ cookie: `aixin_session=${token}; aixin_csrf=${csrf}`, csrf });
  }
  console.log(`seeded ${N} volunteers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const body = JSON.stringify({ token: makeToken(ctx, act.id, new Date()).token, lat: 35.4986, lng: 112.8601 });
  const run = (opts: { amount?: number; duration?: number }) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      let k = 0;
      autocannon(
        {
          url: `http://127.0.0.1:${address.port}/api/v1/activities/${act.id}/checkin`,
          method: 'POST',
          connections: CONNECTIONS,
          ...opts,
          requests: [
            {
              setupRequest: (req) => {
                const who = cookies[k++ % cookies.length]!;
                return { ...req, body, headers: { ...req.headers, 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': who.csrf } };
              },
            },
          ],
        },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
    });

  const first = await run({ amount: N });
  const created = ((await database.db.execute(sql`select count(*)::int as n from attendance`)).rows as Array<{ n: number }>)[0]?.n;
  const firstRate = first.requests.total / first.duration;
  console.log(`first scans: ${first.requests.total} requests in ${first.duration.toFixed(1)} s, ${first.non2xx} non-2xx, ${Math.round(firstRate)} req/s, p50 ${first.latency.p50} ms, p99 ${first.latency.p99} ms; attendance rows ${created}`);
  const repeat = await run({ duration: 10 });
  console.log(`repeat scans (10 s): ${Math.round(repeat.requests.total / repeat.duration)} req/s, p50 ${repeat.latency.p50} ms, p99 ${repeat.latency.p99} ms, non-2xx ${repeat.non2xx}`);
  await app.close();
  await database.close();

  // the reference: pgbench, one single-row INSERT per transaction, same server, same connections
  const ref = new pg.Client({ connectionString: url.toString() });
  await ref.connect();
  await ref.query('create table pgbench_ref (id bigserial primary key, activity_id uuid, user_id uuid, at timestamptz default now())');
  await ref.end();
  const script = '/tmp/aixin-pgbench.sql';
  (await import('node:fs')).writeFileSync(script, 'insert into pgbench_ref (activity_id, user_id) values (gen_random_uuid(), gen_random_uuid());\n');
  const out = execFileSync('pgbench', ['-n', '-c', String(CONNECTIONS), '-j', '2', '-T', '10', '-f', script, url.toString()], { encoding: 'utf8' });
  const tps = /tps = ([\d.]+)/.exec(out)?.[1];
  const lat = /latency average = ([\d.]+) ms/.exec(out)?.[1];
  console.log(`pgbench single-row insert: ${Math.round(Number(tps))} tps, latency average ${lat} ms (${CONNECTIONS} clients)`);
  console.log(`ratio: first check-ins at ${((firstRate / Number(tps)) * 100).toFixed(1)}% of pgbench's insert rate`);
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
