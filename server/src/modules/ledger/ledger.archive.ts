import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { withTx, type Db } from '../../db/client';
import { AppError } from '../../lib/app-error';
import * as repo from './archive.repository';
import { linkHash, sealAll } from './ledger.proof';
import type { TransferRow } from './ledger.repository';
import type { LinkRow } from './proof.repository';

/**
 * A year leaves the database (issue 17, docs/SCALING.md): its partitions of ledger transfers,
 * service records and attendance are written to a gzip file of JSON lines, the file is read back
 * and every transfer in it is checked against its chain link (the link's hash recomputed from the
 * file's fields must equal the hash stored in the database), then, in one transaction, each
 * account's sums over the year and each chain's count are kept (`ledger_archived_*`) and the
 * partitions are detached and dropped. `verifyLedger` then starts from those sums and accepts a
 * link whose transfer is archived (its hash is pinned by the next link's, which it recomputes).
 *
 * The chain links, the idempotency keys and the one-record-per-activity keys stay in the
 * database: a retried request of an archived year is refused, never written twice.
 */

const FORMAT = 'aixin-year-archive';
const PAGE = 2000;

export interface ArchiveSummary {
  year: number;
  file: string;
  sha256: string;
  transfers: number;
  records: number;
  attendance: number;
}

export interface ArchiveCheck {
  ok: boolean;
  year: number | null;
  transfers: number;
  records: number;
  attendance: number;
  problems: string[];
}

/** The years archived so far (a recount of records must not run over them). */
export async function archivedYearList(db: Db): Promise<number[]> {
  return (await repo.archivedYears(db)).map((a) => a.year);
}

/** The China year of a moment. */
export function chinaYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}

const refuse = (message: string, reason: string, details: Record<string, unknown> = {}) => new AppError('INVALID_STATE', message, { reason, ...details });

/** Archives a closed year into `file` (refused if it exists) and removes its partitions. */
export async function archiveYear(db: Db, year: number, file: string, now: Date): Promise<ArchiveSummary> {
  if (!Number.isInteger(year) || year < 2015) throw refuse(`年度 ${year} 无效 / ${year} is not a year to archive`, 'bad_year');
  if (year >= chinaYear(now)) throw refuse(`${year} 年尚未结束，只能归档已结束的年度 / ${year} is not over: only a past year can be archived`, 'year_open');
  if ((await repo.archivedYears(db)).some((a) => a.year === year)) throw refuse(`${year} 年已归档 / ${year} is archived already`, 'archived');
  if ((await repo.yearPartitions(db, year)).length !== 3) throw refuse(`${year} 年没有分区（数据库里没有这一年的数据）/ ${year} has no partitions in this database`, 'no_partitions');
  if (fs.existsSync(file)) throw refuse(`${file} 已存在，不会覆盖 / ${file} exists: not overwritten`, 'file_exists');
  const { lo, hi } = await repo.yearBounds(db, year);

  // every transfer of the year in its chain, and none of its reservations still open
  await sealAll(db, now);
  const queued = await repo.queuedBefore(db, hi);
  if (queued) throw refuse(`还有 ${queued} 笔转账未入哈希链，请稍后再试 / ${queued} transfers are not yet sealed into their chain: try again shortly`, 'unsealed', { queued });
  const open = await repo.openPendingIn(db, lo, hi);
  if (open) throw refuse(`${year} 年还有 ${open} 笔预留未结清 / ${open} reservations of ${year} are still open`, 'open_reservations', { open });

  const counts = await writeArchive(db, year, lo, hi, file);
  const sha256 = await fileSha256(file);
  const check = await verifyArchive(db, file);
  if (!check.ok) {
    throw refuse(`归档文件未通过核对，数据库未改动 / the archive file did not check out; the database is unchanged: ${check.problems.slice(0, 3).join('; ')}`, 'archive_mismatch', { problems: check.problems.slice(0, 20) });
  }
  await withTx(db, async (tx) => {
    // nothing of the year changed since it was written (ids of a past year are no longer minted)
    const now2 = await repo.countsIn(tx, lo, hi);
    if (now2.transfers !== counts.transfers || now2.records !== counts.records || now2.attendance !== counts.attendance) {
      throw refuse(`${year} 年的数据在写归档时发生了变化，请重试 / ${year} changed while its archive was written: try again`, 'changed', { written: counts, now: now2 });
    }
    await repo.closeYear(tx, { year, lo, hi, counts, fileSha256: sha256, fileName: path.basename(file), at: now });
  });
  return { year, file, sha256, ...counts };
}

