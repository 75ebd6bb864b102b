import type { Actor, AppContext } from '../../context';
import { withTx, type DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { offsetOf } from '../../lib/pagination';
import { cityCodeOf } from '@shared/lib/region-code';
import { maskName } from '@shared/lib/person-name';
import { formatFen, sumFen } from '@shared/lib/money';
import type { PageQuery } from '@shared/schemas/common';
import type { CharityDisbursementBody, CharityEvent, CharityEventBody, CharityEventDetail, CharityPublicAccount, CharitySale, CharitySaleBody } from '@shared/schemas/charity';
import { assertNotSelfBenefit, authorize, can, regionScopes, regionTarget } from '../access/index';
import { recordAudit } from '../audit/index';
import { regionOrCity } from '../regions/index';
import { CHARITY_MANAGE } from './charity.policy';
import * as repo from './charity.repository';

/**
 * Charity sales (慈善义卖): a region admin sets up the event (organisers, stalls, sellers, items)
 * and names the recorders; the recorders (and the region's admins) record each sale in fen at the
 * stall; the region's admins record where the money went, never more than was raised. Sales and
 * disbursements are appended only; a mistake is corrected by a reversing line. Anyone reads the
 * public account, which balances to the fen.
 */

const target = (e: repo.EventView) => ({ regionPath: e.regionPath });

async function eventOr404(db: DbOrTx, id: string): Promise<repo.EventView> {
  const e = await repo.findEvent(db, id);
  if (!e) throw notFound('义卖活动 charity event');
  return e;
}

/** The event for one of its region's admins (or, with `recordersToo`, one of its recorders). */
export async function eventFor(db: DbOrTx, actor: Actor, id: string, recordersToo: boolean): Promise<repo.EventView & { canManage: boolean }> {
  const e = await eventOr404(db, id);
  if (can(actor, CHARITY_MANAGE, target(e))) return { ...e, canManage: true };
  if (recordersToo && (await repo.isStaff(db, e.id, actor.userId))) return { ...e, canManage: false };
  throw new AppError('FORBIDDEN', '只有该义卖的记账人员或所在地区的管理员可以操作 / Only this sale’s recorders or its region’s admins may do this', { permission: CHARITY_MANAGE.name });
}

const totalsOf = (t: repo.TotalsRow) => ({ raisedFen: t.raisedFen, disbursedFen: t.disbursedFen, heldFen: t.raisedFen - t.disbursedFen, saleLines: t.saleLines });

function toEvent(e: repo.EventView): CharityEvent {
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    regionCode: e.regionCode,
    regionName: e.regionName,
    place: e.place,
    organisers: e.organisers,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    status: e.status as CharityEvent['status'],
    totals: totalsOf(e.totals),
    createdAt: e.createdAt.toISOString(),
  };
}

async function detail(db: DbOrTx, e: repo.EventView, canManage: boolean): Promise<CharityEventDetail> {
  // one after the other: `db` may be a transaction's single connection
  const stalls = await repo.stallsOf(db, e.id);
  const sellers = await repo.sellersOf(db, e.id);
  const items = await repo.itemsOf(db, e.id);
  const staff = await repo.staffOf(db, e.id);
  const byStall = await repo.raisedByStall(db, e.id);
  return {
    ...toEvent(e),
    stalls: stalls.map((s) => ({ id: s.id, name: s.name, kind: s.kind as 'family' | 'public', raisedFen: byStall.get(s.id)?.raisedFen ?? 0 })),
    sellers: sellers.map(({ s, guardianName }) => ({ id: s.id, stallId: s.stallId, name: s.name, isMinor: s.isMinor === 1, minorUserId: s.minorUserId, guardianUserId: s.guardianUserId, guardianName })),
    items: items.map((i) => ({ id: i.id, stallId: i.stallId, name: i.name, priceFen: i.priceFen })),
    staff,
    canManage,
  };
}

// ——— events ———

