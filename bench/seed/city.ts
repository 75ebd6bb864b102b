/**
 * A city of data for the benchmarks (`npx aixin bench seed --scale city|district`): volunteers,
 * organisations, stations, five years of activities with their sign-ups, attendance, service
 * records and ledger credits (with the hash chain sealed as the server would), and love-supermarket
 * redemptions — written with COPY into an empty, migrated PostgreSQL database.
 *
 * Distributions: districts of different sizes; a long tail of very active volunteers (Pareto
 * propensity); activities by season (March, 学雷锋月, twice as busy; the Spring Festival quiet);
 * activity sizes log-normal (a few of 2,000). Seeded: the same data every run.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { newIdAt } from '../../server/src/lib/ids';
import { composeIdNumber, maskIdNumber } from '../../shared/src/lib/id-number';
import { composeVolunteerNo } from '../../shared/src/lib/volunteer-no';
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS, TERMS_VERSION, type BeneficiaryCategory, type ServiceCategory } from '../../shared/src/constants';
import { deriveKeys, encryptText, keyedHash } from '../../server/src/lib/crypto';
import { linkHashV2 } from '../../server/src/modules/ledger/ledger.proof';
import { pointsFor, roundMinutes } from '../../server/src/modules/ledger/ledger.policy-math';
import type { TransferRow } from '../../server/src/modules/ledger/ledger.repository';
import { CopyWriter, type CopyValue } from './copy';
import { GIVEN, PLACE_A, PLACE_B, SURNAMES } from './names';
import { Random, WeightedSampler } from './random';

export type Scale = 'city' | 'district' | 'smoke';

export interface ScaleSize {
  volunteers: number;
  organizations: number;
  stations: number;
  activities: number;
  records: number;
  redemptions: number;
}

export const SCALES: Record<Scale, ScaleSize> = {
  city: { volunteers: 400_000, organizations: 1_200, stations: 450, activities: 60_000, records: 5_000_000, redemptions: 20_000 },
  district: { volunteers: 40_000, organizations: 120, stations: 45, activities: 6_000, records: 500_000, redemptions: 2_000 },
  /** For CI: enough for every benchmark case to run for a moment. */
  smoke: { volunteers: 3_000, organizations: 12, stations: 5, activities: 300, records: 10_000, redemptions: 50 },
};

export interface SeedOptions {
  databaseUrl: string;
  /** The schema owner (DATABASE_OWNER_URL), when the runtime role may not switch triggers off. */
  ownerUrl?: string | undefined;
  scale: Scale;
  secret: string;
  seed?: number;
  /** Called with (step, done, total) as the work goes. */
  progress?: (step: string, done: number, total: number) => void;
  log?: (line: string) => void;
}

export interface SeedSummary {
  scale: Scale;
  seconds: number;
  counts: Record<string, number>;
  /** People the benchmarks act as: staff with their scopes, and the busiest volunteers. */
  actors: { cityAdmin: string; districtAdmins: Record<string, string>; orgAdmins: string[]; busiestVolunteers: string[]; stationAdmins: string[] };
}

const CITY = '1405';
const CITY_REGION = '140500';
/** The districts of 晋城 with their share of the volunteers (城区 the densest). */
const DISTRICTS: Array<{ code: string; name: string; share: number; lat: number; lng: number }> = [
  { code: '140502', name: '城区', share: 0.3, lat: 35.5, lng: 112.85 },
  { code: '140525', name: '泽州县', share: 0.2, lat: 35.5, lng: 112.84 },
  { code: '140581', name: '高平市', share: 0.18, lat: 35.8, lng: 112.92 },
  { code: '140522', name: '阳城县', share: 0.14, lat: 35.49, lng: 112.41 },
  { code: '140521', name: '沁水县', share: 0.09, lat: 35.69, lng: 112.19 },
  { code: '140524', name: '陵川县', share: 0.09, lat: 35.78, lng: 113.28 },
];
/** Relative activity by month (Jan … Dec): March is 学雷锋月, February has the Spring Festival. */
const MONTH_WEIGHT = [0.8, 0.6, 2.0, 1.0, 1.0, 1.0, 1.3, 1.3, 1.0, 1.0, 1.0, 1.2];
const FROM = Date.UTC(2022, 0, 1);
const TO = Date.UTC(2026, 10, 20);
const SERVED_AT_LEAST = 15;
/** Who an activity of a category served (受益人群), recorded at its settlement with about three people per volunteer. */
const SERVED: Partial<Record<ServiceCategory, BeneficiaryCategory>> = { elderly: 'elders', children: 'children', disabled: 'disabled', health: 'patients' };

interface Community {
  code: string;
  name: string;
  district: number;
  lat: number;
  lng: number;
}