async function writeArchive(db: Db, year: number, lo: string, hi: string, file: string) {
  const gz = zlib.createGzip();
  const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
  gz.pipe(out);
  const write = async (obj: unknown) => {
    if (!gz.write(JSON.stringify(obj) + '\n')) await once(gz, 'drain');
  };
  const counts = { transfers: 0, records: 0, attendance: 0 };
  try {
    await write({ t: 'header', format: FORMAT, version: 1, year, lo, hi });
    for (let after: string | null = null; ; ) {
      const page = await repo.transfersPage(db, lo, hi, after, PAGE);
      const links = await repo.linksOf(db, page.map((t) => t.id));
      for (const row of page) await write({ t: 'transfer', row, link: links.get(row.id) ?? null });
      counts.transfers += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    for (let after: string | null = null; ; ) {
      const page = await repo.recordsPage(db, lo, hi, after, PAGE);
      for (const row of page) await write({ t: 'record', row });
      counts.records += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    for (let after: { activityId: string; id: string } | null = null; ; ) {
      const page = await repo.attendancePage(db, lo, hi, after, PAGE);
      for (const row of page) await write({ t: 'attendance', row });
      counts.attendance += page.length;
      if (page.length < PAGE) break;
      const last = page[page.length - 1]!;
      after = { activityId: last.activityId, id: last.id };
    }
    await write({ t: 'end', ...counts });
    gz.end();
    await once(out, 'close');
  } catch (err) {
    gz.destroy();
    out.destroy();
    fs.rmSync(file, { force: true });
    throw err;
  }
  return counts;
}

async function fileSha256(file: string): Promise<string> {
  const h = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** A transfer as the database gives it, from its JSON line (timestamps back to dates). */
function transferFromJson(r: Record<string, unknown>): TransferRow {
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)));
  return { ...(r as unknown as TransferRow), createdAt: date(r.createdAt)!, timeoutAt: date(r.timeoutAt) };
}

/**
 * Reads an archive file and checks every transfer in it: in the year's bounds, with a chain link,
 * the link's hash recomputed from the file's fields, and that link the one stored in the
 * database. Counts must match the file's last line. Does not change anything.
 */
export async function verifyArchive(db: Db, file: string): Promise<ArchiveCheck> {
  const problems: string[] = [];
  const seen = { transfers: 0, records: 0, attendance: 0 };
  let header: { year: number; lo: string; hi: string } | null = null;
  let end: { transfers: number; records: number; attendance: number } | null = null;
  let batch: Array<{ row: TransferRow; link: LinkRow | null }> = [];
  const flush = async () => {
    const stored = await repo.linksOf(db, batch.map((b) => b.row.id));
    for (const { row, link } of batch) {
      const kept = stored.get(row.id);
      if (!link) problems.push(`transfer ${row.id}: no chain link in the file`);
      else if (!kept) problems.push(`transfer ${row.id}: its link is not in the database`);
      else if (kept.hash !== link.hash || kept.seq !== link.seq || kept.prevHash !== link.prevHash || kept.version !== link.version) problems.push(`transfer ${row.id}: the file's link differs from the database's`);
      else {
        let computed = '';
        try {
          computed = linkHash(kept.version, kept.prevHash, row, kept.seq);
        } catch (err) {
          computed = `(${(err as Error).message})`;
        }
        if (computed !== kept.hash) problems.push(`transfer ${row.id}: its fields in the file do not match its chain link (altered?)`);
      }
    }
    batch = [];
  };
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (!line) continue;
      const o = JSON.parse(line) as Record<string, unknown>;
      if (o.t === 'header') {
        if (o.format !== FORMAT) throw new Error('not an Aixin year archive');
        header = { year: Number(o.year), lo: String(o.lo), hi: String(o.hi) };
      } else if (!header) {
        throw new Error('the header line is missing');
      } else if (o.t === 'transfer') {
        const row = transferFromJson(o.row as Record<string, unknown>);
        if (!(row.id >= header.lo && row.id < header.hi)) problems.push(`transfer ${row.id}: outside ${header.year}`);
        batch.push({ row, link: (o.link as LinkRow | null) ?? null });
        seen.transfers++;
        if (batch.length >= PAGE) await flush();
      } else if (o.t === 'record') seen.records++;
      else if (o.t === 'attendance') seen.attendance++;
      else if (o.t === 'end') end = { transfers: Number(o.transfers), records: Number(o.records), attendance: Number(o.attendance) };
    }
    await flush();
  } catch (err) {
    problems.push(`unreadable: ${(err as Error).message}`);
  }
  const archived = header ? (await repo.archivedYears(db)).find((a) => a.year === header!.year) : undefined;
  if (archived && archived.fileSha256 !== (await fileSha256(file))) problems.push(`the file is not the one archived for ${archived.year} (sha256 differs from ${archived.fileSha256})`);
  if (!end) problems.push('the file is cut short (no end line)');
  else if (end.transfers !== seen.transfers || end.records !== seen.records || end.attendance !== seen.attendance) problems.push(`counts differ from the end line: ${JSON.stringify(seen)} vs ${JSON.stringify(end)}`);
  return { ok: problems.length === 0, year: header?.year ?? null, ...seen, problems };
}