export async function createEvent(ctx: AppContext, actor: Actor, body: CharityEventBody): Promise<CharityEventDetail> {
  return withTx(ctx.db, async (tx) => {
    const t = await regionTarget(tx, body.regionCode);
    authorize(actor, CHARITY_MANAGE, t);
    const now = ctx.clock.now();
    const row = {
      id: newId(),
      cityCode: cityCodeOf(t.regionCode),
      regionCode: t.regionCode,
      title: body.title,
      description: body.description,
      place: body.place,
      organisers: body.organisers,
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
      status: 'open',
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    };
    await repo.insertEvent(tx, row);
    await recordAudit(ctx, tx, actor, { action: 'charity.event.create', objectType: 'charity_event', objectId: row.id, regionCode: row.regionCode, before: null, after: row });
    return detail(tx, await eventOr404(tx, row.id), true);
  });
}

export async function getEvent(ctx: AppContext, actor: Actor, id: string): Promise<CharityEventDetail> {
  const e = await eventFor(ctx.db, actor, id, true);
  return detail(ctx.db, e, e.canManage);
}

/** The events of my regions (region admins) and the events I record for (recorders). */
export async function listEvents(ctx: AppContext, actor: Actor, q: PageQuery & { regionCode?: string | undefined }) {
  const { limit, offset } = offsetOf(q);
  let paths = regionScopes(actor, ['region_admin']);
  if (q.regionCode) {
    const t = await regionTarget(ctx.db, q.regionCode);
    authorize(actor, CHARITY_MANAGE, t);
    paths = [t.regionPath];
  }
  if (paths.length) {
    const page = await repo.listEvents(ctx.db, paths, limit, offset);
    return { total: page.total, items: page.items.map(toEvent) };
  }
  const mine = await repo.eventsByIds(ctx.db, await repo.eventIdsOfStaff(ctx.db, actor.userId));
  return { total: mine.length, items: mine.slice(offset, offset + limit).map(toEvent) };
}

export async function setStatus(ctx: AppContext, actor: Actor, id: string, status: 'open' | 'closed'): Promise<CharityEventDetail> {
  return withTx(ctx.db, async (tx) => {
    const e = await eventFor(tx, actor, id, false);
    if (!(await repo.setEventStatus(tx, id, status === 'closed' ? 'open' : 'closed', status, ctx.clock.now()))) {
      throw new AppError('INVALID_STATE', `义卖已是${status === 'closed' ? '结束' : '进行中'}状态 / The sale is already ${status}`);
    }
    await recordAudit(ctx, tx, actor, { action: `charity.event.${status === 'closed' ? 'close' : 'reopen'}`, objectType: 'charity_event', objectId: id, regionCode: e.regionCode, before: { status: e.status }, after: { status } });
    return detail(tx, await eventOr404(tx, id), true);
  });
}

export async function addRecorder(ctx: AppContext, actor: Actor, id: string, userId: string): Promise<CharityEventDetail> {
  return withTx(ctx.db, async (tx) => {
    const e = await eventFor(tx, actor, id, false);
    if (!(await repo.findUser(tx, userId))) throw notFound('用户 user');
    if (!(await repo.addStaff(tx, { eventId: id, userId, cityCode: e.cityCode, addedBy: actor.userId, createdAt: ctx.clock.now() }))) {
      throw new AppError('CONFLICT', '此人已是该义卖的记账人员 / This person already records for this sale');
    }
    await recordAudit(ctx, tx, actor, { action: 'charity.staff.add', objectType: 'charity_event', objectId: id, regionCode: e.regionCode, before: null, after: { userId } });
    return detail(tx, e, true);
  });
}

// ——— stalls, sellers, items ———

async function stallOf(db: DbOrTx, eventId: string, stallId: string) {
  const s = (await repo.stallsOf(db, eventId)).find((x) => x.id === stallId);
  if (!s) throw new AppError('VALIDATION_FAILED', undefined, { fields: { stallId: '该义卖没有这个摊位 / No such stall at this sale' } });
  return s;
}

export async function addStall(ctx: AppContext, actor: Actor, id: string, body: { name: string; kind: 'family' | 'public' }): Promise<CharityEventDetail> {
  return withTx(ctx.db, async (tx) => {
    const e = await eventFor(tx, actor, id, false);
    const s = await repo.insertStall(tx, { id: newId(), cityCode: e.cityCode, eventId: id, name: body.name, kind: body.kind, createdAt: ctx.clock.now() });
    await recordAudit(ctx, tx, actor, { action: 'charity.stall.add', objectType: 'charity_event', objectId: id, regionCode: e.regionCode, before: null, after: s });
    return detail(tx, e, true);
  });
}

