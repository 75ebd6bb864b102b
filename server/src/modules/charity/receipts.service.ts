import crypto from 'node:crypto';
import type { Actor, AppContext } from '../../context';
import { withTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { cleanDocument, extensionOf, uploadsStorage } from '../../lib/documents';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit/index';
import { disbursementView, eventFor } from './charity.service';
import * as repo from './charity.repository';

/**
 * Receipt files of a disbursement (票据、收据、转账凭证): the event's region admins attach scans
 * (pictures re-encoded without EXIF, or PDF) to a disbursement that is not a reversal, ten at most;
 * appended only, each with its sha256, who attached it and when. Staff of the event (its region's
 * admins and its recorders) open them; the public account says how many each disbursement has —
 * the files themselves may name a person who was helped, so they are not public.
 */
export const MAX_RECEIPT_BYTES = 5 * 1024 * 1024;
const MAX_RECEIPTS = 10;

const keyOf = (disbursementId: string, id: string, contentType: string) => `charity/${disbursementId}/${id}.${extensionOf(contentType)}`;

async function disbursementOr404(ctx: AppContext, id: string) {
  const d = await repo.findDisbursement(ctx.db, id);
  if (!d) throw notFound('拨付记录 disbursement');
  return d;
}

/** Before the body is read: a region admin of the disbursement's event. */
export async function checkReceiptUpload(ctx: AppContext, actor: Actor, disbursementId: string): Promise<void> {
  const d = await disbursementOr404(ctx, disbursementId);
  await eventFor(ctx.db, actor, d.eventId, false);
}

export async function attachReceipt(ctx: AppContext, actor: Actor, disbursementId: string, bytes: Buffer, title: string) {
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', undefined, { fields: { file: '请选择文件 / Choose a file' } });
  const d = await disbursementOr404(ctx, disbursementId);
  await eventFor(ctx.db, actor, d.eventId, false);
  if (d.reversesId) throw new AppError('INVALID_STATE', '冲销记录不附票据，请附在原拨付记录上 / A reversal takes no receipt: attach it to the original disbursement');
  const stored = await cleanDocument(bytes);
  const id = newId();
  const key = keyOf(disbursementId, id, stored.type);
  const storage = uploadsStorage(ctx);
  // the file first, then its row: a refused or failed row removes the file; a crash between leaves an unreferenced file, never a row without its file
  await storage.put(key, stored.data);
  try {
    return await withTx(ctx.db, async (tx) => {
      const e = await eventFor(tx, actor, d.eventId, false);
      // two scans sent at once are counted one after the other: never more than ten
      await repo.lockDisbursement(tx, disbursementId);
      const existing = (await repo.receiptsOf(tx, [disbursementId])).get(disbursementId) ?? [];
      if (existing.length >= MAX_RECEIPTS) throw new AppError('VALIDATION_FAILED', undefined, { fields: { file: `每笔拨付最多附${MAX_RECEIPTS}份票据 / At most ${MAX_RECEIPTS} receipts per disbursement` } });
      const sha256 = crypto.createHash('sha256').update(stored.data).digest('hex');
      const name = title.trim().slice(0, 100) || `票据${existing.length + 1}`;
      await repo.insertReceipt(tx, { id, cityCode: e.cityCode, eventId: e.id, disbursementId, title: name, contentType: stored.type, bytes: stored.data.length, sha256, uploadedBy: actor.userId, uploadedAt: ctx.clock.now() });
      await recordAudit(ctx, tx, actor, { action: 'charity.receipt.attach', objectType: 'charity_disbursement', objectId: disbursementId, regionCode: e.regionCode, before: null, after: { receiptId: id, title: name, contentType: stored.type, bytes: stored.data.length, sha256 } });
      return disbursementView(tx, e.id, disbursementId);
    });
  } catch (err) {
    await storage.delete(key).catch(() => undefined);
    throw err;
  }
}

/** One receipt file: the event's region admins and its recorders. */
export async function readReceipt(ctx: AppContext, actor: Actor, disbursementId: string, receiptId: string): Promise<{ data: Buffer; contentType: string; filename: string }> {
  const d = await disbursementOr404(ctx, disbursementId);
  await eventFor(ctx.db, actor, d.eventId, true);
  const r = await repo.findReceipt(ctx.db, disbursementId, receiptId);
  if (!r) throw notFound('票据 receipt');
  const key = keyOf(disbursementId, r.id, r.contentType);
  const data = await uploadsStorage(ctx).get(key);
  if (!data) throw notFound('票据 receipt');
  return { data, contentType: r.contentType, filename: `${r.id}.${extensionOf(r.contentType)}` };
}
