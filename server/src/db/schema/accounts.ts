import { pgTable, uuid, varchar, text, char, date, timestamp, index, uniqueIndex, integer, inet, primaryKey } from 'drizzle-orm/pg-core';

/** A person. Every user is a volunteer; staff powers come from grants. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    phone: varchar('phone', { length: 20 }).notNull(),
    passwordHash: text('password_hash'),
    name: text('name').notNull(),
    /**
     * AES-256-GCM ciphertext of the ID number (key from AIXIN_SECRET). Null only for a staff
     * account made by `aixin admin create` without one.
     */
    idNumberEnc: text('id_number_enc'),
    /** `140*************34`: first 3 + last 2 characters, the only form that leaves the server. */
    idNumberMasked: varchar('id_number_masked', { length: 20 }),
    birthDate: date('birth_date', { mode: 'string' }),
    sex: char('sex', { length: 1 }),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    status: varchar('status', { length: 16 }).notNull().default('active'),
    termsVersion: varchar('terms_version', { length: 40 }),
    termsAcceptedAt: timestamp('terms_accepted_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_phone_uq').on(t.phone),
    index('users_region_idx').on(t.regionCode, t.id),
    index('users_city_idx').on(t.cityCode, t.id),
    index('users_name_idx').on(t.name),
  ],
);

/**
 * One person, one account, in the whole country: the keyed hash (HMAC-SHA256) of the ID
 * number, in its own small table keyed by that hash, so the rule holds when people are
 * sharded by city.
 */
export const personIdentities = pgTable('person_identities', {
  idHash: char('id_hash', { length: 64 }).primaryKey(),
  userId: uuid('user_id').notNull(),
  cityCode: char('city_code', { length: 4 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Sessions live in the database: revocable, surviving restarts, shared by every process. */
export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie's token; the token itself is never stored. */
    tokenHash: char('token_hash', { length: 64 }).primaryKey(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    csrfToken: varchar('csrf_token', { length: 64 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: inet('ip'),
    userAgent: text('user_agent'),
    /** The device cookie's id: a new sign-in from a device ends that device's earlier session (one row per device). */
    deviceId: varchar('device_id', { length: 64 }),
  },
  (t) => [uniqueIndex('sessions_id_uq').on(t.id), index('sessions_user_idx').on(t.userId, t.createdAt)],
);

/**
 * Fixed-window counters for rate limits and lockouts (in the database so that every
 * process shares them).
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: varchar('key', { length: 120 }).primaryKey(),
    count: integer('count').notNull().default(0),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [index('rate_limits_window_idx').on(t.windowStart)],
);


/**
 * One-time claim codes for accounts that staff registered on someone's behalf (no password).
 * One live code per person (a new code replaces the old); only its keyed hash is kept.
 */
export const claimCodes = pgTable('claim_codes', {
  userId: uuid('user_id').primaryKey(),
  codeHash: char('code_hash', { length: 64 }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  issuedBy: uuid('issued_by').notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
});

/**
 * Every account recovered by a one-time code (a claim of an account staff registered, or a
 * password reset): the code's issuer knew the code and could have used it themselves, so for
 * RECOVERY_HOLD_HOURS nothing leaves the account by self-service, and nothing ever goes from it
 * to the issuer — until staff other than the issuer confirm the holder in person (confirmed_*).
 * Append-only but for the confirmation (a trigger in the migration).
 */
export const accountRecoveries = pgTable(
  'account_recoveries',
  {
    id: uuid('id').primaryKey(),
    cityCode: char('city_code', { length: 4 }).notNull(),
    userId: uuid('user_id').notNull(),
    kind: varchar('kind', { length: 16, enum: ['claim', 'password_reset'] }).notNull(),
    issuedBy: uuid('issued_by').notNull(),
    codeIssuedAt: timestamp('code_issued_at', { withTimezone: true }).notNull(),
    recoveredAt: timestamp('recovered_at', { withTimezone: true }).notNull(),
    holdUntil: timestamp('hold_until', { withTimezone: true }).notNull(),
    confirmedBy: uuid('confirmed_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [index('account_recoveries_user_idx').on(t.userId, t.recoveredAt)],
);

/**
 * Devices a person has signed in from (the signed, httpOnly device cookie): a locked phone
 * number still accepts the right password from one of them.
 */
export const loginDevices = pgTable(
  'login_devices',
  {
    userId: uuid('user_id').notNull(),
    deviceId: varchar('device_id', { length: 64 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.deviceId] }), index('login_devices_seen_idx').on(t.lastSeenAt)],
);
