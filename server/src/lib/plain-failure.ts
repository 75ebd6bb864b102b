import net from 'node:net';
import { ConfigError } from '../config';
import { DatabaseConnectError, DataDirLockedError } from '../db/client';

/**
 * Why the server or a command could not start, in one line of plain words (中文 / English) that
 * says what is wrong and what to do. The stack stays out of it (printed at debug level only).
 */
export class PlainFailure extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    options?: { cause?: unknown },
  ) {
    super(`${zh} / ${en}`, options);
    this.name = 'PlainFailure';
  }
}

function errnoOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; errors?: { code?: unknown }[] };
  if (typeof e?.code === 'string') return e.code;
  const inner = e?.errors?.find((x) => typeof x?.code === 'string');
  return inner?.code as string | undefined;
}

function describeDatabase(err: DatabaseConnectError): PlainFailure {
  const v = err.variable;
  const u = safeUrl(err.url);
  const at = `${u.host}:${u.port}`;
  const code = errnoOf(err.cause);
  const message = String((err.cause as Error)?.message ?? err.cause);
  const opts = { cause: err.cause };
  if (code === 'ECONNREFUSED')
    return new PlainFailure(`无法连接数据库服务器 ${at}（${v}）：连接被拒绝，请启动 PostgreSQL 或改正地址`, `Cannot reach the database server at ${at} (${v}): connection refused. Start PostgreSQL or correct the address.`, opts);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new PlainFailure(`找不到数据库服务器 ${u.host}（${v}）：请改正主机名`, `Cannot find the database server ${u.host} (${v}): no such host name. Correct the host in ${v}.`, opts);
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || /timeout/i.test(message))
    return new PlainFailure(`数据库服务器 ${at} 没有应答（${v}）：请检查地址、防火墙和服务器是否运行`, `The database server at ${at} does not answer (${v}): check the address, the firewall and that PostgreSQL is running.`, opts);
  if (code === '28P01')
    return new PlainFailure(`数据库 ${at} 拒绝了用户 "${u.user}" 的密码（${v}）：请改正用户名或密码`, `The database server at ${at} refused the password of user "${u.user}" (${v}): correct the user name or password.`, opts);
  if (code === '28000')
    return new PlainFailure(`数据库 ${at} 不允许用户 "${u.user}" 登录（${v}）：${message}`, `The database server at ${at} does not let user "${u.user}" in (${v}): ${message}. Create the role or allow it in pg_hba.conf.`, opts);
  if (code === '3D000')
    return new PlainFailure(`数据库 "${u.database}" 在 ${at} 上不存在（${v}）：请先创建（createdb ${u.database}）`, `Database "${u.database}" does not exist on ${at} (${v}): create it first (createdb ${u.database}).`, opts);
  return new PlainFailure(`数据库 ${at} 出错（${v}）：${message}`, `The database at ${at} failed (${v}): ${message}`, opts);
}

/** The parts of a connection address worth naming; never the password. */
function safeUrl(url: string) {
  const u = new URL(url);
  return { host: u.hostname || 'localhost', port: u.port || '5432', user: decodeURIComponent(u.username) || '(default)', database: decodeURIComponent(u.pathname.slice(1)) || decodeURIComponent(u.username) };
}

/** Any start-up failure as one plain line; unknown errors keep their own message. */
export function describeFailure(err: unknown, what: 'start' | 'command' = 'start'): PlainFailure {
  if (err instanceof PlainFailure) return err;
  if (err instanceof DataDirLockedError) {
    const [zh, en] = err.message.split(' / ');
    return new PlainFailure(zh!, en!, { cause: err });
  }
  if (err instanceof ConfigError) {
    const list = err.issues.map((i) => `${i.field}: ${i.message}`).join('; ');
    const fields = [...new Set(err.issues.map((i) => i.field))].join('、');
    return new PlainFailure(`配置有误：${fields} 的值不对，请按 .env.example 改正`, `Invalid configuration: ${list}`, { cause: err });
  }
  if (err instanceof DatabaseConnectError) return describeDatabase(err);
  const e = err as NodeJS.ErrnoException & { port?: number; address?: string };
  if (e?.syscall === 'listen') {
    const f = listenFailure(e, e.port ?? 0, e.address ?? '');
    if (f) return f;
  }
  if ((e?.code === 'EACCES' || e?.code === 'EROFS' || e?.code === 'ENOSPC') && e.path)
    return new PlainFailure(`无法写入 ${e.path}（${e.code}）：请给服务器的用户写权限或设置 AIXIN_DATA_DIR`, `Cannot write ${e.path} (${e.code}): give the server's user write access, or set AIXIN_DATA_DIR to another folder.`, { cause: err });
  const message = e instanceof Error ? e.message : String(err);
  if (what === 'command') return new PlainFailure(`命令失败：${message}`, `The command failed: ${message} (AIXIN_LOG_LEVEL=debug shows the details)`, { cause: err });
  return new PlainFailure(`启动失败：${message}`, `Could not start: ${message} (AIXIN_LOG_LEVEL=debug shows the details)`, { cause: err });
}

/**
 * Prints the failure as one line on stderr (and the stack when `debug`), for `process.exit`.
 */
export function reportFailure(err: unknown, debug: boolean, what: 'start' | 'command' = 'start'): void {
  const f = describeFailure(err, what);
  console.error(`✖ ${f.message}`);
  if (debug) console.error((f.cause as Error)?.stack ?? f.stack);
}

/** A port in use, not allowed or an address not of this machine, in plain words; else null. */
function listenFailure(err: NodeJS.ErrnoException, port: number, host: string): PlainFailure | null {
  const opts = { cause: err };
  if (err.code === 'EADDRINUSE')
    return new PlainFailure(`端口 ${port}（${host}）已被占用：请停止占用它的程序，或用 PORT 设置另一个端口`, `Port ${port} on ${host} is already in use: stop the program using it, or set PORT to another port.`, opts);
  if (err.code === 'EACCES')
    return new PlainFailure(`没有权限监听端口 ${port}：请用 1024 以上的端口（如 PORT=3000），由反向代理对外提供 80/443`, `No permission to listen on port ${port}: use a port above 1023 (PORT=3000) behind a reverse proxy for 80/443 (docs/DEPLOY.md).`, opts);
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND')
    return new PlainFailure(`HOST=${host} 不是本机的地址：请改正 HOST（如 127.0.0.1 或 0.0.0.0）`, `HOST=${host} is not an address of this machine: correct HOST (e.g. 127.0.0.1 or 0.0.0.0).`, opts);
  return null;
}

/**
 * Checks that the server can listen on `port` at `host` before anything else is opened (the
 * embedded database takes seconds): a port in use or not allowed is said plainly.
 */
export async function checkPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => reject(listenFailure(err, port, host) ?? err));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
