import type { Who, World } from './world';
import { cardCode } from '../../src/modules/partners/index';
import { makeRotatingToken } from '../../src/lib/rotating-token';

/**
 * The authorisation matrix: every route of the OpenAPI document × every kind of person, inside
 * and outside the scope of the world's objects. A route missing here fails the suite, so a new
 * route cannot land without a stated policy.
 *
 * - `public`: anyone, signed in or not, is let in.
 * - `allow`: the people let in; everybody else is refused (401 for anon, otherwise 403 or 404).
 * - `list`: everyone signed in may ask (or `allow` only); those outside see none of `hides`.
 */
export interface Call {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  raw?: { payload: Buffer; contentType: string };
}

export interface Rule {
  public?: true;
  allow?: readonly Who[];
  /** For lists: who sees the inside objects; others get 200 without them, or 403. */
  sees?: readonly Who[];
  hides?: (w: World) => string[];
  call?: (w: World) => Call;
  /** An answer that refuses although it is not 403/404 (a batch with a refusal per item). */
  refusedIf?: (r: { status: number; body: any }) => boolean;
  /** Codes that refuse as well as 403 and 404 do (a domain refusal such as NOT_SIGNED_UP). */
  refusals?: readonly string[];
  /** The allowed calls are made from a new session of each person (the call ends sessions). */
  fresh?: true;
  /** The allowed call may find the object gone or changed by an earlier allowed call. */
  mayVanish?: true;
}

const RESIDENTS = ['vol', 'other', 'orgIn', 'stationIn'] as const satisfies readonly Who[];
const ME = ['vol', 'other', 'regionIn', 'regionOut', 'orgIn', 'orgOut', 'stationIn', 'stationOut'] as const satisfies readonly Who[];
const ALL_SIGNED_IN = ME;
const id = (k: string) => (w: World): Call => ({ params: { id: w.ids[k]! } });
const SITE = { lat: 35.4985, lng: 112.86 };

