import type { Actor, AppContext } from '../../context';
import { withTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { cleanDocument, DOCUMENT_TYPES, extensionOf, uploadsStorage } from '../../lib/documents';
import type { Nomination } from '@shared/schemas/awards';
import { authorize, can, orgTarget, regionTarget } from '../access/index';
import { recordAudit } from '../audit/index';
import { AWARD_CAMPAIGN_MANAGE, AWARD_NOMINATE } from './awards.policy';
import * as repo from './awards.repository';
import { requirePhase, toNomination } from './awards.views';

/**
 * Evidence files of a nomination (证明材料): the nominating organisation's admins attach pictures
 * (re-encoded without EXIF or GPS) and PDF files to a pending nomination while nominations are
 * open, ten pieces of evidence at most with the links; the nominating organisation and the
 * region's reviewers read them. Never public: evidence may name people.
 */
export const EVIDENCE_TYPES = DOCUMENT_TYPES;
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
const MAX_EVIDENCE = 10;

export interface EvidenceItem {
  url: string;
  title: string;
  fileId?: string;
  contentType?: string;
}

async function nominationFor(ctx: AppContext, actor: Actor, id: string, lock: { tx?: Parameters<typeof repo.findNomination>[0] } = {}) {
  const n = await repo.findNomination(lock.tx ?? ctx.db, id, !!lock.tx);
  if (!n) throw notFound('提名 nomination');
  authorize(actor, AWARD_NOMINATE, await orgTarget(lock.tx ?? ctx.db, n.nominatingOrgId));
  return n;
}

/** Before the body is read: an admin of the nominating organisation. */
export async function checkEvidenceUpload(ctx: AppContext, actor: Actor, nominationId: string): Promise<void> {
  await nominationFor(ctx, actor, nominationId);
}

export async function uploadEvidence(ctx: AppContext, actor: Actor, nominationId: string, data: Buffer, title: string): Promise<Nomination> {
  if (data.length === 0) throw new AppError('VALIDATION_FAILED', undefined, { fields: { file: '请选择文件 / Choose a file' } });
  const stored = await cleanDocument(data);
  const fileId = newId();
  const key = `awards/${nominationId}/${fileId}.${stored.ext}`;
  // checked before the file is written, and again under the row's lock when it is attached
  await nominationFor(ctx, actor, nominationId);
  const storage = uploadsStorage(ctx);
  await storage.put(key, stored.data);
  try {
    return await withTx(ctx.db, async (tx) => {
      const n = await nominationFor(ctx, actor, nominationId, { tx });
      const c = (await repo.findCampaign(tx, n.campaignId))!;
      requirePhase(c, ctx.clock.now(), ['nominating'], ['提名', 'Nominating']);
      if (n.status !== 'pending') throw new AppError('INVALID_STATE', '提名已审核，不能再补充材料 / The nomination was reviewed: no more evidence can be added', { status: n.status });
      const evidence = n.evidence as EvidenceItem[];
      if (evidence.length >= MAX_EVIDENCE) throw new AppError('VALIDATION_FAILED', undefined, { fields: { file: `证明材料最多${MAX_EVIDENCE}项 / At most ${MAX_EVIDENCE} pieces of evidence` } });
      const item: EvidenceItem = { url: `/api/v1/award-nominations/${nominationId}/evidence/${fileId}`, title: title.trim().slice(0, 100) || `证明材料${evidence.length + 1}`, fileId, contentType: stored.type };
      const row = await repo.setNominationEvidence(tx, nominationId, [...evidence, item]);
      await recordAudit(ctx, tx, actor, { action: 'awards.nomination.evidence', objectType: 'award_nomination', objectId: nominationId, regionCode: n.regionCode, after: { fileId, title: item.title, contentType: stored.type, bytes: stored.data.length } });
      return toNomination(row, (await repo.orgNames(tx, [n.nominatingOrgId])).get(n.nominatingOrgId) ?? '');
    });
  } catch (err) {
    await storage.delete(key).catch(() => undefined);
    throw err;
  }
}

/** One evidence file: the nominating organisation's admins and the campaign region's admins. */
export async function readEvidence(ctx: AppContext, actor: Actor, nominationId: string, fileId: string): Promise<{ data: Buffer; contentType: string; filename: string }> {
  const n = await repo.findNomination(ctx.db, nominationId);
  if (!n) throw notFound('提名 nomination');
  const c = (await repo.findCampaign(ctx.db, n.campaignId))!;
  if (!can(actor, AWARD_CAMPAIGN_MANAGE, await regionTarget(ctx.db, c.regionCode))) authorize(actor, AWARD_NOMINATE, await orgTarget(ctx.db, n.nominatingOrgId));
  const item = (n.evidence as EvidenceItem[]).find((e) => e.fileId === fileId);
  if (!item?.contentType) throw notFound('证明材料 evidence');
  const ext = extensionOf(item.contentType);
  const data = await uploadsStorage(ctx).get(`awards/${nominationId}/${fileId}.${ext}`);
  if (!data) throw notFound('证明材料 evidence');
  return { data, contentType: item.contentType, filename: `${fileId}.${ext}` };
}
