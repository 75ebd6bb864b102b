import crypto from 'node:crypto';

/** A signed-in person for a load generator: the cookie and CSRF token of a session written directly. */
export interface Session {
  userId: string;
  cookie: string;
  csrf: string;
}

/** Anything with pg's `query(text, values)`: a pg.Client or Pool, or PGlite. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/** Sessions written straight into the table (the login's rate limits are not what a load measures). */
export async function sessionsFor(db: Queryable, userIds: string[]): Promise<Session[]> {
  const out: Session[] = [];
  const now = new Date();
  for (let i = 0; i < userIds.length; i += 500) {
    const chunk = userIds.slice(i, i + 500);
    const values: unknown[] = [];
    const rows = chunk.map((userId, j) => {
      const token = crypto.randomBytes(32).toString('base64url');
      const csrf = crypto.randomBytes(24).toString('base64url');
      out.push({ userId, cookie: `aixin_session=${token}; aixin_csrf=${csrf}`, csrf });
      values.push(crypto.createHash('sha256').update(token).digest('hex'), crypto.randomUUID(), userId, csrf, now, now, new Date(now.getTime() + 86_400_000));
      const b = j * 7;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
    });
    await db.query(`insert into sessions (token_hash, id, user_id, csrf_token, created_at, last_seen_at, expires_at) values ${rows.join(', ')}`, values);
  }
  return out;
}