function chinaDay(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

export async function seedCity(opts: SeedOptions): Promise<SeedSummary> {
  const started = Date.now();
  const size = SCALES[opts.scale];
  const r = new Random(opts.seed ?? 20261125);
  const keys = deriveKeys(opts.secret);
  const log = opts.log ?? (() => undefined);
  const progress = opts.progress ?? (() => undefined);
  const connect = async () => {
    const c = new pg.Client({ connectionString: opts.ownerUrl ?? opts.databaseUrl });
    await c.connect();
    return c;
  };
  const main = await connect();
  const n = async (q: string) => Number((await main.query<{ n: string }>(q)).rows[0]!.n);
  if ((await n('select count(*) as n from users')) > 0) throw new Error('the database already holds people: seed an empty, migrated database (e.g. createdb aixin_bench)');
  if ((await n('select count(*) as n from regions')) === 0) throw new Error('the region tree is empty: run the migrations and load the division list first');
  const districts = opts.scale === 'city' ? DISTRICTS : DISTRICTS.slice(0, 1).map((d) => ({ ...d, share: 1 }));
  const now = new Date(TO + 5 * 86_400_000);

  // ——— regions: streets and communities under each district ———
  const communities: Community[] = [];
  const regionRows: CopyValue[][] = [];
  const communitiesPerDistrict = opts.scale === 'city' ? [330, 220, 200, 150, 100, 100] : opts.scale === 'district' ? [180] : [24];
  for (const [di, d] of districts.entries()) {
    const total = communitiesPerDistrict[di]!;
    const streets = Math.ceil(total / 12);
    for (let s = 0; s < streets; s++) {
      const street = `${d.code}${String(201 + s).padStart(3, '0')}`;
      const sName = `${r.pick(PLACE_A)}${r.pick(PLACE_A)}街道`;
      regionRows.push([street, sName, d.code, 4, `/140000/${CITY_REGION}/${d.code}/${street}/`, d.lat, d.lng, now]);
      for (let c = 0; c < 12 && communities.length < communitiesPerDistrict.slice(0, di + 1).reduce((a, b) => a + b, 0); c++) {
        const code = `${street}${String(201 + c).padStart(3, '0')}`;
        const name = `${r.pick(PLACE_A)}${r.pick(PLACE_A)}${r.pick(PLACE_B)}社区`;
        const lat = d.lat + (r.next() - 0.5) * 0.12;
        const lng = d.lng + (r.next() - 0.5) * 0.12;
        regionRows.push([code, name, street, 5, `/140000/${CITY_REGION}/${d.code}/${street}/${code}/`, lat, lng, now]);
        communities.push({ code, name, district: di, lat, lng });
      }
    }
  }
  await copyAll(main, 'regions', ['code', 'name', 'parent_code', 'level', 'path', 'lat', 'lng', 'created_at'], regionRows);
  log(`regions: ${regionRows.length} streets and communities`);
  const communitiesOf = districts.map((_, di) => communities.filter((c) => c.district === di));

  // ——— people ———
  const N = size.volunteers;
  const userId: string[] = new Array(N);
  const userName: string[] = new Array(N);
  const userCommunity = new Uint16Array(N);
  const userDistrict = new Uint8Array(N);
  const propensity = new Float64Array(N);
  const districtSampler = new WeightedSampler(districts.map((d) => d.share));
  const idSeq = new Map<string, number>();
  const vnoSeq = new Map<string, number>();
  {
    const users = new CopyWriter(main, 'users', ['id', 'city_code', 'phone', 'password_hash', 'name', 'id_number_enc', 'id_number_masked', 'birth_date', 'sex', 'region_code', 'status', 'terms_version', 'terms_accepted_at', 'created_at', 'updated_at']);
    const idc = await connect();
    const identities = new CopyWriter(idc, 'person_identities', ['id_hash', 'user_id', 'city_code', 'created_at']);
    const pc = await connect();
    const profiles = new CopyWriter(pc, 'volunteer_profiles', ['user_id', 'city_code', 'volunteer_no', 'skills', 'service_categories', 'public_display', 'consent_method', 'created_at', 'updated_at']);
    const cc = await connect();
    const consents = new CopyWriter(cc, 'consents', ['id', 'city_code', 'user_id', 'kind', 'version', 'method', 'granted_at']);
    for (const w of [users, identities, profiles, consents]) await w.open();
    for (let i = 0; i < N; i++) {
      const di = districtSampler.sample(r);
      const cs = communitiesOf[di]!;
      const ci = communities.indexOf(cs[Math.floor(r.next() * cs.length)]!);
      const d = districts[di]!;
      const age = Math.min(82, Math.max(16, Math.round(42 + r.normal() * 14)));
      const birth = new Date(Date.UTC(2026 - age, r.int(0, 11), r.int(1, 28))).toISOString().slice(0, 10);
      const seqKey = d.code + birth;
      const seq = (idSeq.get(seqKey) ?? 0) + 1;
      idSeq.set(seqKey, seq);
      const idNumber = composeIdNumber(d.code, birth, seq);
      const id = uuidv7();
      const name = r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.7) ? r.pick(GIVEN) : '');
      const created = new Date(FROM - 365 * 86_400_000 + Math.floor(r.next() * (TO - FROM)));
      const vno = (vnoSeq.get(d.code) ?? 0) + 1;
      vnoSeq.set(d.code, vno);
      const publicDisplay = r.chance(0.35);
      userId[i] = id;
      userName[i] = name;
      userCommunity[i] = ci;
      userDistrict[i] = di;
      propensity[i] = Math.min(r.pareto(1.3), 60);
      await users.row([id, CITY, `15${String(i).padStart(9, '0')}`, null, name, encryptText(keys.idEncryption, idNumber), maskIdNumber(idNumber), birth, seq % 2 === 1 ? 'M' : 'F', communities[ci]!.code, 'active', TERMS_VERSION, created, created, created]);
      await identities.row([keyedHash(keys.idHash, idNumber), id, CITY, created]);
      await profiles.row([id, CITY, composeVolunteerNo(d.code, vno), [], [r.pick(SERVICE_CATEGORIES)], publicDisplay, 'online', created, created]);
      await consents.row([uuidv7(), CITY, id, 'terms', TERMS_VERSION, 'online', created]);
      await consents.row([uuidv7(), CITY, id, 'privacy', TERMS_VERSION, 'online', created]);
      if (publicDisplay) await consents.row([uuidv7(), CITY, id, 'public_display', TERMS_VERSION, 'online', created]);
      if (i % 5000 === 0) progress('people', i, N);
    }
    progress('people', N, N);
    for (const w of [users, identities, profiles, consents]) await w.close();
    for (const c of [idc, pc, cc]) await c.end();
    for (const [prefix, next] of vnoSeq) await main.query('insert into volunteer_no_counters (prefix, next_value) values ($1, $2) on conflict (prefix) do update set next_value = excluded.next_value', [prefix, next + 1]);
    log(`people: ${N} volunteers with identities, profiles and consents`);
  }
  const usersOfDistrict: number[][] = districts.map(() => []);
  for (let i = 0; i < N; i++) usersOfDistrict[userDistrict[i]!]!.push(i);
  const atLarge = usersOfDistrict.map((us) => new WeightedSampler(us.map((u) => propensity[u]!)));
  const staffOf = (district: number, k: number) => {
    const us = usersOfDistrict[district]!;
    return us.length ? us[k % us.length]! : 0;
  };

  // ——— staff, organisations, memberships, stations, goods ———
  const grants: CopyValue[][] = [];
  const cityAdmin = 0;
  grants.push([uuidv7(), CITY, userId[cityAdmin], 'region_admin', CITY_REGION, null, null, now]);
  const districtAdmins: Record<string, string> = {};
  for (const [di, d] of districts.entries()) {
    const u = staffOf(di, 1);
    districtAdmins[d.code] = userId[u]!;
    grants.push([uuidv7(), CITY, userId[u], 'region_admin', d.code, null, null, now]);
  }
  const orgs: Array<{ id: string; name: string; district: number; community: number; admin: number; members: number[]; sampler?: WeightedSampler }> = [];
  const orgRows: CopyValue[][] = [];
  const orgSampler = new WeightedSampler(districts.map((d) => d.share));
  for (let o = 0; o < size.organizations; o++) {
    const di = orgSampler.sample(r);
    const cs = communitiesOf[di]!;
    const com = cs[Math.floor(r.next() * cs.length)]!;
    const admin = staffOf(di, 2 + o);
    const name = `${com.name}${r.pick(['志愿服务队', '学雷锋志愿服务队', '巾帼志愿服务队', '青年志愿服务队', '党员志愿服务队'])}${o}`;
    const created = new Date(FROM - 200 * 86_400_000 + Math.floor(r.next() * 400 * 86_400_000));
    orgs.push({ id: uuidv7(), name, district: di, community: communities.indexOf(com), admin, members: [] });
    orgRows.push([orgs[o]!.id, CITY, name, r.pick(['community_team', 'service_org', 'civility_unit_team', 'professional_team']), com.code, '本队伍服务社区居民', [r.pick(SERVICE_CATEGORIES), r.pick(SERVICE_CATEGORIES)], 'active', userId[admin], created, created]);
    grants.push([uuidv7(), CITY, userId[admin], 'org_admin', com.code, orgs[o]!.id, null, now]);
  }
  await copyAll(main, 'organizations', ['id', 'city_code', 'name', 'type', 'region_code', 'description', 'service_categories', 'status', 'created_by', 'created_at', 'updated_at'], orgRows);
  const orgsOfDistrict = districts.map((_, di) => orgs.filter((o) => o.district === di));
  {
    const mc = await connect();
    const memberships = new CopyWriter(mc, 'org_memberships', ['id', 'city_code', 'org_id', 'user_id', 'role', 'status', 'created_at', 'updated_at']);
    await memberships.open();
    for (let i = 0; i < N; i++) {
      const options = orgsOfDistrict[userDistrict[i]!]!;
      if (!options.length || r.chance(0.12)) continue;
      const homes = r.chance(0.2) ? 2 : 1;
      const seen = new Set<number>();
      for (let h = 0; h < homes; h++) {
        const oi = Math.floor(r.next() * options.length);
        if (seen.has(oi)) continue;
        seen.add(oi);
        const org = options[oi]!;
        org.members.push(i);
        await memberships.row([uuidv7(), CITY, org.id, userId[i], org.admin === i ? 'admin' : 'member', 'active', now, now]);
      }
    }
    await memberships.close();
    await mc.end();
    for (const o of orgs) o.sampler = new WeightedSampler(o.members.map((m) => propensity[m]!));
    log(`organisations: ${orgs.length}, memberships: ${memberships.rows}`);
  }
  const stationRows: CopyValue[][] = [];
  const stations: Array<{ id: string; district: number; admin: number }> = [];
  const products: Array<{ id: string; station: number; name: string; price: number; stock: number }> = [];
  for (let s = 0; s < size.stations; s++) {
    const com = communities[Math.floor((s / size.stations) * communities.length)]!;
    const admin = staffOf(com.district, 5000 + s);
    const id = uuidv7();
    stations.push({ id, district: com.district, admin });
    stationRows.push([id, CITY, `${com.name}${r.pick(['新时代文明实践站', '学雷锋志愿服务站', '社区志愿服务站'])}`, r.pick(['civilization_practice_station', 'lei_feng_station', 'community_station']), com.code, `${com.name}党群服务中心`, com.lat, com.lng, now, now]);
    grants.push([uuidv7(), CITY, userId[admin], 'station_admin', com.code, null, id, now]);
    for (const [name, price] of [['电饭煲', 800], ['食用油', 120], ['大米5公斤', 150], ['洗衣液', 60], ['毛巾', 30]] as const) {
      products.push({ id: uuidv7(), station: s, name, price, stock: 100_000 });
    }
  }
  await copyAll(main, 'stations', ['id', 'city_code', 'name', 'type', 'region_code', 'address', 'lat', 'lng', 'created_at', 'updated_at'], stationRows);
  await copyAll(main, 'grants', ['id', 'city_code', 'user_id', 'role', 'region_code', 'org_id', 'station_id', 'created_at'], grants);
  log(`stations: ${stations.length}, goods: ${products.length}, grants: ${grants.length}`);

  // ——— activities, participations, credits, redemptions — in time order, with the ledger ———
  const productsOfDistrict = districts.map((_, di) => products.filter((p) => stations[p.station]!.district === di));
  const monthly = new WeightedSampler(MONTH_WEIGHT);
  const A = size.activities;
  const startsAt: number[] = [];
  for (let a = 0; a < A; a++) {
    let ms: number;
    do {
      const year = 2022 + Math.floor(r.next() * 5);
      const month = monthly.sample(r);
      ms = Date.UTC(year, month, r.int(1, 28), r.int(0, 11), r.pick([0, 15, 30, 45])); // 08:00–19:45 China time
    } while (ms < FROM || ms > TO);
    startsAt.push(ms);
  }
  startsAt.sort((x, y) => x - y);
  const sizes = activitySizes(r, A, size.records);
  const redemptionTimes = Array.from({ length: size.redemptions }, () => FROM + 60 * 86_400_000 + Math.floor(r.next() * (TO - FROM - 60 * 86_400_000))).sort((x, y) => x - y);

  const wc = async () => connect();
  const clients = await Promise.all(Array.from({ length: 9 }, wc));
  const W = {
    activities: new CopyWriter(clients[0]!, 'activities', ['id', 'city_code', 'org_id', 'title', 'category', 'description', 'region_code', 'station_id', 'address', 'lat', 'lng', 'starts_at', 'ends_at', 'capacity', 'person_in_charge', 'status', 'reviewed_by', 'reviewed_at', 'submitted_at', 'settled_at', 'confirmed_count', 'created_by', 'created_at', 'updated_at', 'beneficiaries_count', 'beneficiaries_category']),
    signups: new CopyWriter(clients[1]!, 'signups', ['id', 'city_code', 'activity_id', 'user_id', 'status', 'created_at']),
    attendance: new CopyWriter(clients[2]!, 'attendance', ['id', 'city_code', 'activity_id', 'user_id', 'checkin_at', 'checkout_at', 'checkin_lat', 'checkin_lng', 'checkin_distance_meters', 'checkout_lat', 'checkout_lng', 'checkout_distance_meters', 'flags', 'created_at']),
    records: new CopyWriter(clients[3]!, 'service_records', ['id', 'city_code', 'volunteer_id', 'org_id', 'activity_id', 'kind', 'status', 'activity_title', 'service_date', 'place', 'content', 'org_name', 'person_in_charge', 'region_code', 'started_at', 'ended_at', 'minutes', 'credited_minutes', 'points', 'created_by', 'created_at']),
    credits: new CopyWriter(clients[4]!, 'ledger_service_credits', ['id', 'city_code', 'user_id', 'region_code', 'service_day', 'measured_minutes', 'credited_minutes', 'time_minutes', 'overflow_minutes', 'points', 'object_type', 'object_id', 'idempotency_key', 'request_hash', 'created_at']),
    transfers: new CopyWriter(clients[5]!, 'ledger_transfers', ['id', 'city_code', 'ledger', 'debit_account_id', 'credit_account_id', 'amount', 'code', 'status', 'pending_id', 'reverses_id', 'timeout_at', 'actor_id', 'object_type', 'object_id', 'memo', 'idempotency_key', 'request_hash', 'debit_balance_after', 'credit_balance_after', 'created_at']),
    links: new CopyWriter(clients[6]!, 'ledger_chain_links', ['city_code', 'ledger', 'seq', 'transfer_id', 'prev_hash', 'hash', 'version', 'sealed_at']),
    redemptions: new CopyWriter(clients[7]!, 'market_redemptions', ['id', 'city_code', 'station_id', 'product_id', 'user_id', 'placed_by', 'on_behalf', 'product_name', 'quantity', 'unit_points', 'points', 'status', 'pickup_code', 'pending_transfer_id', 'expires_at', 'created_at', 'closed_at', 'closed_by']),
    movements: new CopyWriter(clients[8]!, 'market_stock_movements', ['id', 'city_code', 'product_id', 'station_id', 'kind', 'quantity', 'stock_after', 'redemption_id', 'actor_id', 'created_at']),
  };
  // the seed writes its own chain links: the trigger that queues transfers for the sealer is off meanwhile
  await main.query('alter table ledger_transfers disable trigger ledger_transfers_written');
  // the partitions of every year of the history (migrations make only this year's and the next two)
  for (let y = new Date(FROM + 8 * 3600_000).getUTCFullYear(); y <= new Date(TO + 8 * 3600_000).getUTCFullYear(); y++) await main.query('select aixin_year_partitions($1)', [y]);
  for (const w of Object.values(W)) await w.open();

  // ledger state
  const acct = {
    issuancePoints: uuidv7(),
    issuanceTime: uuidv7(),
    supermarket: uuidv7(),
    points: new Array<string | undefined>(N),
    time: new Array<string | undefined>(N),
  };
  const pointsBal = new Float64Array(N);
  const timeBal = new Float64Array(N);
  const pointsIn = new Float64Array(N);
  const pointsOut = new Float64Array(N);
  let issuedPoints = 0;
  let issuedTime = 0;
  let supermarketIn = 0;
  const chain = { points: { seq: 0, hash: '0'.repeat(64) }, time: { seq: 0, hash: '0'.repeat(64) } };
  let clock = FROM;
  const tick = (at: number) => (clock = Math.max(clock + 1, at));
  const sealedAt = now;

  const writeTransfer = async (t: TransferRow) => {
    await W.transfers.row([t.id, t.cityCode, t.ledger, t.debitAccountId, t.creditAccountId, t.amount, t.code, t.status, t.pendingId, t.reversesId, t.timeoutAt, t.actorId, t.objectType, t.objectId, t.memo, t.idempotencyKey, t.requestHash, t.debitBalanceAfter, t.creditBalanceAfter, t.createdAt]);
    const c = chain[t.ledger as 'points' | 'time'];
    c.seq += 1;
    const hash = linkHashV2(c.hash, t, c.seq);
    await W.links.row([t.cityCode, t.ledger, c.seq, t.id, c.hash, hash, 2, sealedAt]);
    c.hash = hash;
  };
  const baseTransfer = (o: Partial<TransferRow> & Pick<TransferRow, 'ledger' | 'debitAccountId' | 'creditAccountId' | 'amount' | 'code' | 'status' | 'idempotencyKey' | 'createdAt'>): TransferRow => ({
    id: newIdAt(o.createdAt),
    cityCode: CITY,
    pendingId: null,
    reversesId: null,
    timeoutAt: null,
    actorId: null,
    objectType: null,
    objectId: null,
    memo: null,
    requestHash: sha256(o.idempotencyKey ?? o.id ?? ""),
    debitBalanceAfter: 0,
    creditBalanceAfter: 0,
    ...o,
  });

  let nextRedemption = 0;
  let redeemed = 0;
  const redeemUntil = async (until: number) => {
    while (nextRedemption < redemptionTimes.length && redemptionTimes[nextRedemption]! <= until) {
      const at = redemptionTimes[nextRedemption++]!;
      for (let attempt = 0; attempt < 200; attempt++) {
        const u = Math.floor(r.next() * N);
        const choices = productsOfDistrict[userDistrict[u]!]!;
        if (!choices.length) break;
        const p = choices[Math.floor(r.next() * choices.length)]!;
        if (pointsBal[u]! < p.price || !acct.points[u]) continue;
        const st = stations[p.station]!;
        const reservedAt = new Date(tick(at));
        const redemptionId = newIdAt(reservedAt);
        const pendingKey = `market:redemption:${redemptionId}`;
        pointsBal[u] = pointsBal[u]! - p.price;
        const pending = baseTransfer({ ledger: 'points', debitAccountId: acct.points[u]!, creditAccountId: acct.supermarket, amount: p.price, code: 'redeemed', status: 'pending', timeoutAt: new Date(reservedAt.getTime() + 7 * 86_400_000), actorId: userId[u]!, objectType: 'redemption', objectId: redemptionId, memo: `兑换 ${p.name}`, idempotencyKey: pendingKey, createdAt: reservedAt, debitBalanceAfter: pointsBal[u]!, creditBalanceAfter: supermarketIn });
        await writeTransfer(pending);
        const fulfilledAt = new Date(tick(at + r.int(1, 72) * 3600_000));
        supermarketIn += p.price;
        pointsOut[u] = pointsOut[u]! + p.price;
        await writeTransfer(baseTransfer({ ledger: 'points', debitAccountId: acct.points[u]!, creditAccountId: acct.supermarket, amount: p.price, code: 'redeemed', status: 'post_pending', pendingId: pending.id, actorId: userId[st.admin]!, objectType: 'redemption', objectId: redemptionId, memo: `兑换 ${p.name}`, idempotencyKey: `resolve:${pending.id}`, createdAt: fulfilledAt, debitBalanceAfter: pointsBal[u]!, creditBalanceAfter: supermarketIn }));
        p.stock -= 1;
        await W.redemptions.row([redemptionId, CITY, st.id, p.id, userId[u], userId[u], false, p.name, 1, p.price, p.price, 'fulfilled', String(r.int(0, 999_999)).padStart(6, '0'), pending.id, new Date(reservedAt.getTime() + 7 * 86_400_000), reservedAt, fulfilledAt, userId[st.admin]]);
        await W.movements.row([uuidv7(), CITY, p.id, st.id, 'redemption', -1, p.stock, redemptionId, userId[u], reservedAt]);
        redeemed++;
        break;
      }
    }
  };

  let recordsWritten = 0;
  for (let a = 0; a < A; a++) {
    const start = startsAt[a]!;
    await redeemUntil(start);
    const di = districtSampler.sample(r);
    const options = orgsOfDistrict[di]!.filter((o) => o.members.length > 0);
    const org = options.length ? options[Math.floor(r.next() * options.length)]! : orgs[Math.floor(r.next() * orgs.length)]!;
    const com = communities[org.community]!;
    const category = r.pick(SERVICE_CATEGORIES) as ServiceCategory;
    const title = `${com.name}${SERVICE_CATEGORY_LABELS[category].zh}志愿服务`;
    const lengthMin = r.pick([60, 90, 120, 120, 150, 180, 240]);
    const end = start + lengthMin * 60_000;
    const wanted = sizes[a]!;
    // ids of the moment each row was made, so each year's rows land in that year's partition
    const id = newIdAt(start - 7 * 86_400_000);
    const settled = start + 2 * 86_400_000;
    const admin = org.admin;
    const adminName = userName[admin]!;
    const chosen = new Set<number>();
    for (let guard = 0; chosen.size < wanted && guard < wanted * 20; guard++) {
      // most come from the organisation's members, the rest from the district; busy people more often
      const u = org.sampler && org.sampler.size > 0 && r.chance(0.7) ? org.members[org.sampler.sample(r)]! : usersOfDistrict[org.district]![atLarge[org.district]!.sample(r)]!;
      chosen.add(u);
    }
    const count = chosen.size;
    await W.activities.row([id, CITY, org.id, title, category, `${title}，欢迎报名。`, com.code, null, `${com.name}党群服务中心`, com.lat, com.lng, new Date(start), new Date(end), Math.max(count, 10), adminName, 'published', districtAdmins[districts[org.district]!.code]!, new Date(start - 5 * 86_400_000), new Date(start - 6 * 86_400_000), new Date(settled), count, userId[admin], new Date(start - 7 * 86_400_000), new Date(settled), count * 3, SERVED[category] ?? 'residents']);
    for (const u of chosen) {
      const uid = userId[u]!;
      const checkin = start - r.int(0, 20) * 60_000;
      const leaveEarly = r.chance(0.1) ? r.int(10, Math.max(10, lengthMin - 10)) : 0;
      const checkout = end - leaveEarly * 60_000 + r.int(0, 10) * 60_000;
      const servedFrom = Math.max(checkin, start);
      const servedTo = Math.min(checkout, end);
      const minutes = Math.max(0, Math.floor((servedTo - servedFrom) / 60_000));
      const credited = minutes >= SERVED_AT_LEAST ? minutes : 0;
      const points = credited ? pointsFor(roundMinutes(credited, 'up_half_hour'), 10) : 0;
      const noLocation = r.chance(0.03);
      await W.signups.row([uuidv7(), CITY, id, uid, 'confirmed', new Date(start - r.int(1, 6) * 86_400_000)]);
      await W.attendance.row([newIdAt(checkin), CITY, id, uid, new Date(checkin), new Date(checkout), noLocation ? null : com.lat, noLocation ? null : com.lng, noLocation ? null : r.int(0, 300), noLocation ? null : com.lat, noLocation ? null : com.lng, noLocation ? null : r.int(0, 300), noLocation ? ['no_location'] : [], new Date(checkin)]);
      const at = new Date(tick(settled));
      const recordId = newIdAt(at);
      await W.records.row([recordId, CITY, uid, org.id, id, 'activity', 'confirmed', title, chinaDay(start), `${com.name}党群服务中心`, `${title}：${SERVICE_CATEGORY_LABELS[category].zh}`, org.name, adminName, com.code, new Date(servedFrom), new Date(Math.max(servedTo, servedFrom)), minutes, credited, points, userId[admin], at]);
      const key = `service-record:${recordId}`;
      await W.credits.row([uuidv7(), CITY, uid, com.code, chinaDay(start), minutes, credited, credited, 0, points, 'service_record', recordId, key, sha256(key), at]);
      if (points > 0) {
        acct.points[u] ??= uuidv7();
        pointsBal[u] = pointsBal[u]! + points;
        pointsIn[u] = pointsIn[u]! + points;
        issuedPoints += points;
        await writeTransfer(baseTransfer({ ledger: 'points', debitAccountId: acct.issuancePoints, creditAccountId: acct.points[u]!, amount: points, code: 'earned', status: 'posted', actorId: userId[admin]!, objectType: 'service_record', objectId: recordId, memo: `服务 ${credited} 分钟`, idempotencyKey: `${key}:points`, createdAt: at, debitBalanceAfter: -issuedPoints, creditBalanceAfter: pointsBal[u]! }));
      }
      if (credited > 0) {
        acct.time[u] ??= uuidv7();
        timeBal[u] = timeBal[u]! + credited;
        issuedTime += credited;
        await writeTransfer(baseTransfer({ ledger: 'time', debitAccountId: acct.issuanceTime, creditAccountId: acct.time[u]!, amount: credited, code: 'earned', status: 'posted', actorId: userId[admin]!, objectType: 'service_record', objectId: recordId, memo: `服务 ${credited} 分钟`, idempotencyKey: `${key}:time`, createdAt: new Date(tick(at.getTime())), debitBalanceAfter: -issuedTime, creditBalanceAfter: timeBal[u]! }));
      }
      recordsWritten++;
    }
    if (a % 200 === 0) progress('activities and records', recordsWritten, size.records);
  }
  await redeemUntil(Number.MAX_SAFE_INTEGER);
  progress('activities and records', recordsWritten, size.records);
  // the goods, with the stock their movements add up to
  for (const p of products) await W.movements.row([uuidv7(), CITY, p.id, stations[p.station]!.id, 'initial', 100_000, 100_000, null, null, new Date(FROM)]);
  for (const w of Object.values(W)) await w.close();
  for (const c of clients) await c.end();
  await main.query('alter table ledger_transfers enable trigger ledger_transfers_written');
  await copyAll(
    main,
    'market_products',
    ['id', 'city_code', 'station_id', 'region_code', 'name', 'points_price', 'stock', 'created_at', 'updated_at'],
    products.map((p) => {
      const st = stations[p.station]!;
      return [p.id, CITY, st.id, stationRows[p.station]![4] as string, p.name, p.price, p.stock, new Date(FROM), now];
    }),
  );

  // accounts with the balances their transfers add up to, and the chain heads
  const accountRows: CopyValue[][] = [
    [acct.issuancePoints, CITY, 'points', 'system', null, CITY_REGION, 'issuance', -issuedPoints, 0, 0, issuedPoints, 0, 1, new Date(FROM)],
    [acct.issuanceTime, CITY, 'time', 'system', null, CITY_REGION, 'issuance', -issuedTime, 0, 0, issuedTime, 0, 1, new Date(FROM)],
    [acct.supermarket, CITY, 'points', 'system', null, CITY_REGION, 'supermarket', supermarketIn, 0, 0, 0, supermarketIn, 0, new Date(FROM)],
  ];
  for (let i = 0; i < N; i++) {
    if (acct.points[i]) accountRows.push([acct.points[i], CITY, 'points', 'person', userId[i], null, null, pointsBal[i], 0, 0, pointsOut[i], pointsIn[i], 0, new Date(FROM)]);
    if (acct.time[i]) accountRows.push([acct.time[i], CITY, 'time', 'person', userId[i], null, null, timeBal[i], 0, 0, 0, timeBal[i], 0, new Date(FROM)]);
  }
  await copyAll(main, 'ledger_accounts', ['id', 'city_code', 'ledger', 'kind', 'owner_user_id', 'region_code', 'purpose', 'balance', 'pending_debits', 'pending_credits', 'debits_posted', 'credits_posted', 'flags', 'created_at'], accountRows);
  for (const [ledger, c] of Object.entries(chain)) {
    await main.query('insert into ledger_chain_heads (city_code, ledger, seq, hash, updated_at) values ($1, $2, $3, $4, $5) on conflict (city_code, ledger) do update set seq = excluded.seq, hash = excluded.hash', [CITY, ledger, c.seq, c.hash, now]);
  }
  progress('analyze', 0, 1);
  await main.query('analyze');
  progress('analyze', 1, 1);
  const counts: Record<string, number> = {};
  for (const tbl of ['users', 'organizations', 'stations', 'activities', 'signups', 'attendance', 'service_records', 'ledger_transfers', 'ledger_chain_links', 'market_redemptions']) {
    counts[tbl] = await n(`select count(*) as n from ${tbl}`);
  }
  await main.end();
  const busiest = Array.from(propensity.keys()).sort((x, y) => propensity[y]! - propensity[x]!).slice(0, 50).map((i) => userId[i]!);
  return {
    scale: opts.scale,
    seconds: (Date.now() - started) / 1000,
    counts: { ...counts, redemptionsMade: redeemed },
    actors: { cityAdmin: userId[cityAdmin]!, districtAdmins, orgAdmins: orgs.slice(0, 20).map((o) => userId[o.admin]!), busiestVolunteers: busiest, stationAdmins: stations.slice(0, 10).map((s) => userId[s.admin]!) },
  };
}

