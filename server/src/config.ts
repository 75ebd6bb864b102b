import { z } from 'zod';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import net from 'node:net';

/**
 * The one place that reads process.env. Everything else receives a frozen `Config`.
 * Variables are documented in .env.example and in the API contract.
 */
/** A PostgreSQL connection address: postgres://USER:PASSWORD@HOST:5432/DATABASE (unset or empty: none). */
const pgUrl = z
  .string()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'not a PostgreSQL address; expected postgres://USER:PASSWORD@HOST:5432/DATABASE (special characters in the password %-encoded)')
  .optional()
  .or(z.literal('').transform(() => undefined));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: pgUrl,
  DATABASE_OWNER_URL: pgUrl,
  DATABASE_REPLICA_URL: pgUrl,
  AIXIN_DATA_DIR: z.string().default('./data'),
  AIXIN_SECRET: z.string().min(32, 'AIXIN_SECRET must be at least 32 characters').optional().or(z.literal('').transform(() => undefined)),
  AIXIN_ADMIN_PHONE: z.string().optional(),
  AIXIN_ADMIN_PASSWORD: z.string().optional(),
  AIXIN_DEMO: z.enum(['0', '1', 'true', 'false', '']).optional(),
  AIXIN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AIXIN_COOKIE_SECURE: z.enum(['0', '1', 'auto']).default('auto'),
  AIXIN_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  AIXIN_CLAIM_CODE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  AIXIN_PUBLIC_URL: z.string().url().optional(),
  AIXIN_TRUST_PROXY: z.string().optional(),
  AIXIN_METRICS: z.enum(['0', '1', 'true', 'false', '']).optional(),
  NODE_ENV: z.string().default('development'),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  /** The schema owner, for migrations only; DATABASE_URL may then be a role without DDL rights. */
  readonly databaseOwnerUrl: string | undefined;
  /**
   * A streaming replica of DATABASE_URL for read-only traffic (the portal, statistics, rankings,
   * passbooks, records); a person who just wrote reads from the primary until the replica has
   * replayed their write. Ignored (with a warning) on the embedded database.
   */
  readonly databaseReplicaUrl: string | undefined;
  readonly dataDir: string;
  readonly secret: string;
  /** The file the secret was read from or generated into (none when AIXIN_SECRET gives it). */
  readonly secretFile: string | undefined;
  readonly adminPhone: string | undefined;
  readonly adminPassword: string | undefined;
  readonly demo: boolean;
  readonly logLevel: string;
  readonly cookieSecure: '0' | '1' | 'auto';
  readonly sessionDays: number;
  /** Days a one-time claim code (for an account registered on someone's behalf) stays valid. */
  readonly claimCodeDays: number;
  readonly publicUrl: string | undefined;
  /**
   * Which proxies' X-Forwarded-For the server believes (Fastify's trustProxy): false (the
   * default: the client address is the TCP peer), true (any), a hop count, or addresses/CIDRs.
   */
  readonly trustProxy: TrustProxy;
  /** Prometheus metrics at GET /metrics (AIXIN_METRICS=1). */
  readonly metrics: boolean;
  /** Serve the built web UI from web/dist when it exists. */
  readonly serveWeb: boolean;
  readonly rateLimits: RateLimits;
}

export interface RateLimits {
  /** Login attempts per IP per minute. */
  loginPerIpPerMinute: number;
  /** Consecutive failures that lock a phone number, and for how long. */
  loginFailuresBeforeLock: number;
  loginLockMinutes: number;
  /** Registrations per IP per hour. */
  registerPerIpPerHour: number;
  /** Staff lookups of people (`GET /users`) per staff member per minute. */
  peopleLookupPerMinute: number;
  /** Wrong current passwords (password change) before the change is locked, and for how long. */
  passwordChangeFailuresBeforeLock: number;
  /** Wrong claim codes before a code is spent (a new one must be issued). */
  claimCodeMaxAttempts: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  loginPerIpPerMinute: 30,
  loginFailuresBeforeLock: 5,
  loginLockMinutes: 15,
  registerPerIpPerHour: 20,
  peopleLookupPerMinute: 30,
  passwordChangeFailuresBeforeLock: 5,
  claimCodeMaxAttempts: 5,
};

