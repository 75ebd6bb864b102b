import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import type { AppContext, Actor } from '../../context';
import { isUniqueViolation, withTx, type DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { encryptText, keyedHash, randomToken, sha256Hex } from '../../lib/crypto';
import { offsetOf } from '../../lib/pagination';
import { parseIdNumber, maskIdNumber, ageOn } from '@shared/lib/id-number';
import { composeVolunteerNo } from '@shared/lib/volunteer-no';
import { TERMS_VERSION } from '@shared/constants';
import { isValidPhone, maskPhone } from '@shared/lib/phone';
import { maskName } from '@shared/lib/person-name';
import { cityCodeOf } from '@shared/lib/region-code';
import type { RegisterBody, LoginBody, User } from '@shared/schemas/auth';
import type { PageQuery } from '@shared/schemas/common';
import { clearKey, failAttempt, hitRateLimit, purgeRateLimits, reserveAttempt } from '../../plugins/rate-limit';
import { regionScopes, hasAnyGrant } from '../access/index';
import { findRegion } from '../regions/index';
import { countStats } from '../stats/index';
import * as repo from './accounts.repository';
import { isKnownDevice, newDeviceId, purgeDevices, readDevice, rememberDevice, signDevice } from './devices';
import { consumeClaimCode, purgeClaimCodes } from './claim-codes';
import { recordRecovery } from './recoveries';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  /** The device cookie as sent (verified here), if any. */
  deviceCookie?: string | null | undefined;
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** argon2id with the library's defaults (19 MiB, t=2), the OWASP recommendation. */
export function hashPassword(password: string): Promise<string> {
  return argonHash(password);
}

// verified against when the phone is unknown, so both paths take the same time
let dummyHash: Promise<string> | undefined;

/**
 * Serialises a user. `holder`: the person themself or staff whose scope holds them, who see the
 * phone in full and the birth date; everyone else sees a masked phone and the age only.
 * `maskName`: the lookup by phone answers 周*梅, enough to recognise a person, no more.
 */
export function toUser(u: repo.UserView, opts: { holder: boolean; maskName?: boolean }, now: Date): User {
  return {
    id: u.id,
    name: opts.maskName ? maskName(u.name) : u.name,
    phone: opts.holder ? u.phone : maskPhone(u.phone),
    idNumberMasked: u.idNumberMasked,
    birthDate: opts.holder ? u.birthDate : null,
    age: u.birthDate ? ageOn(u.birthDate, now) : null,
    sex: (u.sex as 'M' | 'F' | null) ?? null,
    regionCode: u.regionCode,
    regionName: u.regionName,
    status: u.status === 'disabled' ? 'disabled' : 'active',
    createdAt: u.createdAt.toISOString(),
  };
}

export interface PersonInput {
  phone: string;
  name: string;
  idNumber?: string | undefined;
  regionCode: string;
  password?: string | undefined;
  termsVersion?: string | undefined;
  skills?: string[] | undefined;
  serviceCategories?: string[] | undefined;
  guardian?: { name: string; phone: string; relation: string } | undefined;
  /** Staff registering the person on their behalf (代注册), and how consent was obtained. */
  onBehalf?: { staffId: string; consentMethod: 'paper' | 'verbal' } | undefined;
}

/** Minors: under 14 only staff register them, naming the guardian; 14–17 need a guardian's consent. */
export function checkMinorRules(birthDate: string | null, now: Date, input: PersonInput): void {
  if (!birthDate) return;
  const age = ageOn(birthDate, now);
  if (age < 14 && !input.onBehalf) {
    throw new AppError('VALIDATION_FAILED', '未满14周岁的志愿者需由工作人员代为注册 / Under 14: staff register them together with a guardian', {
      fields: { idNumber: '未满14周岁需由工作人员代为注册 / Under 14: staff register them with a guardian' },
      age,
    });
  }
  if (age < 18 && !input.guardian) {
    throw new AppError('VALIDATION_FAILED', '未满18周岁需监护人同意 / Under 18: a guardian must consent', {
      fields: { guardian: '请填写监护人姓名、电话与关系 / Name the guardian, their phone and relation' },
      age,
    });
  }
}

/**
 * Creates a person: validates the ID number and phone, encrypts the ID number, and keeps
 * its keyed hash in person_identities, so that one person has one account in the whole
 * country (ALREADY_REGISTERED otherwise). Runs inside the caller's transaction.
 */
export async function createPerson(ctx: AppContext, tx: DbOrTx, input: PersonInput, createdBy: string | null): Promise<string> {
  if (!isValidPhone(input.phone)) throw new AppError('INVALID_PHONE', undefined, { fields: { phone: '手机号无效 / Invalid mobile number' } });
  const region = await findRegion(tx, input.regionCode);
  if (!region) throw new AppError('VALIDATION_FAILED', undefined, { fields: { regionCode: `未知地区 / Unknown region ${input.regionCode}` } });
  const now = ctx.clock.now();
  const id = newId();
  const cityCode = cityCodeOf(region.code);
  let idFields: { idNumberEnc: string | null; idNumberMasked: string | null; birthDate: string | null; sex: string | null } = {
    idNumberEnc: null,
    idNumberMasked: null,
    birthDate: null,
    sex: null,
  };
  let idHash: string | undefined;
  if (input.idNumber !== undefined) {
    const info = parseIdNumber(input.idNumber, now);
    if ('problem' in info) throw new AppError('INVALID_ID_NUMBER', undefined, { fields: { idNumber: info.problem }, reason: info.problem });
    idHash = keyedHash(ctx.keys.idHash, info.normalized);
    if (await repo.findIdentity(tx, idHash)) throw new AppError('ALREADY_REGISTERED', '该身份证号已注册 / This ID number is already registered', { field: 'idNumber' });
    checkMinorRules(info.birthDate, now, input);
    idFields = {
      idNumberEnc: encryptText(ctx.keys.idEncryption, info.normalized),
      idNumberMasked: maskIdNumber(info.normalized),
      birthDate: info.birthDate,
      sex: info.sex,
    };
  }
  if (await repo.findUserByPhone(tx, input.phone)) throw new AppError('ALREADY_REGISTERED', '该手机号已注册 / This phone number is already registered', { field: 'phone' });
  try {
    await repo.insertUser(tx, {
      id,
      cityCode,
      phone: input.phone,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      name: input.name.trim(),
      ...idFields,
      regionCode: region.code,
      termsVersion: input.termsVersion ?? null,
      termsAcceptedAt: input.termsVersion ? now : null,
      createdBy,
      createdAt: now,
      updatedAt: now,
    });
    if (idHash) await repo.insertIdentity(tx, { idHash, userId: id, cityCode, createdAt: now });
    await countStats(tx, [{ regionCode: region.code, at: now, metric: 'volunteers', delta: 1 }]);
    const prefix = region.code.slice(0, 6);
    await repo.insertProfile(tx, {
      userId: id,
      cityCode,
      volunteerNo: composeVolunteerNo(prefix, await repo.nextVolunteerSequence(tx, prefix)),
      skills: input.skills ?? [],
      serviceCategories: input.serviceCategories ?? [],
      guardianName: input.guardian?.name ?? null,
      guardianPhone: input.guardian?.phone ?? null,
      guardianRelation: input.guardian?.relation ?? null,
      registeredBy: input.onBehalf?.staffId ?? null,
      consentMethod: input.onBehalf?.consentMethod ?? 'online',
      createdAt: now,
      updatedAt: now,
    });
    const method = input.onBehalf?.consentMethod ?? 'online';
    const version = input.termsVersion ?? TERMS_VERSION;
    for (const kind of ['terms', 'privacy'] as const) {
      await repo.insertConsent(tx, { id: newId(), cityCode, userId: id, kind, version, method, grantedAt: now, recordedBy: input.onBehalf?.staffId ?? null });
    }
    if (input.guardian) {
      await repo.insertConsent(tx, {
        id: newId(),
        cityCode,
        userId: id,
        kind: 'guardian',
        version,
        method,
        grantedAt: now,
        recordedBy: input.onBehalf?.staffId ?? null,
        guardianName: input.guardian.name,
        guardianPhone: input.guardian.phone,
        guardianRelation: input.guardian.relation,
      });
    }
  } catch (err) {
    // two registrations of the same person or phone at the same moment: the unique keys decide
    if (isUniqueViolation(err)) throw new AppError('ALREADY_REGISTERED');
    throw err;
  }
  return id;
}

/**
 * Opens a session on a device (the device cookie's id). An earlier live session of the same
 * person on the same device ends: the device list keeps one row per device.
 */
export async function openSession(ctx: AppContext, tx: DbOrTx, userId: string, meta: RequestMeta, deviceId: string): Promise<NewSession> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionDays * 86_400_000);
  if (await repo.revokeDeviceSessions(tx, userId, deviceId, now)) ctx.authCache.evict(userId);
  await repo.insertSession(tx, {
    tokenHash: sha256Hex(token),
    id: newId(),
    userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 400) ?? null,
    deviceId,
  });
  return { token, csrfToken, expiresAt };
}

