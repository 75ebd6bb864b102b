import type { AppContext } from '../../context';
import type { Tx } from '../../db/client';
import { chinaDateTime } from '@shared/lib/china-time';
import { SERVICE_CATEGORY_LABELS, type ServiceCategory } from '@shared/constants';
import { findUserView } from '../accounts/index';
import { findOrgView } from '../orgs/index';
import { notify } from '../notifications/index';
import type { RequestRow } from './requests.repository';

/**
 * What the resident hears about each step of their request (issue 18: an elder asks for help and
 * hears back). Written by the same transaction as the step, from the one place every step passes
 * (the history event), so a new step cannot be forgotten: a step missing here is a failing test.
 */
const NOTICES: Record<string, ((r: RequestRow, who: string | null, note: string | null) => { title: string; body: string }) | null> = {
  order: null,
  order_on_behalf: (r) => ({ title: '已为您登记求助', body: `工作人员已为您登记“${label(r)}”，我们会尽快派人上门。` }),
  dispatch: (r, who) => ({ title: '您的求助已派单', body: `已派给${who ?? '志愿服务队'}，计划在${chinaDateTime(r.serveDueAt)}前上门。` }),
  decline: () => ({ title: '您的求助正在重新安排', body: '原服务队暂时无法上门，工作人员正在为您另派他人。' }),
  accept: (r, who) => ({ title: '志愿者已接单，正准备上门', body: `${who ?? '志愿者'}已接下“${label(r)}”，将在${chinaDateTime(r.serveDueAt)}前上门。` }),
  checkin: () => ({ title: '志愿者已到达，服务开始', body: '志愿者已到您家，开始服务。' }),
  checkout: (r) => ({ title: '服务已完成，请确认', body: `“${label(r)}”已完成，请在“我的求助”中确认并评价。` }),
  rate: null,
  rate_on_behalf: () => ({ title: '服务已确认', body: '工作人员已为您确认本次服务，谢谢您的评价。' }),
  not_happened: (_r, _w, note) => ({ title: '本次服务已关闭', body: `服务未发生，已关闭${note ? `：${note}` : ''}。预留的时间已退回您的账户。` }),
  cancel: (_r, _w, note) => ({ title: '您的求助已取消', body: `求助已取消${note ? `：${note}` : ''}。如有预留的时间，已退回您的账户。` }),
  payment_late: () => ({ title: '服务时间已扣付', body: '预留已过期，已重新扣付本次服务时间。' }),
  payment_lapsed: () => ({ title: '本次服务未扣付', body: '预留已过期且余额不足，本次服务未扣付时间。' }),
};

function label(r: RequestRow): string {
  return SERVICE_CATEGORY_LABELS[r.category as ServiceCategory]?.zh ?? '上门服务';
}

/** Who the step names: the team or volunteer it went to. */
async function assignee(tx: Tx, r: RequestRow): Promise<string | null> {
  if (r.assignedOrgId) return (await findOrgView(tx, r.assignedOrgId))?.name ?? null;
  if (r.assignedUserId) return (await findUserView(tx, r.assignedUserId))?.name ?? null;
  return null;
}

/** Tells the resident about a step of their request, unless they took it themself. */
export async function noticeToResident(ctx: AppContext, tx: Tx, r: RequestRow, actorId: string | null, action: string, note: string | null): Promise<void> {
  const make = NOTICES[action];
  if (make === undefined) throw new Error(`request step without a notice rule: ${action}`);
  if (!make || actorId === r.residentId) return;
  const who = action === 'dispatch' || action === 'accept' ? await assignee(tx, r) : null;
  await notify(ctx, tx, { userId: r.residentId, regionCode: r.regionCode, kind: 'request_progress', ...make(r, who, note), objectType: 'service_request', objectId: r.id });
}