export type TrustProxy = boolean | number | string[];

/**
 * `AIXIN_TRUST_PROXY`: unset, empty, `false` or `0`: trust no proxy; `true`: trust every hop
 * (only behind a proxy that overwrites the header); a whole number: that many hops; otherwise
 * comma-separated addresses or CIDRs of the proxies (e.g. `127.0.0.1,10.0.0.0/8`).
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const v = (raw ?? '').trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  const parts = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const p of parts) {
    const [addr, bits, ...rest] = p.split('/');
    const family = net.isIP(addr ?? '');
    const maxBits = family === 6 ? 128 : 32;
    if (!family || rest.length || (bits !== undefined && (!/^\d+$/.test(bits) || Number(bits) > maxBits))) {
      throw new ConfigError([{ field: 'AIXIN_TRUST_PROXY', message: `"${p}" is not true, a hop count, an address or a CIDR` }]);
    }
  }
  return parts;
}

/**
 * The embedded database's folder when the environment names no PostgreSQL server and that
 * folder holds no database yet (commands that only read say so instead of creating one); else null.
 */
export function missingEmbeddedDatabase(env: NodeJS.ProcessEnv = process.env): string | null {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success || parsed.data.DATABASE_URL) return null;
  const dir = path.resolve(parsed.data.AIXIN_DATA_DIR);
  return fs.existsSync(path.join(dir, 'pglite', 'PG_VERSION')) ? null : dir;
}

/** A refused configuration: each variable with what is wrong with it. */
export class ConfigError extends Error {
  constructor(readonly issues: { field: string; message: string }[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  ${i.field}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function secretFileOf(dataDir: string): string {
  return path.join(dataDir, 'secret.key');
}

/** Reads the secret from the environment, or from `<dataDir>/secret.key`, creating it once. */
function resolveSecret(explicit: string | undefined, dataDir: string): string {
  if (explicit) return explicit;
  const file = secretFileOf(dataDir);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(48).toString('base64url');
  try {
    fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  } catch {
    // another process created it first
    return fs.readFileSync(file, 'utf8').trim();
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  }
  const e = parsed.data;
  const dataDir = path.resolve(overrides.dataDir ?? e.AIXIN_DATA_DIR);
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseOwnerUrl: e.DATABASE_OWNER_URL,
    databaseReplicaUrl: e.DATABASE_REPLICA_URL,
    dataDir,
    secret: overrides.secret ?? resolveSecret(e.AIXIN_SECRET, dataDir),
    secretFile: overrides.secret || e.AIXIN_SECRET ? undefined : secretFileOf(dataDir),
    adminPhone: e.AIXIN_ADMIN_PHONE || undefined,
    adminPassword: e.AIXIN_ADMIN_PASSWORD || undefined,
    demo: e.AIXIN_DEMO === '1' || e.AIXIN_DEMO === 'true',
    logLevel: e.AIXIN_LOG_LEVEL,
    cookieSecure: e.AIXIN_COOKIE_SECURE,
    sessionDays: e.AIXIN_SESSION_DAYS,
    claimCodeDays: e.AIXIN_CLAIM_CODE_DAYS,
    publicUrl: e.AIXIN_PUBLIC_URL,
    trustProxy: parseTrustProxy(e.AIXIN_TRUST_PROXY),
    metrics: e.AIXIN_METRICS === '1' || e.AIXIN_METRICS === 'true',
    serveWeb: true,
    rateLimits: DEFAULT_RATE_LIMITS,
    ...overrides,
  };
  return Object.freeze(config);
}