export async function addSeller(ctx: AppContext, actor: Actor, id: string, body: { stallId: string; name: string; isMinor: boolean; minorUserId?: string | undefined; guardianUserId?: string | undefined }): Promise<CharityEventDetail> {
  return withTx(ctx.db, async (tx) => {
    const e = await eventFor(tx, actor, id, false);
    await stallOf(tx, id, body.stallId);
    for (const [field, uid] of [['guardianUserId', body.guardianUserId], ['minorUserId', body.minorUserId]] as const) {
      if (uid && !(await repo.findUser(tx, uid))) throw new AppError('VALIDATION_FAILED', undefined, { fields: { [field]: '没有这个账号 / No such account' } });
    }
    if (body.guardianUserId && body.guardianUserId === body.minorUserId) throw new AppError('VALIDATION_FAILED', undefined, { fields: { guardianUserId: '监护人不能是孩子本人 / The guardian cannot be the child' } });
    const s = await repo.insertSeller(tx, { id: newId(), cityCode: e.cityCode, eventId: id, stallId: body.stallId, name: body.name, isMinor: body.isMinor ? 1 : 0, minorUserId: body.minorUserId ?? null, guardianUserId: body.guardianUserId ?? null, createdAt: ctx.clock.now() });
    await recordAudit(ctx, tx, actor, { action: 'charity.seller.add', objectType: 'charity_event', objectId: id, regionCode: e.regionCode, before: null, after: { id: s.id, stallId: s.stallId, isMinor: body.isMinor, guardianUserId: s.guardianUserId } });
    return detail(tx, e, true);
  });
}

export async function addItem(ctx: AppContext, actor: Actor, id: string, body: { stallId: string; name: string; priceFen: number }): Promise<CharityEventDetail> {
  return withTx(ctx.db, async (tx) => {
    const e = await eventFor(tx, actor, id, true);
    await stallOf(tx, id, body.stallId);
    const i = await repo.insertItem(tx, { id: newId(), cityCode: e.cityCode, eventId: id, stallId: body.stallId, name: body.name, priceFen: body.priceFen, createdAt: ctx.clock.now() });
    await recordAudit(ctx, tx, actor, { action: 'charity.item.add', objectType: 'charity_event', objectId: id, regionCode: e.regionCode, before: null, after: i });
    return detail(tx, e, e.canManage);
  });
}

// ——— sales ———

function toSale(r: Awaited<ReturnType<typeof repo.saleView>>): CharitySale {
  return {
    id: r.s.id,
    eventId: r.s.eventId,
    stallId: r.s.stallId,
    stallName: r.stallName,
    itemId: r.s.itemId,
    itemName: r.itemName,
    sellerId: r.s.sellerId,
    sellerName: r.sellerName,
    quantity: r.s.quantity,
    amountFen: r.s.amountFen,
    reversesId: r.s.reversesId,
    reversed: !!r.reversed,
    note: r.s.note,
    recordedByName: r.recordedByName,
    recordedAt: r.s.recordedAt.toISOString(),
  };
}

const tooMuch = () =>
  new AppError('INVALID_STATE', '该笔款项已拨付，不能再冲销；请先冲销相应的拨付 / This money has already been paid out; reverse the disbursement first');