export async function register(ctx: AppContext, body: RegisterBody, meta: RequestMeta) {
  const limits = ctx.config.rateLimits;
  await hitRateLimit(ctx.db, `register:ip:${meta.ip ?? 'unknown'}`, limits.registerPerIpPerHour, 3600, ctx.clock.now());
  return withTx(ctx.db, async (tx) => {
    const userId = await createPerson(ctx, tx, { ...body, termsVersion: body.consentVersion ?? TERMS_VERSION }, null);
    const deviceId = readDevice(ctx, meta.deviceCookie) ?? newDeviceId();
    await rememberDevice(tx, userId, deviceId, ctx.clock.now());
    const session = await openSession(ctx, tx, userId, meta, deviceId);
    const view = (await repo.findUserView(tx, userId))!;
    return { user: toUser(view, { holder: true }, ctx.clock.now()), session, deviceCookie: signDevice(ctx, deviceId) };
  });
}

/**
 * Logs in. Per address (request.ip, see AIXIN_TRUST_PROXY) a fixed window; per phone number a
 * failure counter taken atomically before the password is checked, so that parallel guesses
 * check at most `loginFailuresBeforeLock` passwords. From a device the owner signed in from
 * before (signed device cookie) the phone has a counter of its own: a lock set by strangers'
 * guesses does not keep the owner out. A success sets (or renews) the device cookie.
 */
