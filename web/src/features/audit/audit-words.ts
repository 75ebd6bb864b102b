import type { Lang } from '../../lib/format';

type Words = { zh: string; en: string };

/** What each audited action did, as a verb phrase (the object follows it). */
export const AUDIT_ACTIONS: Record<string, Words> = {
  'account.claim_code.issue': { zh: '签发了认领码给', en: 'issued a claim code to' },
  'activity.attendance.manual': { zh: '补记了签到', en: 'recorded attendance by hand for' },
  'activity.cancel': { zh: '取消了', en: 'cancelled' },
  'activity.review.approve': { zh: '审核通过了', en: 'approved' },
  'activity.review.reject': { zh: '退回了', en: 'sent back' },
  'activity.settle': { zh: '结算了', en: 'settled' },
  'activity.settle.adjust': { zh: '在结算时调整了时长', en: 'adjusted the minutes at settlement of' },
  'activity.settle.exclude': { zh: '在结算时排除了', en: 'left out at settlement' },
  'activity.settle.include_flagged': { zh: '在结算时认可了有标记的签到', en: 'accepted a flagged attendance at settlement of' },
  'activity.signup.on_behalf': { zh: '代为报名了', en: 'signed up on behalf of' },
  'activity.update': { zh: '修改了', en: 'edited' },
  'grant.create': { zh: '授予了角色给', en: 'granted a role to' },
  'grant.revoke': { zh: '撤销了角色', en: 'revoked the role of' },
  'honours.ladder.set': { zh: '设置了星级标准', en: 'set the star ladder' },
  'ledger.policy.set': { zh: '设置了时间银行规则', en: 'set the time-bank policy' },
  'ledger.transfer.reverse': { zh: '冲正了', en: 'reversed' },
  'market.cancel': { zh: '取消了兑换单', en: 'cancelled the order for' },
  'market.fulfil': { zh: '核销了兑换单', en: 'handed over the order for' },
  'market.product.create': { zh: '上架了', en: 'put on the shelf' },
  'market.product.picture': { zh: '更新了商品图片', en: 'updated the picture of' },
  'market.product.update': { zh: '修改了', en: 'edited' },
  'market.redeem_on_behalf': { zh: '代兑换了', en: 'redeemed on behalf' },
  'market.settings': { zh: '修改了爱心超市设置', en: 'changed the supermarket settings' },
  'org.member.add': { zh: '添加了成员', en: 'added the member' },
  'org.member.invite': { zh: '邀请了成员', en: 'invited' },
  'org.member.remove': { zh: '移除了成员', en: 'removed the member' },
  'org.member.role': { zh: '调整了成员角色', en: 'changed the role of' },
  'org.member.approve': { zh: '同意了入队申请', en: 'accepted the request to join of' },
  'org.member.reject': { zh: '拒绝了入队申请', en: 'declined the request to join of' },
  'org.review.approve': { zh: '审核通过了', en: 'approved' },
  'org.review.reject': { zh: '退回了', en: 'sent back' },
  'org.suspend': { zh: '暂停了', en: 'suspended' },
  'org.reinstate': { zh: '恢复了', en: 'reinstated' },
  'org.dissolve': { zh: '注销了', en: 'dissolved' },
  'org.deny': { zh: '驳回了', en: 'refused' },
  'request.accept': { zh: '接单了', en: 'accepted' },
  'request.cancel': { zh: '取消了', en: 'cancelled' },
  'request.decline': { zh: '拒绝了派单', en: 'declined' },
  'request.dispatch': { zh: '派单了', en: 'dispatched' },
  'request.rate_on_behalf': { zh: '代居民评价了', en: 'rated on the resident’s behalf' },
  'service_record.retroactive': { zh: '补录了', en: 'entered after the fact' },
  'service_record.retroactive.approve': { zh: '批准了补录', en: 'approved the late record' },
  'service_record.retroactive.reject': { zh: '驳回了补录', en: 'refused the late record' },
  'station.create': { zh: '设立了', en: 'opened' },
  'station.update': { zh: '修改了', en: 'edited' },
  'volunteer.correct': { zh: '更正了志愿者信息', en: 'corrected the record of' },
  'volunteer.import': { zh: '导入了志愿者', en: 'imported volunteers' },
  'volunteer.register_on_behalf': { zh: '代注册了志愿者', en: 'registered on behalf the volunteer' },
  'wish.confirm': { zh: '确认实现了心愿', en: 'confirmed fulfilled the wish' },
  'wish.register': { zh: '登记了心愿', en: 'registered the wish' },
};

/** What kind of thing an entry is about. */
export const AUDIT_OBJECTS: Record<string, Words> = {
  activity: { zh: '活动', en: 'activity' },
  attendance: { zh: '签到', en: 'attendance' },
  certificate: { zh: '证明', en: 'certificate' },
  dispute: { zh: '异议', en: 'dispute' },
  grant: { zh: '角色授权', en: 'role' },
  import_job: { zh: '导入任务', en: 'import' },
  ledger_policy: { zh: '时间银行规则', en: 'time-bank policy' },
  ledger_transfer: { zh: '流水', en: 'transfer' },
  market_product: { zh: '商品', en: 'good' },
  market_redemption: { zh: '兑换单', en: 'order' },
  membership: { zh: '成员', en: 'membership' },
  organization: { zh: '组织', en: 'organisation' },
  public_pool: { zh: '公益时间池', en: 'public time pool' },
  relative: { zh: '亲属关系', en: 'relative' },
  service_record: { zh: '服务记录', en: 'service record' },
  service_request: { zh: '服务需求', en: 'service request' },
  signup: { zh: '报名', en: 'sign-up' },
  star_ladder: { zh: '星级标准', en: 'star ladder' },
  station: { zh: '站点', en: 'station' },
  stats: { zh: '统计', en: 'figures' },
  user: { zh: '账号', en: 'account' },
  volunteer: { zh: '志愿者', en: 'volunteer' },
  wish: { zh: '心愿', en: 'wish' },
};

const pick = (w: Words | undefined, lang: Lang) => (w ? (lang === 'zh-CN' ? w.zh : w.en) : undefined);

export function actionLabel(action: string, lang: Lang): string {
  return pick(AUDIT_ACTIONS[action], lang) ?? (lang === 'zh-CN' ? '更改了' : 'changed');
}

export function objectLabel(type: string, lang: Lang): string {
  return pick(AUDIT_OBJECTS[type], lang) ?? (lang === 'zh-CN' ? '记录' : 'record');
}

export interface SentenceParts {
  actorName: string | null;
  action: string;
  objectType: string;
  objectName?: string | null | undefined;
  onBehalfOfName?: string | null | undefined;
}

/**
 * The entry as a sentence: who did what to which named object, e.g.
 * 王建国 审核通过了 活动「文明交通劝导」. Never a code or an id: an unknown action reads
 * "更改了", an unnamed object by its kind alone.
 */
export function auditSentence(e: SentenceParts, lang: Lang): string {
  const zh = lang === 'zh-CN';
  const who = e.actorName ?? (zh ? '系统' : 'The system');
  const what = objectLabel(e.objectType, lang);
  const named = e.objectName ? (zh ? `${what}「${e.objectName}」` : `${what} “${e.objectName}”`) : what;
  const forWhom = e.onBehalfOfName && e.onBehalfOfName !== e.objectName ? (zh ? `（代 ${e.onBehalfOfName}）` : ` (for ${e.onBehalfOfName})`) : '';
  return `${who} ${actionLabel(e.action, lang)} ${named}${forWhom}`;
}