/** A recorder (or the region's admin) records a sale line while the sale is open; the totals move in the same transaction. */
export async function recordSale(ctx: AppContext, actor: Actor, id: string, body: CharitySaleBody) {
  return withTx(ctx.db, async (tx) => {
    const e = await eventFor(tx, actor, id, true);
    if (e.status !== 'open') throw new AppError('INVALID_STATE', '义卖已结束，不能再记录销售 / The sale has ended; no more sales can be recorded');
    await stallOf(tx, id, body.stallId);
    const items = await repo.itemsOf(tx, id);
    const item = body.itemId ? items.find((i) => i.id === body.itemId) : undefined;
    if (body.itemId && (!item || item.stallId !== body.stallId)) throw new AppError('VALIDATION_FAILED', undefined, { fields: { itemId: '该摊位没有这件义卖品 / No such item at this stall' } });
    if (body.sellerId) {
      const seller = (await repo.sellersOf(tx, id)).find((s) => s.s.id === body.sellerId);
      if (!seller || seller.s.stallId !== body.stallId) throw new AppError('VALIDATION_FAILED', undefined, { fields: { sellerId: '该摊位没有这位卖家 / No such seller at this stall' } });
    }
    const amountFen = body.amountFen ?? (item ? item.priceFen * body.quantity : undefined);
    if (amountFen === undefined) throw new AppError('VALIDATION_FAILED', undefined, { fields: { amountFen: '请填写收到的金额 / Give the amount received' } });
    if (!Number.isSafeInteger(amountFen)) throw new AppError('VALIDATION_FAILED', undefined, { fields: { amountFen: '金额超出范围 / The amount is out of range' } });
    const saleId = newId();
    await repo.insertSale(tx, { id: saleId, cityCode: e.cityCode, eventId: id, stallId: body.stallId, itemId: body.itemId ?? null, sellerId: body.sellerId ?? null, quantity: body.quantity, amountFen, reversesId: null, note: body.note ?? null, recordedBy: actor.userId, recordedAt: ctx.clock.now() });
    const totals = await repo.addToTotals(tx, id, { raisedFen: amountFen, saleLines: 1 });
    if (!totals) throw new AppError('CONFLICT', '合计超出范围 / The totals are out of range');
    await recordAudit(ctx, tx, actor, { action: 'charity.sale.record', objectType: 'charity_sale', objectId: saleId, regionCode: e.regionCode, before: null, after: { eventId: id, stallId: body.stallId, itemId: body.itemId ?? null, quantity: body.quantity, amountFen } });
    return { sale: toSale(await repo.saleView(tx, saleId)), totals: totalsOf(totals) };
  });
}

/** A mistaken sale line is taken back by a reversing line (once); the money must still be held. */
export async function reverseSale(ctx: AppContext, actor: Actor, saleId: string, reason: string) {
  return withTx(ctx.db, async (tx) => {
    const s = await repo.findSale(tx, saleId);
    if (!s) throw notFound('销售记录 sale');
    const e = await eventFor(tx, actor, s.eventId, true);
    if (s.reversesId) throw new AppError('INVALID_STATE', '冲销记录不能再冲销 / A reversal cannot be reversed');
    const id = newId();
    if (!(await repo.insertSale(tx, { id, cityCode: e.cityCode, eventId: s.eventId, stallId: s.stallId, itemId: s.itemId, sellerId: s.sellerId, quantity: -s.quantity, amountFen: -s.amountFen, reversesId: s.id, note: reason, recordedBy: actor.userId, recordedAt: ctx.clock.now() }))) {
      throw new AppError('INVALID_STATE', '这笔销售已经冲销过了 / This sale was already reversed');
    }
    const totals = await repo.addToTotals(tx, s.eventId, { raisedFen: -s.amountFen, saleLines: -1 });
    if (!totals) throw tooMuch();
    await recordAudit(ctx, tx, actor, { action: 'charity.sale.reverse', objectType: 'charity_sale', objectId: s.id, regionCode: e.regionCode, before: { amountFen: s.amountFen }, after: { reversalId: id, reason } });
    return { sale: toSale(await repo.saleView(tx, id)), totals: totalsOf(totals) };
  });
}

export async function listSales(ctx: AppContext, actor: Actor, id: string, q: PageQuery) {
  await eventFor(ctx.db, actor, id, true);
  const { limit, offset } = offsetOf(q);
  const page = await repo.salesOf(ctx.db, id, limit, offset);
  return { total: page.total, items: page.items.map(toSale) };
}

// ——— disbursements ———

type ReceiptsOf = Awaited<ReturnType<typeof repo.receiptsOf>>;

export function toReceipt(r: repo.ReceiptRow & { uploadedByName: string }) {
  return { id: r.id, title: r.title, contentType: r.contentType, bytes: r.bytes, sha256: r.sha256, url: `/api/v1/charity-disbursements/${r.disbursementId}/receipts/${r.id}`, uploadedByName: r.uploadedByName, uploadedAt: r.uploadedAt.toISOString() };
}

