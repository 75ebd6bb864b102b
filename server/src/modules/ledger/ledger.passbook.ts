import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import type { Balances, Ledger, PassbookItem, PassbookQuery, TransferStatus } from '@shared/schemas/ledger';
import { authorize } from '../access/index';
import { spendable } from './ledger.engine';
import { PASSBOOK_READ } from './ledger.policy';
import { personTarget } from './ledger.people';
import * as repo from './ledger.repository';
import type { TransferRow } from './ledger.repository';

/** The passbook (爱心存折): spendable balances and the entries that made them, newest first. */

/** Spendable balances of a person (accounts not made yet: zero). */
export async function balances(db: DbOrTx, userId: string): Promise<Balances> {
  return balancesOf(await repo.findPersonAccounts(db, userId));
}

/** Several people's spendable balances (a page of a list); no account yet reads as zero. */
export async function balancesMany(db: DbOrTx, userIds: readonly string[]): Promise<Map<string, Balances>> {
  const out = new Map<string, Balances>(userIds.map((id) => [id, { points: 0, time: 0 }]));
  for (const a of await repo.findPersonAccountsMany(db, userIds)) out.get(a.ownerUserId!)![a.ledger as Ledger] = spendable(a);
  return out;
}

function balancesOf(accounts: ReadonlyArray<Parameters<typeof spendable>[0] & { ledger: string }>): Balances {
  const out: Balances = { points: 0, time: 0 };
  for (const a of accounts) out[a.ledger as Ledger] = spendable(a);
  return out;
}

/** The change of the holder's spendable balance a record makes (a reservation counts when made). */
export function holderEffect(t: Pick<TransferRow, 'status' | 'amount' | 'debitAccountId'>, accountId: string): number {
  const isDebit = t.debitAccountId === accountId;
  switch (t.status) {
    case 'posted':
      return isDebit ? -t.amount : t.amount;
    case 'pending':
      return isDebit ? -t.amount : 0;
    case 'post_pending':
      return isDebit ? 0 : t.amount;
    default: // void_pending, expired
      return isDebit ? t.amount : 0;
  }
}

export async function passbook(db: DbOrTx, userId: string, q: { ledger?: Ledger | undefined; page: number; pageSize: number }) {
  const all = await repo.findPersonAccounts(db, userId);
  const accounts = all.filter((a) => !q.ledger || a.ledger === q.ledger);
  const bal = balancesOf(all);
  const { rows, total } = await repo.listAccountTransfers(db, accounts.map((a) => a.id), q.pageSize, (q.page - 1) * q.pageSize);
  const mine = new Set(accounts.map((a) => a.id));
  // a reservation stays a pending line; what became of it (paid, returned, expired) is said beside it
  const settled = await repo.resolutionsOf(db, rows.filter((t) => t.status === 'pending').map((t) => t.id));
  const items: PassbookItem[] = rows.map((t) => {
    const accountId = mine.has(t.debitAccountId) ? t.debitAccountId : t.creditAccountId;
    return {
      id: t.id,
      ledger: t.ledger as Ledger,
      amount: holderEffect(t, accountId),
      kind: t.code,
      status: t.status as TransferStatus,
      settledAs: (settled.get(t.id) as TransferStatus | undefined) ?? null,
      transferAmount: t.amount,
      memo: t.memo,
      at: t.createdAt.toISOString(),
      balanceAfter: accountId === t.debitAccountId ? t.debitBalanceAfter : t.creditBalanceAfter,
      objectType: t.objectType,
      objectId: t.objectId,
    };
  });
  return { balances: bal, items, total };
}

export async function readPassbook(ctx: AppContext, actor: Actor, userId: string, q: PassbookQuery) {
  // one's own passbook needs no read of where one lives: the owner may always read it
  authorize(actor, PASSBOOK_READ, userId === actor.userId ? { regionPath: '', ownerId: userId } : await personTarget(ctx.readDb, userId));
  return passbook(ctx.readDb, userId, q);
}

/** The holder's name printed on a passbook file. */
export async function passbookHolderName(ctx: AppContext, userId: string): Promise<string> {
  return (await repo.findUserBrief(ctx.readDb, userId))?.name ?? '';
}

