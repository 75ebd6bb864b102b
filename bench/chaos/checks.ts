/** What the chaos run must find afterwards in the database (the server stopped): one list of findings. */
import { loadConfig } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/client';
import type { Cast } from './fixtures';
import type { Entry } from './load';

type Rows = { query(text: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }> };

export async function checkBooks(env: Record<string, string>, cast: Cast, entries: Entry[]): Promise<string[]> {
  const config = loadConfig({ ...process.env, ...env });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const q = (database.db as unknown as { $client: Rows }).$client;
  const n = async (text: string, values: unknown[] = []) => Number((await q.query(text, values)).rows[0]!.n);
  const findings: string[] = [];
  const acked = (op: Entry['op']) => [...new Set(entries.filter((e) => e.op === op && e.outcome === 'ack' && e.id).map((e) => e.id!))];
  const people = [...cast.young, ...cast.elders].map((s) => s.userId);
  try {
    // stock equals its movements
    const drift = await n(
      `select count(*)::int as n from market_products p left join (select product_id, sum(quantity) as s from market_stock_movements group by product_id) m on m.product_id = p.id where p.stock <> coalesce(m.s, 0)`,
    );
    if (drift) findings.push(`${drift} product(s) whose stock is not the sum of their movements`);

    // every acknowledged write exactly once, and no write nobody acknowledged
    const once = async (op: Entry['op'], table: string, scope: string, scopeValues: unknown[]) => {
      const ids = acked(op);
      const present = await n(`select count(*)::int as n from ${table} where id = any($1::uuid[])`, [ids]);
      if (present !== ids.length) findings.push(`${op}: ${ids.length - present} acknowledged write(s) missing`);
      const all = await n(`select count(*)::int as n from ${table} where ${scope}`, scopeValues);
      if (all !== ids.length) findings.push(`${op}: ${all} in the database, ${ids.length} acknowledged (a write nobody was told of, or a duplicate)`);
    };
    await once('family_transfer', 'ledger_transfers', `code = 'family_transfer'`, []);
    await once('redemption', 'market_redemptions', 'user_id = any($1::uuid[])', [people]);
    await once('service_request', 'service_requests', 'resident_id = any($1::uuid[])', [people]);
    await once('checkin', 'attendance', 'activity_id = $1', [cast.runningActivity]);
    const twice = await n(`select count(*)::int as n from (select user_id from attendance where activity_id = $1 group by user_id having count(*) > 1) x`, [cast.runningActivity]);
    if (twice) findings.push(`checkin: ${twice} volunteer(s) with two attendances`);

    // settlements: acknowledged ones complete (records, one credit each, settled); refused ones untouched
    for (const a of cast.toSettle) {
      const e = entries.filter((x) => x.op === 'settle' && x.path.includes(a.id));
      if (!e.length) continue;
      const records = await n(`select count(distinct volunteer_id)::int as n from service_records where activity_id = $1`, [a.id]);
      const rows = await n(`select count(*)::int as n from service_records where activity_id = $1`, [a.id]);
      const uncredited = await n(`select count(*)::int as n from service_records r where r.activity_id = $1 and not exists (select 1 from ledger_service_credits c where c.object_id = r.id::text)`, [a.id]);
      const settled = await n(`select count(*)::int as n from activities where id = $1 and settled_at is not null`, [a.id]);
      if (e.some((x) => x.outcome === 'ack')) {
        if (records !== a.userIds.length || rows !== records || uncredited || !settled) findings.push(`settle ${a.id}: ${rows} records for ${a.userIds.length} people, ${uncredited} uncredited, settled ${!!settled}`);
      } else if (rows || settled) findings.push(`settle ${a.id}: refused, yet ${rows} record(s) remain`);
    }

    // nothing half-present: every order has its reservation, every paid request its payment, every stock movement of an order its order
    const orphanOrders = await n(`select count(*)::int as n from market_redemptions r where r.user_id = any($1::uuid[]) and (r.pending_transfer_id is null or not exists (select 1 from ledger_transfers t where t.id = r.pending_transfer_id))`, [people]);
    if (orphanOrders) findings.push(`${orphanOrders} redemption(s) without their points reservation`);
    const unpaid = await n(`select count(*)::int as n from service_requests s where s.resident_id = any($1::uuid[]) and s.pay_minutes > 0 and (s.payment_transfer_id is null or not exists (select 1 from ledger_transfers t where t.id = s.payment_transfer_id))`, [people]);
    if (unpaid) findings.push(`${unpaid} paid service request(s) without their time reservation`);
    const strayMoves = await n(`select count(*)::int as n from market_stock_movements m where m.redemption_id is not null and not exists (select 1 from market_redemptions r where r.id = m.redemption_id)`);
    if (strayMoves) findings.push(`${strayMoves} stock movement(s) of an order that does not exist`);
    const refusedKeys = entries.filter((e) => e.outcome === 'refused' && e.key).map((e) => e.key!);
    const stored = await n(`select count(*)::int as n from idempotency_keys where key::text = any($1::text[]) and status_code < 300`, [refusedKeys]);
    if (stored) findings.push(`${stored} refused request(s) whose key holds a success`);
  } finally {
    await database.close();
  }
  return findings;
}
