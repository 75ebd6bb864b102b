import type { AppContext } from '../../context';
import type { Config } from '../../config';
import { hasAnyAdmin } from '../access/index';

/** Once an admin exists the answer is remembered: the question is asked on every login page. */
const adminSeen = new WeakSet<AppContext>();

export async function needsAdmin(ctx: AppContext): Promise<boolean> {
  if (adminSeen.has(ctx)) return false;
  if (!(await hasAnyAdmin(ctx.db))) return true;
  adminSeen.add(ctx);
  return false;
}

/** How to make the first account, as the log and the login page say it. */
export const FIRST_ADMIN_HINT =
  '还没有管理员账号：设置 AIXIN_ADMIN_PHONE 和 AIXIN_ADMIN_PASSWORD 后重启，或运行 npx aixin admin create --phone 手机号 --password 密码（内置数据库请先停止服务器） / ' +
  'No administrator yet: set AIXIN_ADMIN_PHONE and AIXIN_ADMIN_PASSWORD and restart, or run `npx aixin admin create --phone PHONE --password PASSWORD` (stop the server first on the embedded database).';

/** Warnings a new installation should read once the server is up: the first account, the shared secret. */
export async function firstRunNotes(ctx: AppContext): Promise<string[]> {
  const notes: string[] = [];
  if (await needsAdmin(ctx)) notes.push(FIRST_ADMIN_HINT);
  const secret = sharedSecretWarning(ctx.config);
  if (secret) notes.push(secret);
  return notes;
}

/**
 * With PostgreSQL (shared by several processes) and no AIXIN_SECRET, each process would read or
 * generate its own data folder's secret: said at every server start and every command.
 */
export function sharedSecretWarning(config: Pick<Config, 'databaseUrl' | 'secretFile'>): string | null {
  const { databaseUrl, secretFile } = config;
  if (!databaseUrl || !secretFile) return null;
  return (
    `已设置 DATABASE_URL 但未设置 AIXIN_SECRET：密钥生成在 ${secretFile}；同一安装的每个进程（服务器和 aixin 命令）必须共用这一个密钥，请把它的内容设为各处的 AIXIN_SECRET / ` +
    `DATABASE_URL is set but AIXIN_SECRET is not: the secret was generated into ${secretFile}. Every process of this installation (each server and every aixin command) must share that one secret: set AIXIN_SECRET to its contents everywhere.`
  );
}
