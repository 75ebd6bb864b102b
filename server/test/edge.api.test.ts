import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { CSRF_COOKIE } from '@shared/constants';
import { buildTestApp, type TestApp, type TestClient } from './build-test-app';
import { makeOrg, makeStation, makeUser, type MadeUser } from './factories';
import { transfer } from '../src/modules/ledger/index';
import { marketStorage } from '../src/modules/market/market.service';

/**
 * The edge (issue 10, point 16): bodies are refused before they are read when the caller may not
 * send them, and cut off at their limit (413); pictures lose their EXIF; a refused export is a
 * 403 before any byte; security headers on every answer; pickup codes reach no log.
 */
let t: TestApp;
const logLines: string[] = [];
let regionAdmin: MadeUser;
let stationId: string;
let stationStaff: MadeUser;
let cAdmin: TestClient;
let cStaff: TestClient;
let volunteer: MadeUser;
let cVolunteer: TestClient;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ID_RE = '00000000-0000-7000-8000-000000000000';

beforeAll(async () => {
  t = await buildTestApp({ logger: { level: 'info', stream: { write: (line: string) => void logLines.push(line) } } });
  regionAdmin = await makeUser(t, { regionCode: '140502', grants: [{ role: 'region_admin', regionCode: '140502' }] });
  stationId = (await makeStation(t, regionAdmin, { name: '凤台社区志愿服务站' })).id;
  stationStaff = await makeUser(t, { name: '赵站长', grants: [{ role: 'station_admin', stationId }] });
  volunteer = await makeUser(t);
  cAdmin = await t.client().login(regionAdmin.phone);
  cStaff = await t.client().login(stationStaff.phone);
  cVolunteer = await t.client().login(volunteer.phone);
});
afterAll(async () => t.close());

async function rows(q: ReturnType<typeof sql>) {
  const r = await t.app.ctx.db.execute(q);
  return (r as unknown as { rows: Array<Record<string, any>> }).rows;
}

/** A body of 8 MB (more than a picture may be) sent in chunks without a length, counting what the server pulls from it. */
function endless() {
  let pulled = 0;
  const stream = new Readable({
    read() {
      if (pulled >= 8 * 1024 * 1024) {
        this.push(null);
        return;
      }
      pulled += 64 * 1024;
      this.push(Buffer.alloc(64 * 1024, 7));
    },
  });
  return { stream, pulled: () => pulled };
}

/** A raw request as the client would send it (session cookie and CSRF header), with any payload. */
async function raw(c: TestClient | null, method: 'POST' | 'PUT', url: string, payload: Buffer | Readable, headers: Record<string, string>) {
  const h: Record<string, string> = { ...headers };
  if (c) {
    h.cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    h['x-csrf-token'] = c.cookies.get(CSRF_COOKIE)!;
  }
  const r = await t.app.inject({ method, url, headers: h, payload });
  const body = (r.headers['content-type'] ?? '').toString().includes('json') ? r.json() : r.body;
  return { status: r.statusCode, body, headers: r.headers };
}