function toDisbursement(r: { d: repo.DisbursementRow; recordedByName: string; reversed: boolean }, receipts: ReceiptsOf) {
  return {
    id: r.d.id,
    eventId: r.d.eventId,
    beneficiary: r.d.beneficiary,
    beneficiaryKind: r.d.beneficiaryKind as 'person' | 'group',
    beneficiaryUserId: r.d.beneficiaryUserId,
    purpose: r.d.purpose,
    amountFen: r.d.amountFen,
    receiptNo: r.d.receiptNo,
    reversesId: r.d.reversesId,
    reversed: !!r.reversed,
    recordedByName: r.recordedByName,
    recordedAt: r.d.recordedAt.toISOString(),
    receipts: (receipts.get(r.d.id) ?? []).map(toReceipt),
  };
}

export async function disbursementView(db: DbOrTx, eventId: string, id: string) {
  // an event's disbursements are a handful: read them by the event's index and pick the one
  const all = await repo.disbursementsOf(db, eventId, 1000, 0);
  return toDisbursement(all.items.find((r) => r.d.id === id)!, await repo.receiptsOf(db, [id]));
}

/**
 * A region admin records where money went: never more than is held (one compare-and-set on the
 * totals), never to themselves (four eyes).
 */
export async function recordDisbursement(ctx: AppContext, actor: Actor, id: string, body: CharityDisbursementBody) {
  return withTx(ctx.db, async (tx) => {
    const e = await eventFor(tx, actor, id, false);
    assertNotSelfBenefit(actor, { beneficiaryUserIds: [body.beneficiaryUserId], reason: '不能把义卖善款拨付给自己，须由其他管理员办理 / You cannot pay charity money to yourself; another admin must' });
    if (body.beneficiaryUserId && !(await repo.findUser(tx, body.beneficiaryUserId))) throw new AppError('VALIDATION_FAILED', undefined, { fields: { beneficiaryUserId: '没有这个账号 / No such account' } });
    const did = newId();
    await repo.insertDisbursement(tx, { id: did, cityCode: e.cityCode, eventId: id, beneficiary: body.beneficiary, beneficiaryKind: body.beneficiaryKind, beneficiaryUserId: body.beneficiaryUserId ?? null, purpose: body.purpose, amountFen: body.amountFen, receiptNo: body.receiptNo, reversesId: null, recordedBy: actor.userId, recordedAt: ctx.clock.now() });
    const totals = await repo.addToTotals(tx, id, { disbursedFen: body.amountFen });
    if (!totals) {
      const held = e.totals.raisedFen - e.totals.disbursedFen;
      throw new AppError('INSUFFICIENT_BALANCE', `拨付金额超过结余：结余 ${formatFen(held)} 元 / The amount exceeds the money held: ${formatFen(held)} yuan`, { heldFen: held });
    }
    await recordAudit(ctx, tx, actor, { action: 'charity.disbursement.record', objectType: 'charity_disbursement', objectId: did, regionCode: e.regionCode, before: null, after: { eventId: id, beneficiary: body.beneficiary, amountFen: body.amountFen, receiptNo: body.receiptNo } });
    return { disbursement: await disbursementView(tx, id, did), totals: totalsOf(totals) };
  });
}

export async function reverseDisbursement(ctx: AppContext, actor: Actor, disbursementId: string, reason: string) {
  return withTx(ctx.db, async (tx) => {
    const d = await repo.findDisbursement(tx, disbursementId);
    if (!d) throw notFound('拨付记录 disbursement');
    const e = await eventFor(tx, actor, d.eventId, false);
    if (d.reversesId) throw new AppError('INVALID_STATE', '冲销记录不能再冲销 / A reversal cannot be reversed');
    const id = newId();
    if (!(await repo.insertDisbursement(tx, { ...d, id, amountFen: -d.amountFen, purpose: `冲销：${reason}`.slice(0, 200), reversesId: d.id, recordedBy: actor.userId, recordedAt: ctx.clock.now() }))) {
      throw new AppError('INVALID_STATE', '这笔拨付已经冲销过了 / This disbursement was already reversed');
    }
    const totals = await repo.addToTotals(tx, d.eventId, { disbursedFen: -d.amountFen });
    if (!totals) throw new AppError('CONFLICT', '合计不一致 / The totals disagree');
    await recordAudit(ctx, tx, actor, { action: 'charity.disbursement.reverse', objectType: 'charity_disbursement', objectId: d.id, regionCode: e.regionCode, before: { amountFen: d.amountFen }, after: { reversalId: id, reason } });
    return { disbursement: await disbursementView(tx, d.eventId, id), totals: totalsOf(totals) };
  });
}

