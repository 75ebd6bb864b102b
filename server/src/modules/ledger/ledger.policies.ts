import type { Actor, AppContext } from '../../context';
import { withTx, type DbOrTx } from '../../db/client';
import { AppError } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import type { LedgerPolicyFields, LedgerPolicyPutBody } from '@shared/schemas/ledger';
import { authorize, regionTarget } from '../access/index';
import { recordAudit } from '../audit/index';
import { requireRegionPath } from '../regions/index';
import { LEDGER_POLICY_EDIT } from './ledger.policy';
import { DEFAULT_POLICY, pickEffectivePolicy } from './ledger.policy-math';
import * as repo from './ledger.repository';

/** Time-bank rules per region, inherited down the tree, effective from a moment (reference data). */

export async function effectivePolicy(db: DbOrTx, regionPath: string, at: Date) {
  const rows = await repo.policiesOnPath(db, regionPath);
  return pickEffectivePolicy(rows, regionPath, at);
}

export function toPolicyView(row: repo.PolicyDbRow | null) {
  const f = row ?? { ...DEFAULT_POLICY, id: null, regionCode: null, effectiveFrom: null };
  return {
    id: f.id,
    sourceRegionCode: f.regionCode,
    effectiveFrom: f.effectiveFrom ? f.effectiveFrom.toISOString() : null,
    pointsPerHour: f.pointsPerHour,
    rounding: f.rounding as LedgerPolicyFields['rounding'],
    dailyCapMinutes: f.dailyCapMinutes,
    creditsPoints: f.creditsPoints,
    creditsTime: f.creditsTime,
    storageCapMinutes: f.storageCapMinutes,
    withdrawMinAge: f.withdrawMinAge,
    familyTransferEnabled: f.familyTransferEnabled,
    familyTransferMaxPerYearMinutes: f.familyTransferMaxPerYearMinutes,
    minMinutes: f.minMinutes,
    retroWindowDays: f.retroWindowDays,
    retroApprovalMinutes: f.retroApprovalMinutes,
    retroMonthlyLimit: f.retroMonthlyLimit,
  };
}

export async function getRegionPolicy(ctx: AppContext, regionCode: string) {
  const path = await requireRegionPath(ctx.db, regionCode);
  const effective = await effectivePolicy(ctx.db, path, ctx.clock.now());
  const own = await repo.policiesOfRegion(ctx.db, regionCode);
  return { regionCode, effective: toPolicyView(effective), own: own.map(toPolicyView) };
}

/**
 * Sets a region's rules from a moment (now when left out; never in the past, so credits
 * already made stay as they were). Fields left out keep what applies at that moment. Audited.
 */
export async function putRegionPolicy(ctx: AppContext, actor: Actor, regionCode: string, body: LedgerPolicyPutBody) {
  const now = ctx.clock.now();
  const from = body.effectiveFrom ? new Date(body.effectiveFrom) : now;
  if (from.getTime() < now.getTime() - 1000) {
    throw new AppError('VALIDATION_FAILED', '政策不能追溯生效 / A policy cannot take effect in the past', { fields: { effectiveFrom: 'in the past' } });
  }
  await withTx(ctx.db, async (tx) => {
    const target = await regionTarget(tx, regionCode);
    authorize(actor, LEDGER_POLICY_EDIT, target);
    const before = await effectivePolicy(tx, target.regionPath, from);
    const base = toPolicyView(before);
    const { effectiveFrom: _e, ...fields } = body;
    const next = { ...base, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) } as LedgerPolicyFields;
    const row = await repo.upsertPolicy(tx, {
      id: newId(),
      regionCode,
      effectiveFrom: from,
      pointsPerHour: next.pointsPerHour,
      rounding: next.rounding,
      dailyCapMinutes: next.dailyCapMinutes,
      creditsPoints: next.creditsPoints,
      creditsTime: next.creditsTime,
      storageCapMinutes: next.storageCapMinutes,
      withdrawMinAge: next.withdrawMinAge,
      familyTransferEnabled: next.familyTransferEnabled,
      familyTransferMaxPerYearMinutes: next.familyTransferMaxPerYearMinutes,
      minMinutes: next.minMinutes,
      retroWindowDays: next.retroWindowDays,
      retroApprovalMinutes: next.retroApprovalMinutes,
      retroMonthlyLimit: next.retroMonthlyLimit,
      createdBy: actor.userId,
      createdAt: now,
    });
    await recordAudit(ctx, tx, actor, { action: 'ledger.policy.set', objectType: 'ledger_policy', objectId: row.id, regionCode, before: before ?? base, after: row });
  });
  return getRegionPolicy(ctx, regionCode);
}

