import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';
import { deriveKeys } from './lib/crypto';
import type { Database } from './db/client';
import type { Db, Engine } from './db/client';
import type { Clock } from './lib/clock';
import type { Keys } from './lib/crypto';
import type { Role } from '@shared/constants';
import { AuthCache } from './modules/accounts/auth-cache';
import { ReadRouter } from './db/replica';

/** What every service receives: configuration, database, clock, keys, logger. */
export interface AppContext {
  readonly config: Config;
  readonly db: Db;
  /**
   * Where the read-only paths (portal, statistics, rankings, passbooks, records) read, outside
   * transactions only: the primary (`db`) here; the streaming replica in the context a read-only
   * route gets from plugins/read-routing (`readContext`) when the replica may serve its reader.
   */
  readonly readDb: Db;
  /** The replica's router (DATABASE_REPLICA_URL on PostgreSQL); null: every read on the primary. */
  readonly reads: ReadRouter | null;
  readonly engine: Engine;
  readonly clock: Clock;
  readonly keys: Keys;
  readonly log: FastifyBaseLogger;
  /** Signed-in people remembered between requests (only while the change listener is connected). */
  readonly authCache: AuthCache;
}

export interface ActorGrant {
  id: string;
  role: Role;
  regionCode: string;
  /** Materialised path of the grant's region: `/140000/140500/140502/`. */
  regionPath: string;
  orgId: string | null;
  stationId: string | null;
}

/** The person making a request, with their grants. Services take it first. */
export interface Actor {
  userId: string;
  name: string;
  regionCode: string;
  grants: ActorGrant[];
  /**
   * org_admin grants of organisations that are not active: they give no power except what a
   * permission declared with `dormantOrg` allows (the organisation's own application).
   */
  dormantGrants?: ActorGrant[];
  sessionId: string | null;
  ip: string | null;
}

/** The system itself (migrations, demo loader, CLI): holds no grants, bypasses no policy. */
export function systemActor(): Actor {
  return { userId: '00000000-0000-0000-0000-000000000000', name: 'system', regionCode: '', grants: [], sessionId: null, ip: null };
}

/** A context outside a request (command line, demo loader, benchmarks). */
export function makeContext(config: Config, database: Database, clock: Clock, log: FastifyBaseLogger): AppContext {
  const reads = database.replica ? new ReadRouter(database.db, database.replica.db, database.replica.pool, log) : null;
  return { config, db: database.db, readDb: database.db, reads, engine: database.engine, clock, keys: deriveKeys(config.secret), log, authCache: new AuthCache() };
}
