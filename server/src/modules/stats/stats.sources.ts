import { sql, type SQL } from 'drizzle-orm';

/**
 * How every figure is counted from the base tables. Each source yields rows
 * (region_code, day, category, value) for the objects that count now, restricted by a filter on
 * the object's id: `true` for a rebuild, a list of ids for a change. A change is counted as the
 * difference between an object's rows after it and before it (stats.service trackStats), so the
 * rollups and a recount can only agree, whatever the change (a status, a region, a figure).
 */

export const METRICS = [
  'volunteers',
  'organizations',
  'teams',
  'stations',
  'activities',
  'serviceMinutes',
  'participations',
  'beneficiaries',
  'wishesFulfilled',
  'pointsRedeemed',
] as const;
export type Metric = (typeof METRICS)[number];

/** The tables whose rows move figures: the object a change is about. */
export const KINDS = {
  user: 'users',
  org: 'organizations',
  station: 'stations',
  activity: 'activities',
  record: 'service_records',
  request: 'service_requests',
  wish: 'wishes',
  redemption: 'market_redemptions',
} as const;
export type Kind = keyof typeof KINDS;

export interface Source {
  metric: Metric;
  kind: Kind;
  /** The rows (region_code, day, category, value) of the objects that pass `filter` (on `x.id`). */
  rows: (filter: SQL) => SQL;
}

/** The China-time date of a timestamp column. */
const cn = (col: SQL) => sql`(${col} at time zone 'Asia/Shanghai')::date`;

/** A service record counts while it stands (confirmed or disputed); its category is its activity's or request's. */
const recordRows = (value: SQL) => (filter: SQL) => sql`
  select x.region_code, x.service_date::date, coalesce(a.category, q.category, '')::text, ${value}
    from service_records x
    left join activities a on a.id = x.activity_id
    left join service_requests q on q.id = x.request_id
   where x.status in ('confirmed', 'disputed') and ${filter}`;

const orgRows = (teams: boolean) => (filter: SQL) => sql`
  select x.region_code, ${cn(sql`x.created_at`)}, ''::text, 1::bigint
    from organizations x
   where x.status = 'active' and ${teams ? sql`x.type <> 'service_org'` : sql`x.type = 'service_org'`} and ${filter}`;

const wishRows = (filter: SQL) => sql`
  select x.region_code, ${cn(sql`x.fulfilled_at`)}, ''::text, 1::bigint from wishes x where x.status = 'fulfilled' and ${filter}`;

export const SOURCES: readonly Source[] = [
  // people registered, by where they live now, on the day they registered
  { metric: 'volunteers', kind: 'user', rows: (f) => sql`select x.region_code, ${cn(sql`x.created_at`)}, ''::text, 1::bigint from users x where ${f}` },
  // active organisations (service_org) and teams (every other type), on the day they applied
  { metric: 'organizations', kind: 'org', rows: orgRows(false) },
  { metric: 'teams', kind: 'org', rows: orgRows(true) },
  { metric: 'stations', kind: 'station', rows: (f) => sql`select x.region_code, ${cn(sql`x.created_at`)}, ''::text, 1::bigint from stations x where ${f}` },
  // published activities (not cancelled), on the day they start
  { metric: 'activities', kind: 'activity', rows: (f) => sql`select x.region_code, ${cn(sql`x.starts_at`)}, x.category::text, 1::bigint from activities x where x.status = 'published' and ${f}` },
  // service time (minutes) and participations (人次) of the standing records, on their service date
  { metric: 'serviceMinutes', kind: 'record', rows: recordRows(sql`x.minutes::bigint`) },
  { metric: 'participations', kind: 'record', rows: recordRows(sql`1::bigint`) },
  // people served: an activity's estimate, a completed (rated) request's resident, a fulfilled wish's beneficiary
  {
    metric: 'beneficiaries',
    kind: 'activity',
    rows: (f) => sql`select x.region_code, ${cn(sql`x.starts_at`)}, x.category::text, x.beneficiaries_count::bigint from activities x where x.status = 'published' and x.beneficiaries_count > 0 and ${f}`,
  },
  { metric: 'beneficiaries', kind: 'request', rows: (f) => sql`select x.region_code, ${cn(sql`x.rated_at`)}, x.category::text, 1::bigint from service_requests x where x.status = 'rated' and ${f}` },
  { metric: 'beneficiaries', kind: 'wish', rows: wishRows },
  { metric: 'wishesFulfilled', kind: 'wish', rows: wishRows },
  // points spent in the love supermarket (fulfilled redemptions), where the station is, on the pickup day
  {
    metric: 'pointsRedeemed',
    kind: 'redemption',
    rows: (f) => sql`select s.region_code, ${cn(sql`x.closed_at`)}, ''::text, x.points::bigint from market_redemptions x join stations s on s.id = x.station_id where x.status = 'fulfilled' and ${f}`,
  },
];

/** Objects by id, as a filter on `x.id`. */
export function idFilter(ids: readonly string[]): SQL {
  return sql`x.id = any(string_to_array(${ids.join(',')}, ',')::uuid[])`;
}