export async function login(ctx: AppContext, body: LoginBody, meta: RequestMeta) {
  const limits = ctx.config.rateLimits;
  const now = ctx.clock.now();
  await hitRateLimit(ctx.db, `login:ip:${meta.ip ?? 'unknown'}`, limits.loginPerIpPerMinute, 60, now);
  const user = await repo.findUserByPhone(ctx.db, body.phone);
  const device = readDevice(ctx, meta.deviceCookie);
  const knownDevice = !!user && !!device && (await isKnownDevice(ctx.db, user.id, device));
  const lockKey = knownDevice ? `login-fail:${body.phone}:device:${device}` : `login-fail:${body.phone}`;
  const lockSeconds = limits.loginLockMinutes * 60;
  const { attempt } = await reserveAttempt(ctx.db, lockKey, limits.loginFailuresBeforeLock, lockSeconds, now);
  dummyHash ??= hashPassword('not-a-real-password-' + randomToken(8));
  const ok = user?.passwordHash ? await argonVerify(user.passwordHash, body.password) : (await argonVerify(await dummyHash, body.password), false);
  if (!ok || !user || user.status !== 'active') {
    const { remaining } = await failAttempt(ctx.db, lockKey, attempt, limits.loginFailuresBeforeLock, lockSeconds, now);
    throw new AppError('BAD_CREDENTIALS', undefined, { attemptsLeft: remaining });
  }
  await clearKey(ctx.db, lockKey);
  const deviceId = device ?? newDeviceId();
  return withTx(ctx.db, async (tx) => {
    await rememberDevice(tx, user.id, deviceId, now);
    const session = await openSession(ctx, tx, user.id, meta, deviceId);
    const view = (await repo.findUserView(tx, user.id))!;
    return { user: toUser(view, { holder: true }, now), session, deviceCookie: signDevice(ctx, deviceId) };
  });
}