/** vol's benefit card code at the clock's now. */
/** The welfare post's kiosk token at the clock's now. */
const postToken = (w: World) => makeRotatingToken(w.t.app.ctx.keys.tokens, `welfare-post:${w.ids.welfarePost}`, w.t.app.ctx.clock.now()).token;
const PDF = { fileName: '文件.pdf', contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') };
/** The China day (and month) at the world's clock. */
const today = (w: World) => new Date(w.t.app.ctx.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const thisMonth = (w: World) => today(w).slice(0, 7);

const volCard = (w: World) => cardCode(w.t.app.ctx, { userId: w.ids.vol!, volunteerNo: w.ids.volNo! }, w.t.app.ctx.clock.now()).code;

export const MATRIX: Record<string, Rule> = {
  'GET /healthz': { public: true },
  'GET /readyz': { public: true },
  'GET /api/v1/setup/status': { public: true },
  'GET /api/v1/regions': { public: true },
  'GET /api/v1/regions/{code}': { public: true, call: () => ({ params: { code: '140502' } }) },

  // accounts
  'POST /api/v1/auth/register': { public: true, call: () => ({ body: { phone: '13000000001', password: 'Passw0rd!x', name: '新人', idNumber: '11010519491231002X', regionCode: '140502001001' } }) },
  'POST /api/v1/auth/login': { public: true, call: () => ({ body: { phone: '13000000002', password: 'wrong-password' } }) },
  'POST /api/v1/auth/claim': { public: true, call: () => ({ body: { phone: '13000000003', idNumber: '11010519491231002X', name: '无人', password: 'Passw0rd!x', claimCode: 'ABCD-EFGH' } }) },
  'POST /api/v1/auth/password-reset': { public: true, call: () => ({ body: { phone: '13000000004', code: 'ABCD-EFGH', password: 'Passw0rd!x' } }) },
  'POST /api/v1/auth/logout': { allow: ME, fresh: true },
  'POST /api/v1/auth/password': { allow: ME, fresh: true, call: () => ({ body: { oldPassword: 'not-my-password', newPassword: 'NewPassw0rd!' } }) },
  'GET /api/v1/me': { allow: ME },
  'GET /api/v1/me/sessions': { allow: ME },
  'DELETE /api/v1/me/sessions/{id}': { allow: ['vol'], call: id('volSession2'), mayVanish: true },
  'POST /api/v1/users/{id}/claim-code': { allow: ['regionIn', 'stationIn'], call: id('elder') },
  // a reset code at the counter: the region's staff and the keeper of a station serving the person (not stationOut)
  'POST /api/v1/users/{id}/reset-code': { allow: ['regionIn', 'stationIn'], call: id('other') },
  'GET /api/v1/me/recoveries': { allow: ME },
  'GET /api/v1/users/{id}/recoveries': { allow: ['regionIn', 'stationIn'], call: id('other') },
  // nothing to confirm for `other` (409 INVALID_STATE) once the people let in are past the scope check
  'POST /api/v1/users/{id}/recoveries/confirm': { allow: ['regionIn', 'stationIn'], call: id('other') },
  // region admins search their own subtree; organisation and station staff find anyone by the exact phone
  // (to add a member or grant a role), masked
  'GET /api/v1/users': { allow: ['regionIn', 'regionOut', 'orgIn', 'orgOut', 'stationIn', 'stationOut'], sees: ['regionIn', 'orgIn', 'orgOut', 'stationIn', 'stationOut'], hides: (w) => [w.ids.vol!], call: (w) => ({ query: `q=${w.users.vol.phone}` }) },

  // access
  'POST /api/v1/grants': { allow: ['regionIn'], call: (w) => ({ body: { userId: w.ids.stranger, role: 'partner', regionCode: '140502001' } }) },
  'GET /api/v1/grants': { allow: ['regionIn', 'regionOut', 'orgIn', 'orgOut', 'stationIn', 'stationOut'], sees: ['regionIn', 'stationIn'], hides: (w) => [w.ids.grant!], call: (w) => ({ query: `userId=${w.ids.stationHelper}` }) },
  'DELETE /api/v1/grants/{id}': { allow: ['regionIn', 'stationIn'], call: id('grant'), mayVanish: true },
  'GET /api/v1/audit': { allow: ['regionIn'], call: () => ({ query: 'regionCode=140502' }) },

  // organisations and stations
  'POST /api/v1/orgs': { allow: ME, call: () => ({ body: { name: '新的服务队', type: 'community_team', regionCode: '140502001001' } }) },
  'GET /api/v1/orgs': { public: true },
  'GET /api/v1/orgs.xlsx': { public: true },
  'GET /api/v1/orgs/{id}': { public: true, call: id('orgA') },
  'PATCH /api/v1/orgs/{id}': { allow: ['orgIn', 'regionIn'], call: (w) => ({ params: { id: w.ids.orgA! }, body: { description: '已补充证明材料' } }) },
  'POST /api/v1/orgs/{id}/review': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.orgPending! }, body: { decision: 'request_changes', reason: '请补充材料' } }) },
  'POST /api/v1/orgs/{id}/state': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.orgA! }, body: { action: 'reinstate', reason: '核实' } }) },
  'GET /api/v1/orgs/{id}/members': { allow: ['orgIn', 'regionIn'], call: id('orgA') },
  'POST /api/v1/orgs/{id}/members': { allow: ['orgIn'], call: (w) => ({ params: { id: w.ids.orgA! }, body: { userId: w.ids.stranger } }), mayVanish: true },
  'GET /api/v1/orgs/{id}/members.xlsx': { allow: ['orgIn', 'regionIn'], call: id('orgA') },
  'POST /api/v1/orgs/{id}/invitations': { allow: ['orgIn'], call: (w) => ({ params: { id: w.ids.orgA! }, body: { userId: w.ids.stranger } }), mayVanish: true },
  'POST /api/v1/orgs/{id}/join': { allow: ME, call: (w) => ({ params: { id: w.ids.orgA! }, body: { message: '加入' } }), mayVanish: true },
  'POST /api/v1/memberships/{id}/decide': { allow: ['orgIn'], call: (w) => ({ params: { id: w.ids.membershipPending! }, body: { decision: 'approve' } }), mayVanish: true },
  'POST /api/v1/memberships/{id}/respond': { allow: ['other'], call: (w) => ({ params: { id: w.ids.invitation! }, body: { accept: false } }), mayVanish: true },
  'PATCH /api/v1/memberships/{id}': { allow: ['orgIn'], call: (w) => ({ params: { id: w.ids.membershipVol! }, body: { role: 'member' } }), mayVanish: true },
  'GET /api/v1/me/memberships': { allow: ME },
  'POST /api/v1/stations': { allow: ['regionIn'], call: () => ({ body: { name: '新站点', regionCode: '140502001001', address: '凤台社区', ...SITE } }) },
  'GET /api/v1/stations': { public: true },
  'GET /api/v1/stations.xlsx': { public: true },
  'GET /api/v1/stations/{id}': { public: true, call: id('stationS') },
  'PATCH /api/v1/stations/{id}': { allow: ['stationIn', 'regionIn'], call: (w) => ({ params: { id: w.ids.stationS! }, body: { openingHours: '9:00-17:00' } }) },

  // volunteers
  'GET /api/v1/me/profile': { allow: ME },
  'PUT /api/v1/me/profile': { allow: ME, call: () => ({ body: { availability: '周六上午' } }) },
  'GET /api/v1/me/consents': { allow: ME },
  'POST /api/v1/me/consents/public-display': { allow: ME },
  'DELETE /api/v1/me/consents/public-display': { allow: ME },
  'GET /api/v1/people/lookup': { allow: ME, call: (w) => ({ query: `phone=${w.users.vol.phone}&volunteerNo=${w.ids.volNo}` }) },
  'GET /api/v1/volunteers': { allow: ['regionIn'], call: () => ({ query: 'regionCode=140502' }) },
  'POST /api/v1/volunteers': { allow: ['regionIn', 'stationIn'], call: (w) => ({ body: { name: '代登记', idNumber: '110105194912310046', phone: '13000000009', regionCode: '140502001001', consentMethod: 'paper', stationId: w.ids.stationS } }), mayVanish: true },
  'GET /api/v1/volunteers.xlsx': { allow: ['regionIn'], call: () => ({ query: 'regionCode=140502' }) },
  'GET /api/v1/volunteers/{id}': { allow: ['regionIn'], call: id('vol') },
  'PATCH /api/v1/volunteers/{id}': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.vol! }, body: { availability: '周日', reason: '电话更正' } }) },
  'POST /api/v1/imports/volunteers': { allow: ['regionIn'], call: () => ({ query: 'regionCode=140502&fileName=x.xlsx', raw: { payload: Buffer.from('not a spreadsheet'), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } }) },
  'GET /api/v1/imports/{id}': { allow: ['regionIn'], call: () => ({ params: { id: '00000000-0000-7000-8000-000000000000' } }), mayVanish: true },

  // activities
  'POST /api/v1/activities': { allow: ['orgIn'], call: (w) => ({ body: { orgId: w.ids.orgA, title: '新活动', category: 'elderly', description: '描述', regionCode: '140502001001', address: '凤台社区', ...SITE, startsAt: '2026-11-28T09:00:00+08:00', endsAt: '2026-11-28T11:00:00+08:00', capacity: 3 } }) },
  'GET /api/v1/activities': { public: true },
  'GET /api/v1/activities/settlements-due': { allow: ['regionIn', 'regionOut', 'orgIn', 'orgOut'] },
  'POST /api/v1/activities/review-batch': {
    allow: ['regionIn'],
    // a reviewer elsewhere gets one refusal per activity
    refusedIf: (r) => r.status === 200 && r.body.approved === 0 && r.body.results.every((x: { code?: string }) => x.code === 'FORBIDDEN'), call: (w) => ({ body: { ids: [w.ids.activityPending], decision: 'approve' } }), mayVanish: true },
  'GET /api/v1/activities/{id}': { public: true, call: id('activity') },
  'PATCH /api/v1/activities/{id}': { allow: ['orgIn'], call: (w) => ({ params: { id: w.ids.activityDraft! }, body: { address: '凤台社区党群服务中心二楼' } }) },
  'POST /api/v1/activities/{id}/submit': { allow: ['orgIn'], call: id('activityDraft'), mayVanish: true },
  'POST /api/v1/activities/{id}/review': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.activityPending! }, body: { decision: 'approve' } }), mayVanish: true },
  'POST /api/v1/activities/{id}/cancel': { allow: ['orgIn', 'regionIn'], call: (w) => ({ params: { id: w.ids.activityDraft! }, body: { reason: '天气原因' } }), mayVanish: true },
  'POST /api/v1/activities/{id}/signups': { allow: ME, call: (w) => ({ params: { id: w.ids.activity! }, body: {} }), mayVanish: true },
  'GET /api/v1/activities/{id}/signups': { allow: ['orgIn'], call: id('activity') },
  'DELETE /api/v1/activities/{id}/signups/me': { allow: ME, call: id('activity'), mayVanish: true },
  'DELETE /api/v1/activities/{id}/signups/{userId}': { allow: ['orgIn', 'vol'], call: (w) => ({ params: { id: w.ids.activity!, userId: w.ids.vol! } }), mayVanish: true },
  'GET /api/v1/activities/{id}/checkin-code': { allow: ['orgIn'], call: id('activity') },
  'POST /api/v1/activities/{id}/checkin': { allow: ME, call: (w) => ({ params: { id: w.ids.activity! }, body: { token: 'not-a-token', ...SITE } }), mayVanish: true },
  'POST /api/v1/activities/{id}/checkout': { allow: ME, call: (w) => ({ params: { id: w.ids.activity! }, body: { token: 'not-a-token', ...SITE } }), mayVanish: true },
  'POST /api/v1/activities/{id}/attendance/manual': { allow: ['orgIn'], call: (w) => ({ params: { id: w.ids.activity! }, body: { userId: w.ids.vol, checkinAt: '2026-11-25T09:00:00+08:00', checkoutAt: '2026-11-25T10:00:00+08:00', note: '现场登记' } }), mayVanish: true },
  'GET /api/v1/activities/{id}/attendance': { allow: ['orgIn', 'regionIn'], call: id('activity') },
  // the region's admins settle too: the second staff member for an organiser's own hours (four eyes)
  'POST /api/v1/activities/{id}/settle': { allow: ['orgIn', 'regionIn'], call: (w) => ({ params: { id: w.ids.activity! }, body: { entries: [{ userId: w.ids.vol }] } }), mayVanish: true },
  'POST /api/v1/service-records': { allow: ['orgIn'], call: (w) => ({ body: { volunteerId: w.ids.vol, orgId: w.ids.orgA, startedAt: '2026-11-21T09:00:00+08:00', endedAt: '2026-11-21T10:00:00+08:00', content: '值班', evidenceNote: '社区值班签到表与照片' } }) },
  'GET /api/v1/me/service-records': { allow: ME },
  'GET /api/v1/service-records/pending-approval': { allow: ['orgIn', 'regionIn'], call: (w) => ({ query: `orgId=${w.ids.orgA}` }) },
  // the world's record was recorded by orgIn: its recorder never approves it (SELF_BENEFIT); the region's admin may (409: it is not pending)
  'POST /api/v1/service-records/{id}/approve': { allow: ['regionIn'], call: id('record') },
  'POST /api/v1/service-records/{id}/reject': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.record! }, body: { reason: '证据不足' } }) },
  'GET /api/v1/orgs/{id}/service-records': { allow: ['orgIn', 'regionIn'], call: id('orgA') },
  'GET /api/v1/service-records/{id}': { allow: ['vol', 'orgIn', 'regionIn'], call: id('record') },
  'POST /api/v1/service-records/{id}/disputes': { allow: ['vol'], call: (w) => ({ params: { id: w.ids.record! }, body: { reason: '时长不对' } }), mayVanish: true },
  'GET /api/v1/disputes': { allow: ['orgIn', 'regionIn'], call: (w) => ({ query: `orgId=${w.ids.orgA}` }) },
  'GET /api/v1/disputes?mine': { allow: ME, sees: ['vol'], hides: (w) => [w.ids.dispute!] },
  'POST /api/v1/disputes/{id}/answer': { allow: ['orgIn'], call: (w) => ({ params: { id: w.ids.dispute! }, body: { decision: 'reject', answer: '核实无误' } }), mayVanish: true },

  // notifications
  'GET /api/v1/me/notifications': { allow: ME },
  'POST /api/v1/me/notifications/{id}/read': { allow: ME, call: id('notification'), mayVanish: true },
  'POST /api/v1/me/notifications/read-all': { allow: ME },

  // service requests
  'POST /api/v1/service-requests': { allow: ME, call: () => ({ body: { category: 'elderly', description: '帮忙买菜', regionCode: '140502001001', address: '凤台社区1号楼', ...SITE } }) },
  'GET /api/v1/service-requests': { allow: ME, sees: ['other'], hides: (w) => [w.ids.request!] },
  'GET /api/v1/service-requests?queue': { allow: ['regionIn', 'regionOut'], sees: ['regionIn'], hides: (w) => [w.ids.request!], call: () => ({ query: 'scope=queue' }) },
  'GET /api/v1/service-requests/{id}': { allow: ['other', 'regionIn'], call: id('request') },
  'GET /api/v1/service-requests/{id}/suggestions': { allow: ['regionIn'], call: id('request') },
  'POST /api/v1/service-requests/{id}/dispatch': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.request! }, body: { orgId: w.ids.orgA, dueAt: '2026-11-26T18:00:00+08:00' } }), mayVanish: true },
  'POST /api/v1/service-requests/{id}/accept': { allow: ['orgIn'], call: (w) => ({ params: { id: w.ids.requestDispatched! }, body: { helperIds: [w.ids.orgIn] } }), mayVanish: true },
  'POST /api/v1/service-requests/{id}/decline': { allow: ['orgIn'], call: (w) => ({ params: { id: w.ids.requestDispatched! }, body: { reason: '人手不足' } }), mayVanish: true },
  'POST /api/v1/service-requests/{id}/checkin': { allow: ['vol'], refusals: ['NOT_SIGNED_UP'], call: (w) => ({ params: { id: w.ids.requestDispatched! }, body: SITE }), mayVanish: true },
  'POST /api/v1/service-requests/{id}/checkout': { allow: ['vol'], refusals: ['NOT_SIGNED_UP'], call: (w) => ({ params: { id: w.ids.requestDispatched! }, body: SITE }), mayVanish: true },
  'POST /api/v1/service-requests/{id}/rate': { allow: ['other', 'regionIn'], call: (w) => ({ params: { id: w.ids.requestDispatched! }, body: { happened: true, stars: 5 } }), mayVanish: true },
  'POST /api/v1/service-requests/{id}/cancel': { allow: ['other', 'regionIn'], call: (w) => ({ params: { id: w.ids.request! }, body: { reason: '家属已帮忙' } }), mayVanish: true },

  // wishes
  'POST /api/v1/wishes': { allow: ['regionIn'], call: () => ({ body: { title: '新字典', story: '学习用', valueYuan: 50, regionCode: '140502001001', beneficiaryName: '王小', claimDays: 7 } }) },
  'GET /api/v1/wishes': { public: true },
  'GET /api/v1/wishes/stats': { public: true },
  'GET /api/v1/wishes/{id}': { public: true, call: id('wish') },
  'POST /api/v1/wishes/{id}/claim': { allow: ME, call: (w) => ({ params: { id: w.ids.wish! }, body: { claimantType: 'volunteer' } }), mayVanish: true },
  'POST /api/v1/wishes/{id}/deliver': { allow: ['vol'], call: (w) => ({ params: { id: w.ids.wish! }, body: { note: '已送达' } }), mayVanish: true },
  'PUT /api/v1/wishes/{id}/photo': { allow: ['vol'], call: (w) => ({ params: { id: w.ids.wish! }, raw: { payload: w.png, contentType: 'image/png' } }), mayVanish: true },
  'GET /api/v1/wishes/{id}/photo': { public: true, call: id('wish'), mayVanish: true },
  'POST /api/v1/wishes/{id}/confirm': { allow: ['regionIn'], call: id('wish'), mayVanish: true },

  // figures: published for everyone (work figures only for staff of the region); the office's files for its staff
  'GET /api/v1/stats/overview': { public: true, call: () => ({ query: 'regionCode=140502' }) },
  'GET /api/v1/stats/breakdown': { public: true, call: () => ({ query: 'regionCode=140502&by=region' }) },
  'GET /api/v1/stats/export.xlsx': { allow: ['regionIn'], call: () => ({ query: 'regionCode=140502' }) },
  'GET /api/v1/stats/report.pdf': { allow: ['regionIn'], call: () => ({ query: 'regionCode=140502&month=2026-11' }) },

  // ledger
  'GET /api/v1/me/passbook': { allow: ME },
  'GET /api/v1/volunteers/{id}/passbook': { allow: ['vol', 'regionIn'], call: id('vol') },
  'GET /api/v1/me/passbook.pdf': { allow: ME },
  'GET /api/v1/volunteers/{id}/passbook.pdf': { allow: ['vol', 'regionIn'], call: id('vol') },
  'GET /api/v1/me/passbook.xlsx': { allow: ME },
  'GET /api/v1/volunteers/{id}/passbook.xlsx': { allow: ['vol', 'regionIn'], call: id('vol') },
  'POST /api/v1/relatives': { allow: ME, call: (w) => ({ body: { relativeUserId: w.ids.stranger, relation: 'spouse' } }), mayVanish: true },
  'GET /api/v1/relatives': { allow: ['regionIn', 'regionOut'], sees: ['regionIn'], hides: (w) => [w.ids.relative!] },
  'POST /api/v1/relatives/{id}/verify': { allow: ['regionIn'], call: id('relative'), mayVanish: true },
  'POST /api/v1/relatives/{id}/reject': { allow: ['regionIn'], call: id('relative'), mayVanish: true },
  // after the verification above: vol is other's verified relative; everyone else is refused as not related
  'POST /api/v1/me/relatives/{id}/reset-code': { allow: ['vol'], call: id('other'), refusals: ['RELATION_NOT_VERIFIED', 'VALIDATION_FAILED'] },
  'GET /api/v1/me/relatives': { allow: ME },
  'POST /api/v1/transfers': { allow: ME, call: (w) => ({ body: { toUserId: w.ids.stranger, ledger: 'time', amount: 30, idempotencyKey: 'authz-transfer-1' } }), mayVanish: true },
  'POST /api/v1/donations': { allow: ME, call: () => ({ body: { ledger: 'points', amount: 1, idempotencyKey: 'authz-donation-1' } }) },
  'POST /api/v1/ledger/transfers/{id}/reverse': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.transfer || '00000000-0000-7000-8000-000000000000' }, body: { reason: '录入错误' } }), mayVanish: true },
  'GET /api/v1/regions/{code}/ledger-policy': { public: true, call: () => ({ params: { code: '140502' } }) },
  'PUT /api/v1/regions/{code}/ledger-policy': { allow: ['regionIn'], call: () => ({ params: { code: '140502' }, body: { minMinutes: 15 } }) },

  // honours: star levels and certificates
  'GET /api/v1/me/stars': { allow: ME },
  'GET /api/v1/regions/{code}/star-ladder': { public: true, call: () => ({ params: { code: '140502' } }) },
  'PUT /api/v1/regions/{code}/star-ladder': { allow: ['regionIn'], call: () => ({ params: { code: '140502' }, body: { thresholdsHours: [100, 300, 600, 1000, 1500], noticeWorkingDays: 5 } }) },
  'GET /api/v1/stars/announcements': { public: true, call: () => ({ query: 'regionCode=140502' }) },
  // anyone signed in asks for their own; without records in the period the answer is a refusal in words
  'POST /api/v1/me/certificates': { allow: ['vol'], refusals: ['VALIDATION_FAILED'], call: () => ({ body: { kind: 'period', from: '2026-11-20', to: '2026-11-20' } }) },
  'GET /api/v1/me/certificates': { allow: ME },
  'GET /api/v1/me/certificates/{id}.pdf': { allow: ['vol'], call: id('certificate') },
  'GET /api/v1/me/volunteer-card': { allow: ME },
  'GET /api/v1/certificates/verify/{number}': { public: true, call: (w) => ({ params: { number: w.ids.certificateNo! }, query: `code=${w.ids.certificateCode}` }) },
  'GET /api/v1/ledger/verify': { allow: ['regionIn'], call: () => ({ query: 'regionCode=140502' }) },

  // awards: campaigns, nominations, votes, the honour wall
  'POST /api/v1/award-campaigns': { allow: ['regionIn'], call: () => ({ body: { regionCode: '140502', title: '矩阵测试评选', periodFrom: '2026-01-01', periodTo: '2026-12-31', categories: [{ key: 'volunteer', kind: 'volunteer', name: '最美志愿者', quota: 1 }], nominationOpensAt: '2026-11-24T00:00:00+08:00', nominationClosesAt: '2026-11-27T00:00:00+08:00', votingOpensAt: '2026-11-28T00:00:00+08:00', votingClosesAt: '2026-12-01T00:00:00+08:00' } }) },
  'GET /api/v1/award-campaigns': { public: true, call: () => ({ query: 'regionCode=140502' }) },
  'GET /api/v1/award-campaigns/{id}': { public: true, call: id('campaign') },
  'PUT /api/v1/award-campaigns/{id}/schedule': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.campaign! }, body: { nominationOpensAt: '2026-11-24T00:00:00+08:00', nominationClosesAt: '2026-11-27T00:00:00+08:00', votingOpensAt: '2026-11-28T00:00:00+08:00', votingClosesAt: '2026-12-01T00:00:00+08:00' } }) },
  // organisation A nominates someone not (yet) its member: once let in, a refusal in words (NOT_ELIGIBLE)
  'POST /api/v1/award-campaigns/{id}/nominations': { allow: ['orgIn'], call: (w) => ({ params: { id: w.ids.campaign! }, body: { orgId: w.ids.orgA, categoryKey: 'volunteer', subjectId: w.ids.other, reasons: '长期坚持为社区老人服务，群众评价很高。' } }) },
  'GET /api/v1/award-campaigns/{id}/nominations': { allow: ['regionIn'], call: id('campaign') },
  'GET /api/v1/award-campaigns/{id}/nominations?org': { allow: ['regionIn', 'orgIn'], call: (w) => ({ params: { id: w.ids.campaign! }, query: `orgId=${w.ids.orgA}` }) },
  // evidence files: the nominating organisation attaches (until the nomination is reviewed), it and the region read
  'POST /api/v1/award-nominations/{id}/evidence': { allow: ['orgIn'], call: (w) => ({ params: { id: w.ids.awardNomination! }, raw: { payload: w.png, contentType: 'image/png' } }), mayVanish: true },
  'GET /api/v1/award-nominations/{id}/evidence/{fileId}': { allow: ['orgIn', 'regionIn'], call: (w) => ({ params: { id: w.ids.awardNomination!, fileId: w.ids.evidenceFile! } }) },
  'POST /api/v1/award-nominations/{id}/review': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.awardNomination! }, body: { decision: 'reject', reason: '材料不全' } }) },
  'GET /api/v1/award-campaigns/{id}/candidates': { public: true, call: id('campaign') },
  'POST /api/v1/award-nominations/{id}/votes': { allow: ME, call: id('awardCandidate') },
  'POST /api/v1/award-campaigns/{id}/publish': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.campaign! }, body: { winners: [] } }) },
  'GET /api/v1/honour-wall': { public: true, call: () => ({ query: 'regionCode=140502' }) },
  'GET /api/v1/me/awards': { allow: ME },
  // rankings: published for everyone (names only with consent); my own place for anyone signed in
  'GET /api/v1/rankings': { public: true, call: () => ({ query: 'regionCode=140502&period=year' }) },
  'GET /api/v1/me/rankings': { allow: ME },

  // market
  'POST /api/v1/stations/{id}/products': { allow: ['stationIn', 'regionIn'], call: (w) => ({ params: { id: w.ids.stationS! }, body: { name: '大米', pointsPrice: 100, stock: 10 } }) },
  'GET /api/v1/stations/{id}/products': { public: true, call: id('stationS') },
  'GET /api/v1/products/{id}': { public: true, call: id('product') },
  'PATCH /api/v1/products/{id}': { allow: ['stationIn', 'regionIn'], call: (w) => ({ params: { id: w.ids.product! }, body: { lowStockThreshold: 2 } }) },
  'POST /api/v1/products/{id}/picture': { allow: ['stationIn', 'regionIn'], call: (w) => ({ params: { id: w.ids.product! }, raw: { payload: w.png, contentType: 'image/png' } }) },
  'GET /api/v1/products/{id}/picture': { public: true, call: id('product'), mayVanish: true },
  'POST /api/v1/products/{id}/movements': { allow: ['stationIn', 'regionIn'], call: (w) => ({ params: { id: w.ids.product! }, body: { kind: 'adjustment', quantity: 1, reason: '盘点' } }) },
  'GET /api/v1/stations/{id}/stock-movements': { allow: ['stationIn', 'regionIn'], call: id('stationS') },
  'GET /api/v1/stations/{id}/low-stock': { allow: ['stationIn', 'regionIn'], call: id('stationS') },
  'GET /api/v1/stations/{id}/market-settings': { public: true, call: id('stationS') },
  'PUT /api/v1/stations/{id}/market-settings': { allow: ['stationIn', 'regionIn'], call: (w) => ({ params: { id: w.ids.stationS! }, body: { pickupDays: 3 } }) },
  'POST /api/v1/redemptions': { allow: ME, call: (w) => ({ body: { productId: w.ids.product, quantity: 1 } }), mayVanish: true },
  'GET /api/v1/redemptions/{id}': { allow: ['vol', 'stationIn', 'regionIn'], call: id('redemption') },
  'POST /api/v1/redemptions/{id}/fulfil': { allow: ['stationIn', 'regionIn'], call: (w) => ({ params: { id: w.ids.redemption! }, body: { pickupCode: w.ids.pickupCode } }), mayVanish: true },
  'POST /api/v1/redemptions/{id}/cancel': { allow: ['vol', 'stationIn', 'regionIn'], call: id('redemption'), mayVanish: true },
  'GET /api/v1/me/redemptions': { allow: ME },
  'GET /api/v1/stations/{id}/redemptions': { allow: ['stationIn', 'regionIn'], call: id('stationS') },
  'GET /api/v1/stations/{id}/redemptions.xlsx': { allow: ['stationIn', 'regionIn'], call: id('stationS') },
  'GET /api/v1/stations/{id}/market-report': { allow: ['stationIn', 'regionIn'], call: id('stationS') },
  // partners: region admins keep the registry; the partner's staff (other) check vol's card and log uses
  'POST /api/v1/partners': { allow: ['regionIn'], call: () => ({ body: { name: '晋城移动', sector: 'communications', regionCode: '140502' } }) },
  'GET /api/v1/partners': { allow: ['regionIn', 'regionOut'], sees: ['regionIn'], hides: (w) => [w.ids.partner!] },
  'GET /api/v1/partners/{id}': { allow: ['regionIn', 'other'], call: id('partner') },
  'PATCH /api/v1/partners/{id}': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.partner! }, body: { contact: '0356-2020000' } }) },
  'POST /api/v1/partners/{id}/staff': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.partner! }, body: { userId: w.ids.stranger } }) },
  'DELETE /api/v1/partners/{id}/staff/{userId}': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.partner!, userId: w.ids.stranger! } }), mayVanish: true },
  'GET /api/v1/partners/{id}/benefits': { allow: ['regionIn', 'other'], call: id('partner') },
  'POST /api/v1/partners/{id}/benefits': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.partner! }, body: { title: '话费优惠', minStars: 2, limitPeriod: 'month', limitCount: 1, validFrom: '2026-01-01' } }) },
  'PATCH /api/v1/partner-benefits/{id}': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.benefit! }, body: { description: '凭权益卡乘车' } }) },
  'GET /api/v1/me/benefit-card': { allow: ME },
  'GET /api/v1/me/partners': { allow: ME },
  'POST /api/v1/partners/{id}/card-checks': { allow: ['other'], call: (w) => ({ params: { id: w.ids.partner! }, body: { code: volCard(w) } }) },
  'POST /api/v1/partners/{id}/uses': { allow: ['other'], call: (w) => ({ params: { id: w.ids.partner! }, body: { code: volCard(w), benefitId: w.ids.benefit } }) },
  'GET /api/v1/partners/{id}/uses': { allow: ['regionIn', 'other'], call: id('partner') },
  'GET /api/v1/partner-uses/report': { allow: ['regionIn', 'other'], call: (w) => ({ query: `partnerId=${w.ids.partner}` }) },
  'GET /api/v1/partner-uses/report.xlsx': { allow: ['regionIn', 'other'], call: (w) => ({ query: `partnerId=${w.ids.partner}` }) },
  // community care: regionIn is the community's staff, vol the grid worker of the world's grid, other lives in its household
  'POST /api/v1/care/grids': { allow: ['regionIn'], call: () => ({ body: { communityCode: '140502001001', name: '第三片区', kind: 'area' } }) },
  'GET /api/v1/care/grids': { allow: ['regionIn'], call: () => ({ query: 'communityCode=140502001001' }) },
  'GET /api/v1/care/grids?mine': { allow: ALL_SIGNED_IN, sees: ['vol'], hides: (w) => [w.ids.careGrid!] },
  'POST /api/v1/care/buildings': { allow: ['regionIn'], call: (w) => ({ body: { gridId: w.ids.careGrid, name: '2号楼' } }) },
  'POST /api/v1/care/assignments': { allow: ['regionIn'], call: (w) => ({ body: { gridId: w.ids.careGrid, userId: w.ids.stranger, role: 'grid_worker' } }), mayVanish: true },
  'POST /api/v1/care/assignments/{id}/end': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.careAssignment! }, body: { reason: '调离' } }), mayVanish: true },
  'POST /api/v1/care/households': { allow: ['regionIn'], call: (w) => ({ body: { buildingId: w.ids.careBuilding, room: '202', members: [{ name: '李长根' }] } }) },
  'GET /api/v1/care/households': { allow: ['vol', 'regionIn', 'regionOut'], sees: ['vol', 'regionIn'], hides: (w) => [w.ids.household!] },
  'GET /api/v1/care/households.xlsx': { allow: ['regionIn'], call: () => ({ query: `communityCode=140502001001&reason=${encodeURIComponent('入户核查')}` }) },
  'POST /api/v1/care/households/import': { allow: ['regionIn'], call: (w) => ({ body: { communityCode: '140502001001', fileBase64: w.ids.emptyXlsx } }) },
  'GET /api/v1/care/households/{id}': { allow: ['vol', 'regionIn'], call: id('household') },
  'PUT /api/v1/care/households/{id}/tags': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.household! }, body: { tags: [{ tag: 'living_alone', evidence: '独居' }, { tag: 'disabled', evidence: '残疾人证' }] } }) },
  'GET /api/v1/care/households/{id}/reads': { allow: ['regionIn'], call: id('household') },
  'POST /api/v1/care/households/{id}/visits': { allow: ['vol', 'regionIn'], call: (w) => ({ params: { id: w.ids.household! }, body: { method: 'phone', findings: '电话问候' } }) },
  'PUT /api/v1/care/plans': { allow: ['regionIn'], call: () => ({ body: { communityCode: '140502001001', tag: 'empty_nest', intervalDays: 30 } }) },
  'GET /api/v1/care/plans': { allow: ['regionIn'], call: () => ({ query: 'communityCode=140502001001' }) },
  'GET /api/v1/care/me/visits': { allow: ALL_SIGNED_IN },
  'GET /api/v1/care/me/pension-items': { allow: ALL_SIGNED_IN, sees: ['vol'], hides: (w) => [w.ids.pensionItem!] },
  'POST /api/v1/care/visits/{id}/record': { allow: ['vol', 'regionIn'], call: (w) => ({ params: { id: w.ids.careVisitDue! }, body: { method: 'phone', findings: '电话问候' } }), mayVanish: true },
  'GET /api/v1/care/visits/{id}/photo': { allow: ['vol', 'regionIn'], call: id('careVisitDone') },
  'POST /api/v1/care/visits/{id}/request': { allow: ['vol', 'regionIn'], call: (w) => ({ params: { id: w.ids.careVisitDone! }, body: { residentId: w.ids.other, category: 'elderly', description: '维修水管' } }), mayVanish: true },
  'POST /api/v1/care/campaigns': { allow: ['regionIn'], call: () => ({ body: { communityCode: '140502001001', title: '敲门行动', dueAt: '2026-12-31T18:00:00+08:00' } }) },
  'GET /api/v1/care/campaigns': { allow: ['regionIn'], call: () => ({ query: 'communityCode=140502001001' }) },
  'POST /api/v1/care/pension-drives': { allow: ['regionIn'], call: () => ({ body: { regionCode: '140502001001', year: 2027, title: '2027年度认证' } }) },
  'GET /api/v1/care/pension-drives': { allow: ['regionIn'], call: () => ({ query: 'regionCode=140502001001' }) },
  'POST /api/v1/care/pension-drives/{id}/import': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.drive! }, body: { fileBase64: w.ids.emptyXlsx } }) },
  'GET /api/v1/care/pension-drives/{id}/items': { allow: ['vol', 'regionIn'], call: id('drive') },
  'GET /api/v1/care/pension-drives/{id}/progress': { allow: ['regionIn'], call: id('drive') },
  'POST /api/v1/care/pension-drives/{id}/visits': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.drive! }, body: { itemIds: [w.ids.pensionItem] } }) },
  'POST /api/v1/care/pension-items/{id}/mark': { allow: ['vol', 'regionIn'], call: (w) => ({ params: { id: w.ids.pensionItem! }, body: { status: 'not_yet', reason: 'away' } }) },

  // public-welfare posts: region admins of the district develop posts, keep the register and run the reviews; organisation A
  // supervises the post (kiosk, attendance, closed days, confirmation, agreement…); the person placed reads their own
  'POST /api/v1/welfare-posts': { allow: ['regionIn'], call: () => ({ body: { title: '新岗位', kind: 'rural', category: 'greening', regionCode: '140502001001', address: '凤台社区', ...SITE, startTime: '08:00', endTime: '12:00', payMinFen: 100000, payMaxFen: 120000 } }) },
  'GET /api/v1/welfare-posts': { allow: ['regionIn', 'regionOut', 'orgIn', 'orgOut'], sees: ['regionIn', 'orgIn'], hides: (w) => [w.ids.welfarePost!] },
  'GET /api/v1/welfare-posts/progress': { allow: ['regionIn'], call: () => ({ query: 'regionCode=140502' }) },
  'PUT /api/v1/welfare-plans': { allow: ['regionIn'], call: () => ({ body: { regionCode: '140502001', year: 2026, ruralPlanned: 10, urbanPlanned: 20 } }) },
  'GET /api/v1/welfare-posts/{id}': { allow: ['regionIn', 'orgIn'], call: id('welfarePost') },
  'POST /api/v1/welfare-posts/{id}/announce': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.welfarePost! }, body: { document: PDF } }) },
  'GET /api/v1/welfare-posts/{id}/announcement': { public: true, call: id('welfarePost') },
  'POST /api/v1/hardship-register': { allow: ['regionIn'], call: (w) => ({ body: { userId: w.ids.stranger, regionCode: '140502001001', category: 'disabled', evidence: '残疾证' } }), mayVanish: true },
  'GET /api/v1/hardship-register': { allow: ['regionIn'], call: () => ({ query: 'regionCode=140502' }) },
  'POST /api/v1/person-status-lists': { allow: ['regionIn'], call: () => ({ body: { regionCode: '140502', source: '民政殡葬信息', rows: [{ idNumber: '11010519491231002X', name: '某人', status: 'deceased', date: '2026-11-01' }] } }) },
  // anyone signed in may apply for themselves (eligibility and one post per person refuse with their own codes)
  'POST /api/v1/welfare-posts/{id}/applications': { allow: ME, call: (w) => ({ params: { id: w.ids.welfarePost! }, body: {} }) },
  'GET /api/v1/welfare-placements': { allow: ['regionIn', 'regionOut', 'orgIn', 'orgOut'], sees: ['regionIn', 'orgIn'], hides: (w) => [w.ids.placement!] },
  'GET /api/v1/welfare-placements/{id}': { allow: ['regionIn', 'orgIn', 'vol'], call: id('placement') },
  'POST /api/v1/welfare-placements/{id}/steps': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.placement! }, body: { step: 'democratic_review', document: PDF } }) },
  'GET /api/v1/welfare-placements/{id}/steps/{stepId}/document': { allow: ['regionIn', 'orgIn', 'other'], call: (w) => ({ params: { id: w.ids.placementNotice!, stepId: w.ids.placementStep! } }) },
  'POST /api/v1/welfare-placements/{id}/reject': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.placement! }, body: { reason: '不符合条件' } }) },
  'POST /api/v1/welfare-placements/{id}/end': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.placement! }, body: { endDate: today(w), reason: '离岗' } }) },
  'GET /api/v1/public/welfare-notices': { public: true },
  'GET /api/v1/public/welfare-notices/{id}': { public: true, call: id('placementNotice') },
  'POST /api/v1/public/welfare-notices/{id}/objections': { public: true, call: (w) => ({ params: { id: w.ids.placementNotice! }, body: { content: '公示对象情况不实' } }) },
  'POST /api/v1/welfare-objections/{id}/review': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.objection! }, body: { decision: 'dismiss', note: '经核实不属实' } }) },
  'GET /api/v1/welfare-posts/{id}/checkin-code': { allow: ['regionIn', 'orgIn'], call: id('welfarePost') },
  // anyone signed in may scan; only a worker of the post is recorded (NOT_SIGNED_UP otherwise)
  'POST /api/v1/welfare-posts/{id}/checkin': { allow: ME, call: (w) => ({ params: { id: w.ids.welfarePost! }, body: { token: postToken(w), ...SITE } }) },
  'POST /api/v1/welfare-posts/{id}/attendance': { allow: ['regionIn', 'orgIn'], call: (w) => ({ params: { id: w.ids.welfarePost! }, body: { userId: w.ids.vol, day: today(w), note: '代签' } }) },
  'GET /api/v1/welfare-posts/{id}/month': { allow: ['regionIn', 'orgIn'], call: id('welfarePost') },
  'POST /api/v1/welfare-posts/{id}/closures': { allow: ['regionIn', 'orgIn'], call: (w) => ({ params: { id: w.ids.welfarePost! }, body: { day: today(w), reason: '大风停工' } }) },
  'POST /api/v1/welfare-posts/{id}/confirmations': { allow: ['regionIn', 'orgIn'], call: (w) => ({ params: { id: w.ids.welfarePost! }, body: { month: thisMonth(w) } }) },
  'GET /api/v1/me/welfare-post': { allow: ME },
  'POST /api/v1/welfare-flags/compute': { allow: ['regionIn', 'orgIn'], call: (w) => ({ body: { month: thisMonth(w), postId: w.ids.welfarePost } }) },
  'GET /api/v1/welfare-flags': { allow: ['regionIn', 'orgIn'], call: (w) => ({ query: `postId=${w.ids.welfarePost}` }) },
  // no flag exists in the world (nobody is at work yet): the review's scope is proven in modules/posts/posts.api.test.ts
  'POST /api/v1/welfare-flags/{id}/review': { allow: ['regionIn'], call: () => ({ params: { id: '00000000-0000-7000-8000-000000000001' }, body: { decision: 'dismissed', note: '核实' } }), mayVanish: true },
  'GET /api/v1/welfare-reports/monthly': { allow: ['regionIn', 'orgIn'], call: (w) => ({ query: `month=${thisMonth(w)}&postId=${w.ids.welfarePost}` }) },
  'GET /api/v1/welfare-reports/monthly.xlsx': { allow: ['regionIn', 'orgIn'], call: (w) => ({ query: `month=${thisMonth(w)}&postId=${w.ids.welfarePost}` }) },
  // last: vol leaves organisation A, which earlier rows need as a member
  'POST /api/v1/memberships/{id}/leave': { allow: ['vol', 'orgIn'], call: (w) => ({ params: { id: w.ids.membershipVol! }, body: { reason: '搬家' } }), mayVanish: true },
  'GET /api/v1/stations/{id}/market-report.xlsx': { allow: ['stationIn', 'regionIn'], call: id('stationS') },
  // charity sales: region admins set them up and pay out; the recorder (other) records sales; anyone reads the public account
  'POST /api/v1/charity-events': { allow: ['regionIn'], call: () => ({ body: { title: '新的义卖', regionCode: '140502001001', place: '社区广场', organisers: ['凤台社区居委会'], startsAt: '2026-12-01T09:00:00+08:00', endsAt: '2026-12-01T17:00:00+08:00' } }) },
  'GET /api/v1/charity-events': { allow: ME, sees: ['regionIn', 'other'], hides: (w) => [w.ids.charityEvent!] },
  'GET /api/v1/charity-events/{id}': { allow: ['regionIn', 'other'], call: id('charityEvent') },
  'PATCH /api/v1/charity-events/{id}': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.charityEvent2! }, body: { status: 'closed' } }) },
  'POST /api/v1/charity-events/{id}/staff': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.charityEvent2! }, body: { userId: w.ids.stranger } }) },
  'POST /api/v1/charity-events/{id}/stalls': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.charityEvent! }, body: { name: '社区公益摊位', kind: 'public' } }) },
  'POST /api/v1/charity-events/{id}/sellers': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.charityEvent! }, body: { stallId: w.ids.charityStall, name: '小雨', isMinor: true, guardianUserId: w.ids.vol } }) },
  'POST /api/v1/charity-events/{id}/items': { allow: ['regionIn', 'other'], call: (w) => ({ params: { id: w.ids.charityEvent! }, body: { stallId: w.ids.charityStall, name: '漫画书', priceFen: 500 } }) },
  'POST /api/v1/charity-events/{id}/sales': { allow: ['regionIn', 'other'], call: (w) => ({ params: { id: w.ids.charityEvent! }, body: { stallId: w.ids.charityStall, quantity: 2, amountFen: 1000 } }) },
  'GET /api/v1/charity-events/{id}/sales': { allow: ['regionIn', 'other'], call: id('charityEvent') },
  'POST /api/v1/charity-sales/{id}/reversal': { allow: ['regionIn', 'other'], call: (w) => ({ params: { id: w.ids.charitySale2! }, body: { reason: '重复录入' } }) },
  'POST /api/v1/charity-events/{id}/disbursements': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.charityEvent! }, body: { beneficiary: '社区困难家庭', purpose: '慰问品', amountFen: 100, receiptNo: 'R-2' } }) },
  'GET /api/v1/charity-events/{id}/disbursements': { allow: ['regionIn', 'other'], call: id('charityEvent') },
  // receipt scans: the region's admins attach; they and the sale's recorder read
  'POST /api/v1/charity-disbursements/{id}/receipts': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.charityDisbursement! }, raw: { payload: Buffer.from('%PDF-1.4\n%%EOF\n'), contentType: 'application/pdf' } }) },
  'GET /api/v1/charity-disbursements/{id}/receipts/{fileId}': { allow: ['regionIn', 'other'], call: (w) => ({ params: { id: w.ids.charityDisbursement!, fileId: w.ids.charityReceipt! } }) },
  'POST /api/v1/charity-disbursements/{id}/reversal': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.charityDisbursement! }, body: { reason: '金额录错' } }) },
  'GET /api/v1/public/charity-events': { public: true },
  'GET /api/v1/public/charity-events/{id}/account': { public: true, call: id('charityEvent') },
  'GET /api/v1/public/charity-totals': { public: true, call: () => ({ query: 'regionCode=140502' }) },
  // civility: region admins rate and keep the board; regionIn reviews and answers the entries a second admin entered; vol heads the household
  'POST /api/v1/civility-criteria': { allow: ['regionIn'], call: () => ({ body: { regionCode: '140502001001', year: 2027, title: '十星级文明户', stars: [{ key: 'law', name: '爱国守法' }] } }) },
  'GET /api/v1/public/civility-criteria': { public: true, call: () => ({ query: 'regionCode=140502001001&year=2026' }) },
  'POST /api/v1/civility-households': { allow: ['regionIn'], call: () => ({ body: { regionCode: '140502001001', address: '西巷12号', headName: '张国强' } }) },
  'GET /api/v1/civility-households': { allow: ['regionIn', 'regionOut'], sees: ['regionIn'], hides: (w) => [w.ids.civilityHousehold!] },
  'POST /api/v1/civility-ratings': { allow: ['regionIn'], call: (w) => ({ body: { householdId: w.ids.civilityHousehold, criteriaId: w.ids.civilityCriteria, stars: [{ key: 'law', earned: false }, { key: 'clean', earned: false }] } }) },
  'GET /api/v1/civility-ratings': { allow: ['regionIn', 'regionOut'], sees: ['regionIn'], hides: (w) => [w.ids.civilityRating!] },
  'POST /api/v1/civility-ratings/{id}/consent': { allow: ['vol'], call: (w) => ({ params: { id: w.ids.civilityRating! }, body: { consent: true } }) },
  'POST /api/v1/civility-ratings/{id}/consent?paper': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.civilityRating! }, body: { consent: true, method: 'paper' } }) },
  'GET /api/v1/public/civility-ratings': { public: true },
  'POST /api/v1/civility-board': { allow: ['regionIn'], call: () => ({ body: { regionCode: '140502001001', board: 'red', title: '义务清扫', deed: '自发清扫楼道', evidence: '照片', periodFrom: '2026-01-01', periodTo: '2026-12-31' } }) },
  'GET /api/v1/civility-board': { allow: ['regionIn', 'regionOut'], sees: ['regionIn'], hides: (w) => [w.ids.civilityEntry!] },
  'POST /api/v1/civility-board/{id}/review': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.civilityEntry! }, body: { decision: 'approve' } }) },
  'GET /api/v1/public/civility-board': { public: true },
  'POST /api/v1/civility-board/{id}/appeals': { allow: ['vol'], call: (w) => ({ params: { id: w.ids.civilityEntry! }, body: { reason: '不是我堆放的杂物' } }) },
  'POST /api/v1/civility-appeals/{id}/answer': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.civilityAppeal! }, body: { decision: 'dismiss', answer: '维持' } }) },
  'GET /api/v1/me/civility': { allow: ME },
  // council: the community's residents (vol, other, orgIn, stationIn live there) raise, read and support topics; regionIn is its staff
  'POST /api/v1/council-topics': { allow: [...RESIDENTS, 'regionIn'], call: () => ({ body: { regionCode: '140502001001', title: '楼道灯坏了', description: '晚上看不清台阶' } }) },
  'GET /api/v1/council-topics': { allow: ME, sees: [...RESIDENTS, 'regionIn'], hides: (w) => [w.ids.councilTopic!] },
  'GET /api/v1/council-topics/{id}': { allow: [...RESIDENTS, 'regionIn'], call: id('councilTopic') },
  'POST /api/v1/council-topics/{id}/support': { allow: [...RESIDENTS, 'regionIn'], call: id('councilTopic3') },
  'POST /api/v1/council-topics/{id}/request': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.councilTopic2! }, body: { address: '东街3号楼' } }) },
  'POST /api/v1/council-meetings': { allow: ['regionIn'], call: (w) => ({ body: { regionCode: '140502001001', title: '小板凳议事会（第二期）', place: '党员阵地', startsAt: '2026-12-05T19:00:00+08:00', topicIds: [w.ids.councilTopic3] } }) },
  'GET /api/v1/council-meetings': { allow: ME, sees: [...RESIDENTS, 'regionIn'], hides: (w) => [w.ids.councilMeeting!] },
  'POST /api/v1/council-meetings/{id}/minutes': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.councilMeeting2! }, body: { minutes: '议定广场舞九点前结束', attendees: 10 } }) },
  'POST /api/v1/council-decisions/{id}/done': { allow: ['regionIn'], call: (w) => ({ params: { id: w.ids.councilDecision! }, body: { note: '已维修完毕' } }) },
  'GET /api/v1/council-decisions/overdue': { allow: ['regionIn', 'regionOut'] },
};