function sha256(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}

/** Activity sizes: log-normal around the mean (a few reach 2,000), summing exactly to `total`. */
function activitySizes(r: Random, count: number, total: number): Int32Array {
  const mean = total / count;
  const sigma = 1.0;
  const mu = Math.log(mean) - (sigma * sigma) / 2;
  const raw = new Float64Array(count);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    raw[i] = Math.min(2000, Math.max(3, Math.exp(mu + sigma * r.normal())));
    sum += raw[i]!;
  }
  const out = new Int32Array(count);
  let acc = 0;
  for (let i = 0; i < count; i++) {
    out[i] = Math.max(3, Math.min(2000, Math.round((raw[i]! * total) / sum)));
    acc += out[i]!;
  }
  let diff = total - acc;
  while (diff !== 0) {
    const i = Math.floor(r.next() * count);
    if (diff > 0 && out[i]! < 2000) {
      out[i]!++;
      diff--;
    } else if (diff < 0 && out[i]! > 3) {
      out[i]!--;
      diff++;
    }
  }
  return out;
}

async function copyAll(client: pg.Client, table: string, columns: string[], rows: CopyValue[][]): Promise<void> {
  const w = new CopyWriter(client, table, columns);
  await w.open();
  for (const row of rows) await w.row(row);
  await w.close();
}

/** Where the summary of the last seed is kept, for `npm run bench` to act as the seeded people. */
export function writeSummary(file: string, s: SeedSummary): void {
  fs.writeFileSync(file, JSON.stringify(s, null, 2));
}
