import path from 'node:path';
import { systemActor, type AppContext, type Actor } from '../../context';
import { withTx, type DbOrTx } from '../../db/client';
import { notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { encryptText, keyedHash } from '../../lib/crypto';
import { readXlsxRows } from '../../lib/excel';
import { ageOn, maskIdNumber, parseIdNumber } from '@shared/lib/id-number';
import { isValidPhone } from '@shared/lib/phone';
import { cityCodeOf } from '@shared/lib/region-code';
import { composeVolunteerNo } from '@shared/lib/volunteer-no';
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS, TERMS_VERSION } from '@shared/constants';
import type { ImportJob } from '@shared/schemas/people';
import { recordAudit } from '../audit/index';
import { authorize, can, loadActorGrantSets, regionTarget } from '../access/index';
import { findUserRow, reserveVolunteerSequences } from '../accounts/index';
import { localDiskStorage, type Storage } from '../../lib/storage';
import { defineJob, enqueue } from '../../jobs/define';
import { tryLease } from '../../jobs/lease';
import { subtreeRegionsByName } from '../regions/index';
import { VOLUNTEER_IMPORT } from './volunteers.policy';
import * as repo from './import.repository';
import { countStats } from '../stats/index';

/** Accepted headers (the columns an office already keeps). */
const COLUMNS = {
  name: ['姓名', 'name'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', 'idNumber'],
  phone: ['手机号', '手机号码', '联系电话', 'phone'],
  region: ['所属社区', '社区', '所属地区', '居住区域', 'region'],
  skills: ['技能', '专业技能', 'skills'],
  categories: ['服务类别', '服务意向', 'categories'],
} as const;

export interface ImportProblem {
  row: number;
  field: string | null;
  reason: string;
}

export interface CheckedRow {
  row: number;
  name: string;
  idNumber: string;
  idHash: string;
  birthDate: string;
  sex: 'M' | 'F';
  phone: string;
  regionCode: string;
  skills: string[];
  categories: string[];
  matchedUserId: string | null;
}

function pick(values: Record<string, string>, names: readonly string[]): string {
  for (const n of names) if (values[n] !== undefined) return values[n]!.trim();
  return '';
}

const CATEGORY_BY_LABEL = new Map<string, string>(SERVICE_CATEGORIES.flatMap((c) => [[SERVICE_CATEGORY_LABELS[c].zh, c], [c, c]] as Array<[string, string]>));
const splitList = (s: string) => s.split(/[,，、;；\s]+/).map((x) => x.trim()).filter(Boolean);

/**
 * Checks every row before anything is written: name, ID number (check digit), phone, region
 * (a name or code inside the importing admin's region), duplicates inside the file, phones
 * taken by another person. People already registered (same ID number) are matched.
 */
export async function checkVolunteerRows(
  ctx: AppContext,
  db: DbOrTx,
  rows: Array<{ row: number; values: Record<string, string> }>,
  scope: { regionCode: string; regionPath: string },
  onProgress?: (done: number) => Promise<void> | void,
): Promise<{ checked: CheckedRow[]; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  const now = ctx.clock.now();
  const regionCache = new Map<string, string | ImportProblem['reason']>();
  const regions = await subtreeRegionsByName(db, scope.regionPath);
  const resolveRegion = (raw: string): string | ImportProblem['reason'] => {
    const cached = regionCache.get(raw);
    if (cached) return cached;
    let result: string;
    if (!raw) result = scope.regionCode;
    else if (/^\d{6,15}$/.test(raw)) result = regions.byCode.has(raw) ? raw : `地区代码 ${raw} 不在导入范围内 / region code outside the import's region`;
    else {
      const hits = regions.byName.get(raw) ?? [];
      result = hits.length === 1 ? hits[0]! : hits.length === 0 ? `找不到社区“${raw}” / unknown community` : `社区名“${raw}”不唯一，请填写代码 / ambiguous name; use the code`;
    }
    regionCache.set(raw, result);
    return result;
  };
  const seenIds = new Map<string, number>();
  const seenPhones = new Map<string, number>();
  const candidates: Array<Omit<CheckedRow, 'matchedUserId'>> = [];
  let i = 0;
  for (const { row, values } of rows) {
    const name = pick(values, COLUMNS.name);
    const idRaw = pick(values, COLUMNS.idNumber).toUpperCase();
    const phone = pick(values, COLUMNS.phone).replace(/[\s-]/g, '');
    const rowProblems: ImportProblem[] = [];
    if (name.length < 2 || name.length > 40) rowProblems.push({ row, field: '姓名', reason: '姓名应为2到40个字 / name: 2 to 40 characters' });
    const info = parseIdNumber(idRaw, now);
    if ('problem' in info) rowProblems.push({ row, field: '身份证号', reason: { format: '身份证号格式不对 / malformed ID number', birth_date: '身份证号中的出生日期无效 / invalid birth date', check_digit: '身份证号校验位不正确 / wrong check digit' }[info.problem] });
    else if (ageOn(info.birthDate, now) < 18) rowProblems.push({ row, field: '身份证号', reason: '未成年人需由工作人员逐个代注册并登记监护人 / minors are registered one by one with a guardian' });
    if (!isValidPhone(phone)) rowProblems.push({ row, field: '手机号', reason: '手机号应为11位 / 11-digit mobile number' });
    const region = resolveRegion(pick(values, COLUMNS.region));
    if (!/^\d+$/.test(region)) rowProblems.push({ row, field: '所属社区', reason: region });
    const categories = splitList(pick(values, COLUMNS.categories)).map((c) => CATEGORY_BY_LABEL.get(c) ?? '?' + c);
    const badCat = categories.find((c) => c.startsWith('?'));
    if (badCat) rowProblems.push({ row, field: '服务类别', reason: `未知服务类别“${badCat.slice(1)}” / unknown category` });
    if (!('problem' in info)) {
      const first = seenIds.get(info.normalized);
      if (first) rowProblems.push({ row, field: '身份证号', reason: `与第${first}行是同一人 / same person as row ${first}` });
      else seenIds.set(info.normalized, row);
    }
    if (isValidPhone(phone)) {
      const first = seenPhones.get(phone);
      if (first) rowProblems.push({ row, field: '手机号', reason: `与第${first}行手机号相同 / same phone as row ${first}` });
      else seenPhones.set(phone, row);
    }
    if (rowProblems.length) problems.push(...rowProblems);
    else if (!('problem' in info)) {
      candidates.push({ row, name, idNumber: info.normalized, idHash: keyedHash(ctx.keys.idHash, info.normalized), birthDate: info.birthDate, sex: info.sex, phone, regionCode: region, skills: splitList(pick(values, COLUMNS.skills)).slice(0, 20), categories });
    }
    if (++i % 2000 === 0) await onProgress?.(i);
  }
  const existing = await repo.identitiesByHash(db, candidates.map((c) => c.idHash));
  const phoneOwners = await repo.usersByPhone(db, candidates.map((c) => c.phone));
  const checked: CheckedRow[] = [];
  for (const c of candidates) {
    const matchedUserId = existing.get(c.idHash) ?? null;
    const owner = phoneOwners.get(c.phone);
    if (owner && owner !== matchedUserId) {
      problems.push({ row: c.row, field: '手机号', reason: '该手机号已被他人注册 / the phone belongs to another registered person' });
      continue;
    }
    checked.push({ ...c, matchedUserId });
  }
  problems.sort((a, b) => a.row - b.row);
  await onProgress?.(rows.length);
  return { checked, problems };
}

const BATCH = 500;

/** Writes checked rows: new people in batches, matched people get the file's skills added. */
async function writeRows(ctx: AppContext, tx: DbOrTx, rows: CheckedRow[], staffId: string | null, onProgress: (done: number) => Promise<void>) {
  const now = ctx.clock.now();
  const fresh = rows.filter((r) => !r.matchedUserId);
  const byPrefix = new Map<string, number>();
  for (const r of fresh) byPrefix.set(r.regionCode.slice(0, 6), (byPrefix.get(r.regionCode.slice(0, 6)) ?? 0) + 1);
  const nextNo = new Map<string, number>();
  for (const [prefix, count] of byPrefix) nextNo.set(prefix, await reserveVolunteerSequences(tx, prefix, count));
  let done = 0;
  for (let i = 0; i < fresh.length; i += BATCH) {
    const chunk = fresh.slice(i, i + BATCH);
    const batch = { users: [] as never[], identities: [] as never[], profiles: [] as never[], consents: [] as never[] } as Parameters<typeof repo.insertPeople>[1];
    for (const r of chunk) {
      const id = newId();
      const cityCode = cityCodeOf(r.regionCode);
      const prefix = r.regionCode.slice(0, 6);
      const seq = nextNo.get(prefix)!;
      nextNo.set(prefix, seq + 1);
      batch.users.push({ id, cityCode, phone: r.phone, passwordHash: null, name: r.name, idNumberEnc: encryptText(ctx.keys.idEncryption, r.idNumber), idNumberMasked: maskIdNumber(r.idNumber), birthDate: r.birthDate, sex: r.sex, regionCode: r.regionCode, termsVersion: TERMS_VERSION, termsAcceptedAt: now, createdBy: staffId, createdAt: now, updatedAt: now });
      batch.identities.push({ idHash: r.idHash, userId: id, cityCode, createdAt: now });
      batch.profiles.push({ userId: id, cityCode, volunteerNo: composeVolunteerNo(prefix, seq), skills: r.skills, serviceCategories: r.categories, registeredBy: staffId, consentMethod: 'paper', createdAt: now, updatedAt: now });
      for (const kind of ['terms', 'privacy']) batch.consents.push({ id: newId(), cityCode, userId: id, kind, version: TERMS_VERSION, method: 'paper', grantedAt: now, recordedBy: staffId });
    }
    await repo.insertPeople(tx, batch);
    await countStats(tx, chunk.map((r) => ({ regionCode: r.regionCode, at: now, metric: 'volunteers' as const, delta: 1 })));
    done += chunk.length;
    await onProgress(done);
  }
  for (const r of rows) if (r.matchedUserId) await repo.addSkills(tx, r.matchedUserId, r.skills);
  return { created: fresh.length, matched: rows.length - fresh.length };
}

export function toJob(j: repo.ImportJobRow): ImportJob {
  return {
    id: j.id,
    kind: j.kind,
    status: j.status as ImportJob['status'],
    phase: j.phase as ImportJob['phase'],
    fileName: j.fileName,
    regionCode: j.regionCode,
    mode: j.mode as ImportJob['mode'],
    totalRows: j.totalRows,
    processedRows: j.processedRows,
    createdCount: j.createdCount,
    matchedCount: j.matchedCount,
    errorCount: j.errorCount,
    errors: (j.errors as ImportProblem[]).slice(0, 1000),
    message: j.message,
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

export interface StartImport {
  regionCode: string;
  mode: 'all_or_nothing' | 'skip_bad';
  fileName: string | null;
  file: Buffer;
  /** The uploader's address, for the audit entry. */
  ip?: string | null;
}

/** Before the file is read: only a region admin holding the region may import into it. */
export async function checkImportAllowed(ctx: AppContext, actor: Actor, regionCode: string): Promise<void> {
  authorize(actor, VOLUNTEER_IMPORT, await regionTarget(ctx.db, regionCode));
}

/** The reason given for an import a stop interrupted whose file is gone. */
export const RESTARTED_MESSAGE = '服务重启，导入未完成，请重新上传 / The server restarted before the import finished; upload the file again';
const FAILED_MESSAGE = '导入时发生错误，未写入任何数据 / The import failed; nothing was written';
const NO_LONGER_ALLOWED = '导入者已无该地区的导入权限，未写入任何数据 / The uploader may no longer import into this region; nothing was written';

/** The uploaded file waits under `<AIXIN_DATA_DIR>/uploads/imports/` until its import is finished (another process may run it). */
let storageOf: { dir: string; storage: Storage } | undefined;
function importStorage(ctx: AppContext): Storage {
  const dir = path.join(ctx.config.dataDir, 'uploads');
  if (!storageOf || storageOf.dir !== dir) storageOf = { dir, storage: localDiskStorage(dir) };
  return storageOf.storage;
}
const fileKey = (jobId: string) => `imports/${jobId}.xlsx`;

export const VOLUNTEER_IMPORT_JOB = 'volunteers-import';

/**
 * Starts an import: the file is stored, the job row created (the page polls it) and a job
 * enqueued with the row's id; any process then reads the file, checks it as a whole and writes
 * it in one transaction. With `all_or_nothing` (the default) one bad row stops the import and
 * every bad row is reported; with `skip_bad` the good rows are written and the bad ones reported.
 */
export async function startVolunteerImport(ctx: AppContext, actor: Actor, input: StartImport): Promise<{ job: ImportJob }> {
  const region = await regionTarget(ctx.db, input.regionCode);
  authorize(actor, VOLUNTEER_IMPORT, region);
  const id = newId();
  await importStorage(ctx).put(fileKey(id), input.file);
  let job: repo.ImportJobRow;
  try {
    job = await repo.insertJob(ctx.db, {
      id,
      cityCode: cityCodeOf(region.regionCode),
      kind: 'volunteers',
      status: 'running',
      phase: 'checking',
      fileName: input.fileName,
      regionCode: region.regionCode,
      mode: input.mode,
      createdBy: actor.userId,
      createdAt: ctx.clock.now(),
    });
  } catch (err) {
    // no row, no import: the file (ID numbers) is not left behind
    await importStorage(ctx).delete(fileKey(id)).catch(() => undefined);
    throw err;
  }
  try {
    await enqueue(ctx, VOLUNTEER_IMPORT_JOB, { importId: id, ip: input.ip ?? null }, { singletonKey: id });
  } catch (err) {
    // the row and its file are stored: the minute's recovery enqueues it again
    ctx.log.error({ err, job: id }, 'volunteer import could not be enqueued; it will be recovered');
  }
  return { job: toJob(job) };
}

/** Finishes the row unless it is finished already (compare-and-set on status 'running'). */
async function finish(ctx: AppContext, db: DbOrTx, jobId: string, set: Partial<repo.ImportJobInsert>): Promise<boolean> {
  return repo.updateRunningJob(db, jobId, { phase: 'finished', finishedAt: ctx.clock.now(), ...set });
}

/** Thrown inside the writing transaction when the row was finished by another run: the transaction rolls back. */
class AlreadyFinished extends Error {}

/** Who the import acts as: its uploader with their grants of today (the command line: the region itself). */
async function importActor(ctx: AppContext, row: repo.ImportJobRow, ip: string | null): Promise<Actor | null> {
  const system = systemActor();
  const region = await regionTarget(ctx.db, row.regionCode);
  if (row.createdBy === system.userId) {
    return { ...system, grants: [{ id: 'cli', role: 'region_admin', regionCode: region.regionCode, regionPath: region.regionPath, orgId: null, stationId: null }] };
  }
  const user = await findUserRow(ctx.db, row.createdBy);
  if (!user || user.status !== 'active') return null;
  const { grants, dormantGrants } = await loadActorGrantSets(ctx.db, user.id);
  const actor: Actor = { userId: user.id, name: user.name, regionCode: user.regionCode, grants, dormantGrants, sessionId: null, ip };
  return can(actor, VOLUNTEER_IMPORT, region) ? actor : null;
}

/**
 * The import job: runs the import whose row is `importId`, once. Another run holding the row's
 * lease is left alone; a row already finished is left as it is; the writing is one transaction
 * that re-reads the row under a lock and finishes it (compare-and-set), so a crash mid-write
 * leaves nothing and two runs never write twice. The stored file is deleted once the row is finished.
 */
export async function runImportJob(ctx: AppContext, data: { importId: string; ip?: string | null }): Promise<void> {
  const jobId = data.importId;
  const lease = await tryLease(ctx, `import:${jobId}`);
  if (!lease) return;
  try {
    const row = await repo.findJob(ctx.db, jobId);
    if (!row || row.status !== 'running') return;
    const file = await importStorage(ctx).get(fileKey(jobId));
    if (!file) {
      await finish(ctx, ctx.db, jobId, { status: 'failed', message: RESTARTED_MESSAGE });
      return;
    }
    const actor = await importActor(ctx, row, data.ip ?? null);
    if (!actor) {
      await finish(ctx, ctx.db, jobId, { status: 'failed', message: NO_LONGER_ALLOWED });
      return;
    }
    const region = await regionTarget(ctx.db, row.regionCode);
    try {
      await runImport(ctx, actor, row, region, file);
    } catch (err) {
      ctx.log.error({ err, job: jobId }, 'volunteer import failed');
      await finish(ctx, ctx.db, jobId, { status: 'failed', message: FAILED_MESSAGE });
    }
  } finally {
    const after = await repo.findJob(ctx.db, jobId).catch(() => undefined);
    if (after && after.status !== 'running') await importStorage(ctx).delete(fileKey(jobId)).catch(() => undefined);
    await lease.release();
  }
}

defineJob<{ importId: string; ip?: string | null }>(VOLUNTEER_IMPORT_JOB, (ctx, data) => runImportJob(ctx, data), { retryLimit: 2, expireInSeconds: 15 * 60, keyed: true });

/**
 * Imports left 'running' by a stop (the process died, or was stopped mid-import) and worked on
 * by no process: resumed from their stored file (enqueued again), or, without it, failed with
 * the reason 服务重启，导入未完成，请重新上传. Run at start and every minute; a row whose job is
 * only waiting gets no second waiting job (one per singletonKey), and a second run is harmless.
 */
export async function recoverImports(ctx: AppContext): Promise<{ resumed: number; failed: number }> {
  let resumed = 0;
  let failed = 0;
  for (const row of await repo.runningJobs(ctx.db, 200)) {
    const lease = await tryLease(ctx, `import:${row.id}`);
    if (!lease) continue; // a live run holds it
    await lease.release();
    if (await importStorage(ctx).get(fileKey(row.id))) {
      await enqueue(ctx, VOLUNTEER_IMPORT_JOB, { importId: row.id }, { singletonKey: row.id });
      resumed++;
    } else if (await finish(ctx, ctx.db, row.id, { status: 'failed', message: RESTARTED_MESSAGE })) {
      failed++;
    }
  }
  return { resumed, failed };
}

defineJob<object>(
  'imports-recover',
  async (ctx) => {
    const r = await recoverImports(ctx);
    if (r.resumed + r.failed > 0) ctx.log.warn(r, 'imports left running were resumed or failed');
  },
  { schedule: '* * * * *', singleton: true, retryLimit: 0, expireInSeconds: 5 * 60 },
);

async function runImport(ctx: AppContext, actor: Actor, row: repo.ImportJobRow, region: { regionCode: string; regionPath: string }, file: Buffer): Promise<void> {
  const jobId = row.id;
  const progress = (set: Partial<repo.ImportJobInsert>) => repo.updateRunningJob(ctx.db, jobId, set);
  let parsed;
  try {
    parsed = await readXlsxRows(file);
  } catch {
    await finish(ctx, ctx.db, jobId, { status: 'failed', message: '无法读取该文件，请上传 .xlsx 格式的 Excel 文件 / Not a readable .xlsx file' });
    return;
  }
  const missing = (['name', 'idNumber', 'phone'] as const).filter((k) => !COLUMNS[k].some((h) => parsed.headers.includes(h)));
  if (missing.length) {
    const names = missing.map((k) => COLUMNS[k][0]).join('、');
    await finish(ctx, ctx.db, jobId, { status: 'failed', message: `缺少必需的列：${names} / Missing columns: ${missing.join(', ')}` });
    return;
  }
  const total = parsed.rows.length;
  await progress({ phase: 'checking', totalRows: total });
  const { checked, problems } = await checkVolunteerRows(ctx, ctx.db, parsed.rows, region, (n) => progress({ processedRows: Math.floor(n / 2) }).then(() => undefined));
  if (problems.length && row.mode === 'all_or_nothing') {
    await finish(ctx, ctx.db, jobId, {
      status: 'failed',
      processedRows: total,
      errorCount: problems.length,
      errors: problems.slice(0, 5000),
      message: `${new Set(problems.map((p) => p.row)).size} 行有误，未导入任何数据 / ${problems.length} problem(s); nothing was imported`,
    });
    return;
  }
  await progress({ phase: 'importing', processedRows: Math.floor(total / 2), errorCount: problems.length, errors: problems.slice(0, 5000) });
  try {
    await withTx(ctx.db, async (tx) => {
      // one writer per import: a second run waits here, then finds the row finished
      await repo.lockJob(tx, jobId);
      const now = await repo.findJob(tx, jobId);
      if (!now || now.status !== 'running') throw new AlreadyFinished();
      // Progress goes through another connection, visible to the page while the transaction runs.
      // PGlite has one connection, and every other query waits for this transaction anyway.
      const onProgress = async (n: number) => {
        if (ctx.engine !== 'postgres') return;
        await progress({ processedRows: Math.floor(total / 2 + (n / Math.max(1, checked.length)) * (total / 2)) });
      };
      const r = await writeRows(ctx, tx, checked, row.createdBy === systemActor().userId ? null : row.createdBy, onProgress);
      await recordAudit(ctx, tx, actor, { action: 'volunteer.import', objectType: 'import_job', objectId: jobId, regionCode: region.regionCode, before: null, after: { created: r.created, matched: r.matched, skipped: problems.length, fileName: row.fileName } });
      const finished = await finish(ctx, tx, jobId, {
        status: 'done',
        processedRows: total,
        createdCount: r.created,
        matchedCount: r.matched,
        message: `新增 ${r.created} 人，匹配已有 ${r.matched} 人${problems.length ? `，跳过 ${new Set(problems.map((p) => p.row)).size} 行` : ''} / ${r.created} created, ${r.matched} matched`,
      });
      if (!finished) throw new AlreadyFinished();
    });
  } catch (err) {
    if (!(err instanceof AlreadyFinished)) throw err;
  }
}

export async function getImportJob(ctx: AppContext, actor: Actor, id: string): Promise<ImportJob> {
  const j = await repo.findJob(ctx.db, id);
  if (!j) throw notFound('导入任务 import');
  if (j.createdBy !== actor.userId) {
    const r = await regionTarget(ctx.db, j.regionCode);
    authorize(actor, VOLUNTEER_IMPORT, r);
  }
  return toJob(j);
}


/** Waits until the import is finished (the command line, the benchmark), telling its progress every `everyMs`. */
export async function waitForImport(ctx: AppContext, id: string, onProgress?: (job: ImportJob) => void, everyMs = 300): Promise<ImportJob> {
  for (;;) {
    const j = await getJobProgress(ctx, id);
    if (!j) throw notFound('导入任务 import');
    onProgress?.(j);
    if (j.status !== 'running') return j;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The job as it stands (the command line's progress bar). */
export async function getJobProgress(ctx: AppContext, id: string): Promise<ImportJob | undefined> {
  const j = await repo.findJob(ctx.db, id);
  return j ? toJob(j) : undefined;
}