export async function listDisbursements(ctx: AppContext, actor: Actor, id: string, q: PageQuery) {
  await eventFor(ctx.db, actor, id, true);
  const { limit, offset } = offsetOf(q);
  const page = await repo.disbursementsOf(ctx.db, id, limit, offset);
  const receipts = await repo.receiptsOf(ctx.db, page.items.map((r) => r.d.id));
  return { total: page.total, items: page.items.map((r) => toDisbursement(r, receipts)) };
}

// ——— public ———

const publicEvent = (e: repo.EventView) => {
  const { createdAt: _createdAt, ...rest } = toEvent(e);
  return rest;
};

/** The public list: the events of a region's subtree (the city without one), newest first. */
export async function publicEvents(ctx: AppContext, q: PageQuery & { regionCode?: string | undefined }) {
  const r = await regionOrCity(ctx.db, q.regionCode);
  if (!r) return { items: [], total: 0 };
  const { limit, offset } = offsetOf(q);
  const page = await repo.listEvents(ctx.db, [r.path], limit, offset);
  return { total: page.total, items: page.items.map(publicEvent) };
}

/**
 * The public account (公开账目): raised by stall, every disbursement (a person masked), held. No
 * seller or guardian is named. `balances` says the lines add up to the totals row, to the fen.
 */
export async function publicAccount(ctx: AppContext, id: string): Promise<CharityPublicAccount> {
  const e = await eventOr404(ctx.db, id);
  const stalls = await repo.stallsOf(ctx.db, id);
  const byStall = await repo.raisedByStall(ctx.db, id);
  const disb = await repo.disbursementsOf(ctx.db, id, 1000, 0);
  const live = disb.items.filter((r) => !r.d.reversesId && !r.reversed);
  const receipts = await repo.receiptsOf(ctx.db, live.map((r) => r.d.id));
  const raisedLines = sumFen([...byStall.values()].map((s) => s.raisedFen));
  const disbursedLines = sumFen(disb.items.map((r) => r.d.amountFen));
  return {
    event: publicEvent(e),
    stalls: stalls.map((s) => ({ name: s.name, kind: s.kind as 'family' | 'public', raisedFen: byStall.get(s.id)?.raisedFen ?? 0, saleLines: byStall.get(s.id)?.saleLines ?? 0 })),
    disbursements: live.map((r) => ({
      beneficiary: r.d.beneficiaryKind === 'person' ? maskName(r.d.beneficiary) : r.d.beneficiary,
      purpose: r.d.purpose,
      amountFen: r.d.amountFen,
      receiptNo: r.d.receiptNo,
      receiptFiles: receipts.get(r.d.id)?.length ?? 0,
      recordedAt: r.d.recordedAt.toISOString(),
    })),
    balances: raisedLines === e.totals.raisedFen && disbursedLines === e.totals.disbursedFen && e.totals.raisedFen - e.totals.disbursedFen >= 0,
  };
}

/** Totals by community: every region under the one asked (the city without one) that ran a sale. */
export async function regionTotals(ctx: AppContext, regionCode: string | undefined) {
  const r = await regionOrCity(ctx.db, regionCode);
  if (!r) throw notFound('地区 region');
  const rows = await repo.totalsByRegion(ctx.db, r.path);
  const items = rows.map((x) => ({ ...x, heldFen: x.raisedFen - x.disbursedFen }));
  const raisedFen = sumFen(items.map((x) => x.raisedFen));
  const disbursedFen = sumFen(items.map((x) => x.disbursedFen));
  return { regionCode: r.code, regionName: r.name, items, total: { events: items.reduce((n, x) => n + x.events, 0), raisedFen, disbursedFen, heldFen: raisedFen - disbursedFen } };
}