/** A JPEG carrying EXIF with a GPS position (a resident's home), as a phone camera writes it. */
async function jpegWithGps(): Promise<Buffer> {
  const img = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#3a7ae8' } })
    .withExif({ IFD0: { Make: 'PhoneCam', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 29/1 54/1', GPSLongitudeRef: 'E', GPSLongitude: '112/1 51/1 36/1' } })
    .jpeg()
    .toBuffer();
  const meta = await sharp(img).metadata();
  expect(meta.exif, 'the test picture carries EXIF').toBeDefined();
  expect(img.includes(Buffer.from('GPS')) || img.includes(Buffer.from('PhoneCam'))).toBe(true);
  return img;
}

async function expectNoMetadata(bytes: Buffer) {
  const meta = await sharp(bytes).metadata();
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(bytes.includes(Buffer.from('PhoneCam'))).toBe(false);
  expect(bytes.includes(Buffer.from('Exif\0'))).toBe(false);
}

async function product(name: string) {
  const r = await cStaff.post(`/api/v1/stations/${stationId}/products`, { name, pointsPrice: 50, stock: 5 });
  expect(r.status).toBe(201);
  return r.body.product.id as string;
}

async function claimedWish(claimant: TestClient) {
  const w = await cAdmin.post('/api/v1/wishes', { title: '一个书包', story: '孩子上学需要新书包', valueYuan: 120, regionCode: '140502001001', beneficiaryName: '李小明', beneficiaryPhone: '13912345678', claimDays: 7 });
  expect(w.status).toBe(201);
  const c = await claimant.post(`/api/v1/wishes/${w.body.id}/claim`, { claimantType: 'volunteer' });
  expect(c.status).toBe(201);
  return w.body.id as string;
}

describe('bodies are checked before they are read', () => {
  it('an import from someone who may not import into that region is refused (401/403) before a byte of the file is read; no job', async () => {
    const jobsBefore = (await rows(sql`select count(*)::int as n from import_jobs`))[0]!.n;
    const cases: Array<[TestClient | null, string, number, string]> = [
      [null, '140502', 401, 'UNAUTHENTICATED'],
      [cVolunteer, '140502', 403, 'FORBIDDEN'],
      [cStaff, '140502001001', 403, 'FORBIDDEN'],
      [cAdmin, '140522', 403, 'FORBIDDEN'],
    ];
    for (const [client, region, status, code] of cases) {
      const body = endless();
      const r = await raw(client, 'POST', `/api/v1/imports/volunteers?regionCode=${region}`, body.stream, { 'content-type': XLSX });
      expect(r.status, region).toBe(status);
      expect(r.body.error.code).toBe(code);
      expect(body.pulled(), 'the file was read before the refusal').toBe(0);
      body.stream.destroy();
    }
    expect((await rows(sql`select count(*)::int as n from import_jobs`))[0]!.n).toBe(jobsBefore);
  });

  it('a picture for a product of another station, or a wish photo from someone who is not the claimant, is refused unread; nothing stored', async () => {
    const p = await product('保温杯');
    const otherStation = (await makeStation(t, regionAdmin, { name: '别的服务站' })).id;
    const otherStaff = await t.client().login((await makeUser(t, { grants: [{ role: 'station_admin', stationId: otherStation }] })).phone);
    const body = endless();
    const r = await raw(otherStaff, 'POST', `/api/v1/products/${p}/picture`, body.stream, { 'content-type': 'image/jpeg' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect(body.pulled()).toBe(0);
    body.stream.destroy();
    expect((await rows(sql`select picture_key from market_products where id = ${p}`))[0]!.picture_key).toBeNull();

    const claimant = await t.client().login((await makeUser(t)).phone);
    const wish = await claimedWish(claimant);
    for (const [c, status, code] of [[cVolunteer, 403, 'FORBIDDEN'], [null, 401, 'UNAUTHENTICATED']] as const) {
      const b = endless();
      const w = await raw(c, 'PUT', `/api/v1/wishes/${wish}/photo`, b.stream, { 'content-type': 'image/jpeg' });
      expect(w.status).toBe(status);
      expect(w.body.error.code).toBe(code);
      expect(b.pulled()).toBe(0);
      b.stream.destroy();
    }
    const b = endless();
    const missing = await raw(claimant, 'PUT', `/api/v1/wishes/${ID_RE}/photo`, b.stream, { 'content-type': 'image/jpeg' });
    expect(missing.status).toBe(404);
    expect(b.pulled()).toBe(0);
    b.stream.destroy();
    // the delivery (JSON with a base64 photo) is checked before it is read too
    const d = endless();
    const deliver = await raw(cVolunteer, 'POST', `/api/v1/wishes/${wish}/deliver`, d.stream, { 'content-type': 'application/json' });
    expect(deliver.status).toBe(403);
    expect(d.pulled()).toBe(0);
    d.stream.destroy();
    expect((await rows(sql`select photo_key, status from wish_claims where wish_id = ${wish}`))[0]).toEqual({ photo_key: null, status: 'active' });
  });

  it('a body over its limit is 413 PAYLOAD_TOO_LARGE: a declared size is refused unread, a chunked one cut off at the limit', async () => {
    // an import declaring 60 MB (the limit is 50 MB)
    const declared = endless();
    const big = await raw(cAdmin, 'POST', '/api/v1/imports/volunteers?regionCode=140502', declared.stream, { 'content-type': XLSX, 'content-length': String(60 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(big.body.error.message).toMatch(/ \/ /);
    expect(declared.pulled()).toBe(0);
    declared.stream.destroy();

    // a picture sent without a length, never ending: read up to its 2 MB limit, no further
    const p = await product('电热水壶');
    const chunked = endless();
    const pic = await raw(cStaff, 'POST', `/api/v1/products/${p}/picture`, chunked.stream, { 'content-type': 'image/png' });
    expect(pic.status).toBe(413);
    expect(pic.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(pic.body.error.details.limitBytes).toBe(2 * 1024 * 1024);
    expect(chunked.pulled()).toBeLessThan(3 * 1024 * 1024);
    chunked.stream.destroy();
    expect((await rows(sql`select picture_key from market_products where id = ${p}`))[0]!.picture_key).toBeNull();

    // JSON bodies: 1 MB
    const huge = await cVolunteer.post('/api/v1/orgs', { name: '超大描述服务队', type: 'community_team', regionCode: '140502001001', description: 'x'.repeat(1024 * 1024 + 10) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await rows(sql`select count(*)::int as n from organizations where name = '超大描述服务队'`))[0]!.n).toBe(0);
  });
});

describe('pictures are re-encoded without EXIF', () => {
  it('a product picture with a GPS position is stored and served without any EXIF', async () => {
    const p = await product('老花镜');
    const jpeg = await jpegWithGps();
    const up = await raw(cStaff, 'POST', `/api/v1/products/${p}/picture`, jpeg, { 'content-type': 'image/jpeg' });
    expect(up.status).toBe(200);
    const [row] = await rows(sql`select picture_key from market_products where id = ${p}`);
    expect(row!.picture_key).toMatch(/\.jpg$/);
    await expectNoMetadata((await marketStorage(t.app.ctx).get(row!.picture_key))!);
    const served = await t.app.inject({ method: 'GET', url: `/api/v1/products/${p}/picture` });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    await expectNoMetadata(served.rawPayload);
    expect((await sharp(served.rawPayload).metadata()).width).toBe(16);
  });

  it('the claimant sends the wish photo as a raw body (PUT /wishes/:id/photo) or in the delivery; both lose their EXIF', async () => {
    const claimant = await t.client().login((await makeUser(t)).phone);
    const wish = await claimedWish(claimant);
    const put = await raw(claimant, 'PUT', `/api/v1/wishes/${wish}/photo`, await jpegWithGps(), { 'content-type': 'image/jpeg' });
    expect(put.status).toBe(200);
    expect(put.body.id).toBe(wish);
    const [claim] = await rows(sql`select photo_key, status from wish_claims where wish_id = ${wish}`);
    expect(claim!.photo_key).toMatch(/^wishes\//);
    expect(claim!.status).toBe('active');
    const served = await claimant.get(`/api/v1/wishes/${wish}/photo`);
    expect(served.status).toBe(200);
    await expectNoMetadata(served.raw.rawPayload);
    // not a picture: 400 naming the file; the stored photo stays
    const junk = await raw(claimant, 'PUT', `/api/v1/wishes/${wish}/photo`, Buffer.from('<script>alert(1)</script>'), { 'content-type': 'image/png' });
    expect(junk.status).toBe(400);
    expect(junk.body.error.details.fields.file).toBeDefined();
    expect((await rows(sql`select photo_key from wish_claims where wish_id = ${wish}`))[0]!.photo_key).toBe(claim!.photo_key);

    const wish2 = await claimedWish(claimant);
    const delivered = await claimant.post(`/api/v1/wishes/${wish2}/deliver`, { note: '已送到孩子手里', photoBase64: (await jpegWithGps()).toString('base64') });
    expect(delivered.status).toBe(200);
    const photo = await claimant.get(`/api/v1/wishes/${wish2}/photo`);
    expect(photo.status).toBe(200);
    await expectNoMetadata(photo.raw.rawPayload);
  });
});

describe('exports, headers, logs', () => {
  it('a refused export answers 403 with the error body, before any byte of a file', async () => {
    for (const url of ['/api/v1/volunteers.xlsx', `/api/v1/orgs/${(await makeOrg(t, regionAdmin, { regionCode: '140502' })).id}/members.xlsx`]) {
      const r = await cVolunteer.get(url);
      expect(r.status, url).toBe(403);
      expect(String(r.headers['content-type'])).toContain('application/json');
      expect(r.headers['content-disposition']).toBeUndefined();
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    const ok = await cAdmin.get('/api/v1/volunteers.xlsx');
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe(XLSX);
  });

  it('every answer carries the security headers: a CSP without inline scripts, no framing, nosniff', async () => {
    const answers = [
      await t.app.inject({ method: 'GET', url: '/' , headers: { accept: 'text/html' } }),
      await t.app.inject({ method: 'GET', url: '/healthz' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/wishes' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' }),
      await t.app.inject({ method: 'POST', url: '/api/v1/orgs', payload: {} }),
    ];
    for (const a of answers) {
      const csp = String(a.headers['content-security-policy'] ?? '');
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
      expect(directives.get('default-src'), a.raw.req.url).toEqual(["'self'"]);
      // WebAssembly (the QR reader) may compile; JavaScript eval and inline scripts may not
      expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(directives.get('script-src-attr')).toEqual(["'none'"]);
      expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(csp).not.toMatch(/(^|[^-])'unsafe-eval'/); // 'wasm-unsafe-eval' above is not JavaScript's eval
      expect(a.headers['x-frame-options']).toBe('DENY');
      expect(a.headers['x-content-type-options']).toBe('nosniff');
      expect(a.headers['referrer-policy']).toBe('same-origin');
    }
  });

  it('a pickup code never reaches the audit log or the request log', async () => {
    const p = await product('电饭煲');
    const elder = await makeUser(t, { name: '王阿姨', birthDate: '1948-03-02' });
    await transfer(t.app.ctx, null, { ledger: 'points', from: { system: 'issuance', regionCode: '140500' }, to: { userId: elder.id }, amount: 100, code: 'adjustment', actorId: null, idempotencyKey: 'edge-fund-elder' });
    const r = await cStaff.post('/api/v1/redemptions', { productId: p, quantity: 1, onBehalfOf: elder.id });
    expect(r.status).toBe(201);
    const code = r.body.pickupCode as string;
    expect(code).toMatch(/^\d{6}$/);
    // the staff finds the order by the code the elder shows, then hands over the goods
    const found = await cStaff.get(`/api/v1/stations/${stationId}/redemptions?code=${code}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((x: { id: string }) => x.id)).toEqual([r.body.id]);
    const done = await cStaff.post(`/api/v1/redemptions/${r.body.id}/fulfil`, { pickupCode: code });
    expect(done.status).toBe(200);

    const audit = await rows(sql`select action, before::text as b, after::text as a from audit_log where object_id = ${r.body.id} order by at`);
    expect(audit.map((x) => x.action)).toEqual(['market.redeem_on_behalf', 'market.fulfil']);
    for (const x of audit) {
      for (const text of [x.b ?? '', x.a ?? '']) {
        expect(text).not.toContain('pickupCode');
        expect(text).not.toContain(`"${code}"`);
        expect(text).not.toContain(`AIXIN-PICKUP`);
      }
    }
    const log = logLines.join('');
    expect(log).toContain(`/api/v1/stations/${stationId}/redemptions?code=[redacted]`);
    expect(log).not.toContain(`code=${code}`);
    expect(log).not.toContain(`"pickupCode":"${code}"`);
  });
});