export async function logout(ctx: AppContext, userId: string, tokenHash: string): Promise<void> {
  await repo.revokeSession(ctx.db, { userId, tokenHash }, ctx.clock.now());
  ctx.authCache.evict(userId);
}

export async function getMe(ctx: AppContext, actor: Actor) {
  const view = await repo.findUserView(ctx.db, actor.userId);
  if (!view) throw new AppError('UNAUTHENTICATED');
  return toUser(view, { holder: true }, ctx.clock.now());
}

export async function listMySessions(ctx: AppContext, actor: Actor, currentTokenHash: string | null) {
  const rows = await repo.listLiveSessions(ctx.db, actor.userId, ctx.clock.now());
  return rows.map(({ tokenHash, ...s }) => ({
    id: s.id,
    current: tokenHash === currentTokenHash,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
  }));
}

export async function revokeMySession(ctx: AppContext, actor: Actor, sessionId: string): Promise<void> {
  const n = await repo.revokeSession(ctx.db, { userId: actor.userId, id: sessionId }, ctx.clock.now());
  ctx.authCache.evict(actor.userId);
  if (n === 0) throw notFound('会话 session');
}

/**
 * Staff look people up: region admins search their subtrees by name or phone prefix; org
 * and station admins find a person only by the exact phone number (to add or grant them).
 * Only active staff (grants of an organisation that is not active do not count), rate-limited
 * per staff member, and the answer names the person masked (周*梅, 138****0000): enough to
 * pick the right one, not a directory.
 */
export async function searchPeople(ctx: AppContext, actor: Actor, q: PageQuery & { q?: string | undefined }) {
  if (!hasAnyGrant(actor, ['region_admin', 'org_admin', 'station_admin'])) throw new AppError('FORBIDDEN', '只有在职的管理员可以查找人员 / Only active staff can look people up');
  const now = ctx.clock.now();
  await hitRateLimit(ctx.db, `people-lookup:user:${actor.userId}`, ctx.config.rateLimits.peopleLookupPerMinute, 60, now);
  const adminPaths = regionScopes(actor, ['region_admin']);
  const { limit, offset } = offsetOf(q);
  const text = q.q?.trim();
  const masked = (u: repo.UserView) => toUser(u, { holder: false, maskName: true }, now);
  if (adminPaths.length === 0) {
    if (!text || !isValidPhone(text)) return { items: [], total: 0 };
    const page = await repo.searchUsers(ctx.db, { regionPaths: [], exactPhone: text, limit, offset });
    return { total: page.total, items: page.items.map(masked) };
  }
  const page = await repo.searchUsers(ctx.db, { regionPaths: adminPaths, q: text || undefined, limit, offset });
  return { total: page.total, items: page.items.map(masked) };
}

/**
 * Changes my password: the current one must be right (wrong ones are counted like failed logins,
 * atomically, and lock the change for a while); every other session of mine ends, this one stays.
 */
export async function changePassword(ctx: AppContext, actor: Actor, currentTokenHash: string | null, oldPassword: string, newPassword: string) {
  const limits = ctx.config.rateLimits;
  const now = ctx.clock.now();
  const key = `password-fail:user:${actor.userId}`;
  const lockSeconds = limits.loginLockMinutes * 60;
  const { attempt } = await reserveAttempt(ctx.db, key, limits.passwordChangeFailuresBeforeLock, lockSeconds, now);
  const user = await repo.findUserRow(ctx.db, actor.userId);
  if (!user?.passwordHash || !(await argonVerify(user.passwordHash, oldPassword))) {
    const { remaining } = await failAttempt(ctx.db, key, attempt, limits.passwordChangeFailuresBeforeLock, lockSeconds, now);
    throw new AppError('BAD_CREDENTIALS', '原密码不正确 / The current password is wrong', { attemptsLeft: remaining });
  }
  await clearKey(ctx.db, key);
  const hash = await hashPassword(newPassword);
  const r = await withTx(ctx.db, async (tx) => {
    await repo.updatePassword(tx, actor.userId, hash, now);
    return { endedSessions: await repo.revokeOtherSessions(tx, actor.userId, currentTokenHash, now) };
  });
  ctx.authCache.evict(actor.userId);
  return r;
}

