import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, type Res, type TestApp, type TestClient } from './build-test-app';
import { MATRIX, type Call, type Rule } from './authz/matrix';
import { WHO, buildWorld, type Who, type World } from './authz/world';

/**
 * The authorisation matrix over every route of the OpenAPI document: each route is called by
 * every kind of person, inside and outside the scope of the objects it touches, and the answer
 * is compared with the one table in ./authz/matrix.ts. Refusals are checked first (they must
 * change nothing), then the permitted calls.
 */
let t: TestApp;
let w: World;
let routes: string[];

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildWorld(t);
  const spec = (await t.client().get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(spec.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
}, 120_000);
afterAll(async () => t.close());

/** A row's route: `GET /path?variant` names a second row for the same route. */
const routeOf = (row: string) => row.split('?')[0]!;

async function send(client: TestClient, route: string, rule: Rule): Promise<Res<any>> {
  try {
    return await sendOnce(client, route, rule);
  } catch (err) {
    // a reply torn off mid-stream (an export refused after its first bytes) counts as a 599
    return { status: 599, body: { error: { code: 'BROKEN_REPLY', message: String(err) } }, headers: {}, raw: undefined as never };
  }
}

function sendOnce(client: TestClient, route: string, rule: Rule): Promise<Res<any>> {
  const [method, path] = routeOf(route).split(' ') as [string, string];
  const call: Call = rule.call?.(w) ?? {};
  let url = path.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = call.params?.[k];
    if (!v) throw new Error(`${route}: no value for {${k}}`);
    return encodeURIComponent(v);
  });
  if (call.query) url += `?${call.query}`;
  const m = method as 'GET';
  if (call.raw) return client.request(m, url, call.raw.payload, { 'content-type': call.raw.contentType });
  return client.request(m, url, m === 'GET' || m === ('DELETE' as string) ? undefined : (call.body ?? {}));
}

/**
 * Holes found by this matrix whose fixes are in progress (issue 10): each entry is a cell that
 * answers wrongly today. Remove the entry with the fix; an entry whose cell now answers rightly
 * fails the suite, so the list cannot go stale.
 */
const KNOWN_HOLES = new Set<string>([]);

function check(wrong: string[], cell: string, bad: boolean, r: Res) {
  if (KNOWN_HOLES.has(cell)) {
    if (!bad) wrong.push(`${cell} answers rightly now: remove it from KNOWN_HOLES`);
    return;
  }
  if (bad) wrong.push(`${cell}: ${brief(r)}`);
}

const brief = (r: Res) => `${r.status} ${JSON.stringify(r.body).slice(0, 240)}`;
const refused = (rule: Rule, who: Who) => !rule.public && !(rule.allow ?? []).includes(who);

/** Every table a refused call could touch, as one text per table (the world is small). */
const WATCHED = [
  'users', 'volunteer_profiles', 'consents', 'org_memberships', 'import_jobs', 'organizations', 'stations', 'regions', 'grants',
  'service_requests', 'service_request_events', 'wishes', 'wish_claims', 'audit_log', 'market_products', 'market_stock_movements',
  'market_redemptions', 'market_settings', 'ledger_accounts', 'ledger_transfers', 'ledger_policies', 'ledger_service_credits',
  'relatives', 'activities', 'signups', 'attendance', 'service_records', 'disputes', 'notifications', 'stat_counters',
  'claim_codes', 'charity_events', 'charity_event_staff', 'charity_stalls', 'charity_sellers', 'charity_items', 'charity_sales', 'charity_disbursements', 'charity_event_totals',
  'civility_criteria', 'civility_households', 'civility_ratings', 'civility_board_entries', 'civility_appeals',
  'council_topics', 'council_supports', 'council_meetings', 'council_meeting_topics', 'council_decisions',
  'claim_codes', 'care_grids', 'care_buildings', 'care_assignments', 'care_households', 'care_household_reads', 'care_plans', 'care_visits',
  'care_campaigns', 'pension_drives', 'pension_items',
  'claim_codes', 'welfare_posts', 'welfare_plans', 'hardship_entries', 'person_status_entries', 'welfare_placements', 'welfare_placement_steps',
  'welfare_objections', 'welfare_attendance', 'welfare_closures', 'welfare_confirmations', 'welfare_flags',
];
async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of WATCHED) {
    const r = await t.app.ctx.db.execute(sql.raw(`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table} x`));
    out[table] = (r as unknown as { rows: Array<{ h: string }> }).rows[0]!.h;
  }
  return out;
}

describe('the authorisation matrix', () => {
  it('names a policy for every route of the OpenAPI document, and no route that is gone', () => {
    const rows = Object.keys(MATRIX).map(routeOf);
    const missing = routes.filter((r) => !rows.includes(r));
    const stale = rows.filter((r) => !routes.includes(r));
    expect(missing, 'routes without a row in server/test/authz/matrix.ts').toEqual([]);
    expect(stale, 'rows for routes that no longer exist').toEqual([]);
  });

  it('refuses everyone the table does not name: 401 without a session, 403 or 404 outside the scope or role', async () => {
    const wrong: string[] = [];
    const before = await fingerprint();
    for (const [route, rule] of Object.entries(MATRIX)) {
      for (const who of WHO) {
        if (!refused(rule, who)) continue;
        const r = await send(w.clients[who], route, rule);
        const code = r.body?.error?.code as string | undefined;
        const okStatus = who === 'anon' ? r.status === 401 && code === 'UNAUTHENTICATED' : r.status === 403 || r.status === 404 || (!!code && !!rule.refusals?.includes(code)) || !!rule.refusedIf?.(r);
        check(wrong, `${route} as ${who}`, !okStatus, r);
      }
    }
    expect(wrong).toEqual([]);
    const after = await fingerprint();
    expect(WATCHED.filter((table) => before[table] !== after[table]), 'tables changed by refused calls').toEqual([]);
  }, 300_000);

  it('lists show the objects only to those whose scope covers them', async () => {
    const wrong: string[] = [];
    for (const [route, rule] of Object.entries(MATRIX)) {
      if (!rule.hides) continue;
      const hidden = rule.hides(w);
      for (const who of rule.allow ?? []) {
        const r = await send(w.clients[who], route, rule);
        if (r.status === 403 || r.status === 404) {
          if (rule.sees?.includes(who)) wrong.push(`${route} as ${who} should see: ${brief(r)}`);
          continue;
        }
        const text = JSON.stringify(r.body);
        const shown = hidden.filter((id) => text.includes(id));
        const sees = rule.sees?.includes(who) ?? false;
        check(wrong, `${route} as ${who} sees`, sees ? shown.length !== hidden.length : shown.length > 0, r);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('lets in everyone the table names', async () => {
    const wrong: string[] = [];
    for (const [route, rule] of Object.entries(MATRIX)) {
      const people: Who[] = rule.public ? ['anon'] : [...(rule.allow ?? [])];
      for (const who of people) {
        const client = rule.fresh && who !== 'anon' ? await t.client().login(w.users[who].phone) : w.clients[who];
        const r = await send(client, route, rule);
        const code = r.body?.error?.code as string | undefined;
        const bad =
          r.status >= 500 ||
          (r.status === 401 && code !== 'BAD_CREDENTIALS') ||
          r.status === 403 ||
          code === 'VALIDATION_FAILED' ||
          (r.status === 404 && !rule.mayVanish);
        check(wrong, `${route} as ${who}`, bad, r);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
