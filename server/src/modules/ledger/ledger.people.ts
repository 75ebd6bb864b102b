import type { DbOrTx } from '../../db/client';
import { notFound } from '../../lib/app-error';
import type { Target } from '../access/index';
import * as repo from './ledger.repository';

/** The policy target of a person's ledger data: their region, and themself as the owner. */
export async function personTarget(db: DbOrTx, userId: string): Promise<Target & { regionCode: string }> {
  const u = await repo.findUserBrief(db, userId);
  if (!u || !u.regionPath) throw notFound('用户 user');
  return { regionPath: u.regionPath, regionCode: u.regionCode, ownerId: u.id };
}