/**
 * A resident whom staff registered (代注册) claims the account with the one-time claim code staff
 * gave them (printed), together with their phone, ID number and name; then they set a password
 * and are logged in. The code is spent by the claim; wrong codes count against it (and against
 * the phone, like failed logins); every failure looks the same.
 */
/**
 * A one-time code tried with a phone number (claim, password reset), counted like a login: per
 * address, and a failure counter per phone taken before the code is checked.
 */
export async function beginCodeAttempt(ctx: AppContext, phone: string, meta: RequestMeta) {
  const limits = ctx.config.rateLimits;
  const now = ctx.clock.now();
  await hitRateLimit(ctx.db, `login:ip:${meta.ip ?? 'unknown'}`, limits.loginPerIpPerMinute, 60, now);
  const lockKey = `login-fail:${phone}`;
  const lockSeconds = limits.loginLockMinutes * 60;
  const { attempt } = await reserveAttempt(ctx.db, lockKey, limits.loginFailuresBeforeLock, lockSeconds, now);
  return {
    now,
    failed: () => failAttempt(ctx.db, lockKey, attempt, limits.loginFailuresBeforeLock, lockSeconds, now),
    succeeded: () => clearKey(ctx.db, lockKey),
  };
}

export async function claimAccount(ctx: AppContext, body: { phone: string; idNumber: string; name: string; password: string; claimCode: string }, meta: RequestMeta) {
  const { now, failed, succeeded } = await beginCodeAttempt(ctx, body.phone, meta);
  const user = await repo.findUserByPhone(ctx.db, body.phone);
  const identity = await repo.findIdentity(ctx.db, keyedHash(ctx.keys.idHash, body.idNumber.trim().toUpperCase()));
  const matches = !!user && !user.passwordHash && identity?.userId === user.id && user.name === body.name.trim();
  // the code is tried (and counted) only for an unclaimed account whose details match
  const spent = matches ? await consumeClaimCode(ctx, user.id, body.claimCode, now) : null;
  if (!spent || !user) {
    await failed();
    throw new AppError('BAD_CREDENTIALS', '认领码或信息不正确，或认领码已失效 / The claim code or the details are wrong, or the code has expired', {
      reason: 'claim_failed',
    });
  }
  await succeeded();
  const deviceId = readDevice(ctx, meta.deviceCookie) ?? newDeviceId();
  const hash = await hashPassword(body.password);
  return withTx(ctx.db, async (tx) => {
    // compare-and-set: two claims with the same code cannot both set a password
    if (!(await repo.setPasswordIfUnset(tx, user.id, hash, now))) throw new AppError('INVALID_STATE', '该账号已被认领 / This account has already been claimed');
    await repo.markClaimed(tx, user.id, now);
    // the registrar knew the code and the details: the account is held until someone else confirms the holder (recoveries.ts)
    await recordRecovery(ctx, tx, { userId: user.id, cityCode: user.cityCode, kind: 'claim', issuedBy: spent.issuedBy, codeIssuedAt: spent.issuedAt });
    await rememberDevice(tx, user.id, deviceId, now);
    const session = await openSession(ctx, tx, user.id, meta, deviceId);
    const view = (await repo.findUserView(tx, user.id))!;
    return { user: toUser(view, { holder: true }, now), session, deviceCookie: signDevice(ctx, deviceId) };
  });
}

/**
 * The sweeper's housekeeping of sign-in data: expired sessions (and revoked ones after 30 days),
 * rate-limit counters whose window ended a day ago with no lock running, expired claim codes,
 * devices not seen for a year.
 */
export async function purgeStaleSignInRows(ctx: AppContext): Promise<{ sessions: number; rateLimits: number; claimCodes: number; devices: number }> {
  const now = ctx.clock.now();
  return {
    sessions: await repo.purgeSessions(ctx.db, now),
    rateLimits: await purgeRateLimits(ctx.db, now),
    claimCodes: await purgeClaimCodes(ctx, now),
    devices: await purgeDevices(ctx.db, now),
  };
}
