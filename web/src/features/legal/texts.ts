import { TERMS_VERSION } from '@shared/constants';

/**
 * The user agreement and the personal-information notice (version TERMS_VERSION), in Chinese
 * (the text that counts) and English. What they say is what the platform does: see
 * docs/ARCHITECTURE.md and the product docs' personal-data rules (志愿服务条例 art. 20–21,
 * 志愿服务记录与证明出具办法, 个人信息保护法).
 */
export interface LegalText {
  title: string;
  intro: string;
  sections: { heading: string; paragraphs: string[] }[];
}

export type LegalKind = 'terms' | 'privacy';

const zh: Record<LegalKind, LegalText> = {
  terms: {
    title: '用户服务协议',
    intro: `版本 ${TERMS_VERSION}。本平台是社区志愿服务与“时间银行”平台，由所在地志愿服务主管部门及其授权的社区、站点运营。`,
    sections: [
      { heading: '一、实名与账号', paragraphs: ['志愿服务记录需要真实、准确、完整的身份信息（《志愿服务条例》第七条）。请用本人身份证号和手机号注册，一人一个账号。', '密码只由您本人设置。忘记密码时，可到社区志愿服务站由工作人员核对身份后给您一次性验证码，或请已由工作人员核验过的直系亲属在其账号中为您生成验证码，验证码30分钟内有效、只能用一次。'] },
      { heading: '二、服务记录与时长', paragraphs: ['服务时长以实际服务时间记录，由组织方在活动结束后10个工作日内确认（《志愿服务记录与证明出具办法》第十一条）。对记录有异议的，可在“我的记录”中提出，由组织方答复和更正。', '服务证明免费出具，内容以平台记录为准。'] },
      { heading: '三、时间银行与积分', paragraphs: ['“服务时间”以分钟记账，“积分”是另一本账，二者不混用。时间和积分不能买卖、不能兑换现金；只能按所在地规则用于兑换物品、支付上门服务、转赠给已核验的直系亲属或捐入公益时间池。', '每一笔变动都记入不可修改的流水；工作人员只能以冲正的方式更正，并留有审计记录。'] },
      { heading: '四、求助与微心愿', paragraphs: ['求助按点单、派单、接单、评单办理，每一步都会通知您。志愿服务不向被服务人收取费用（《志愿服务条例》第二十一条）。'] },
      { heading: '五、行为规范', paragraphs: ['请如实签到签退，不冒名、不代签。违反规则的，组织方可以更正记录；情节严重的，可以停用账号。'] },
    ],
  },
  privacy: {
    title: '个人信息保护说明',
    intro: `版本 ${TERMS_VERSION}。我们依照《个人信息保护法》处理您的个人信息：告知清楚、取得同意、只收集必要的信息、您可以随时撤回同意。`,
    sections: [
      { heading: '一、我们收集哪些信息、为什么', paragraphs: ['基本信息：姓名、性别、出生日期、身份证号、居住社区、手机号、技能和服务类别——这是志愿服务记录要求的内容（《志愿服务记录与证明出具办法》第五条）。', '服务信息：报名、签到签退、服务时长、评价、求助和心愿的登记。', '签到位置：只在您扫码签到、签退的那一刻读取一次位置，用于核对是否在活动地点附近，不做持续定位。'] },
      { heading: '二、敏感个人信息', paragraphs: ['身份证号属于敏感个人信息：加密保存，页面和导出中只显示前3位和后2位；签到位置也按敏感信息处理。', '未满14周岁的孩子，需由监护人同意并登记监护人信息；14至17周岁的未成年人参加活动需要监护人同意，且不参加救援类活动。'] },
      { heading: '三、公开展示需要您单独同意', paragraphs: ['未经您同意，我们不会公开您的姓名（《志愿服务条例》第二十条）。在心愿墙、星级公示等公开页面上，未同意公开的志愿者显示为“爱心志愿者”或“周*梅”这样的部分隐去的姓名。', '您可以在“我的”中随时开启或撤回公开展示的同意，撤回后立即生效。'] },
      { heading: '四、谁能看到您的信息', paragraphs: ['只有负责您所在地区或组织的工作人员，在其职责范围内可以查看；每一次修改都写入审计日志。派单建议会说明理由，不做不透明的自动决定。', '未经您单独同意，我们不会把您的个人信息提供给其他机构。'] },
      { heading: '五、保存与删除', paragraphs: ['登录会话过期后删除；验证码、认领码过期后删除；一年未使用的登录设备记录会被删除。志愿服务记录按规定长期保存，用于出具服务证明。', '上传的照片会重新编码，去掉拍摄位置等隐藏信息。'] },
      { heading: '六、您的权利', paragraphs: ['您可以查询、更正自己的信息，对服务记录提出异议，撤回同意。需要注销账号或有其他问题，请联系所在社区的志愿服务站。'] },
    ],
  },
};

const en: Record<LegalKind, LegalText> = {
  terms: {
    title: 'User agreement',
    intro: `Version ${TERMS_VERSION}. The Chinese text prevails. This is the community volunteering and time-bank platform run by the local volunteering authority and the communities and stations it authorises.`,
    sections: [
      { heading: '1. Real name and account', paragraphs: ['Volunteer records need true, accurate and complete identity details (Regulations on Volunteer Service, art. 7). Register with your own ID number and phone number; one account per person.', 'Only you set your password. If you forget it, staff at your community station give you a one-time code after checking who you are, or a direct relative whose relation staff verified issues one in their account; a code is valid for 30 minutes and works once.'] },
      { heading: '2. Service records and hours', paragraphs: ['Hours are the time actually given, confirmed by the organiser within 10 working days after the activity. You can dispute a record under My records; the organiser answers and corrects it.', 'Certificates are free and state what the platform records.'] },
      { heading: '3. Time bank and points', paragraphs: ['Service time is kept in minutes; points are a separate account; they are never mixed. Neither can be sold or turned into cash; they are used only as local rules allow: goods, paying for home services, gifts to verified direct relatives, donations to the public pool.', 'Every movement is kept in an unchangeable ledger; staff correct only by a reversal, which is audited.'] },
      { heading: '4. Requests and micro-wishes', paragraphs: ['A request goes through ordering, dispatch, acceptance and rating, and you are told of every step. Volunteer service never charges the people served.'] },
      { heading: '5. Conduct', paragraphs: ['Check in and out truthfully, never for someone else. Organisers may correct records that break the rules; serious cases may lead to the account being disabled.'] },
    ],
  },
  privacy: {
    title: 'Personal information notice',
    intro: `Version ${TERMS_VERSION}. The Chinese text prevails. We process personal information under the Personal Information Protection Law: informed, with consent, only what is needed, and you may withdraw consent at any time.`,
    sections: [
      { heading: '1. What we collect and why', paragraphs: ['Basic details: name, sex, date of birth, ID number, community, phone, skills and service categories — what volunteer records require.', 'Service details: sign-ups, check-ins and check-outs, hours, ratings, requests and wishes.', 'Check-in location: read once, when you scan to check in or out, to see that you are at the place; never tracked.'] },
      { heading: '2. Sensitive information', paragraphs: ['ID numbers are sensitive: stored encrypted and shown only as the first 3 and last 2 characters; check-in locations are treated as sensitive too.', 'Children under 14 need a guardian’s consent and the guardian’s details; minors of 14 to 17 need a guardian’s consent and are kept out of rescue work.'] },
      { heading: '3. Public display needs your separate consent', paragraphs: ['Without your consent we never publish your name. On public pages (the wish wall, the star notice board) a volunteer who has not consented appears as 爱心志愿者 or a partly hidden name such as 周*梅.', 'You can give or withdraw this consent under Me at any time; it takes effect at once.'] },
      { heading: '4. Who sees your information', paragraphs: ['Only staff responsible for your region or organisation, within their duties; every change is written to the audit log. Dispatch suggestions state their reasons; there are no opaque automated decisions.', 'We do not give your personal information to another organisation without your separate consent.'] },
      { heading: '5. Keeping and deleting', paragraphs: ['Sign-in sessions are deleted after they expire; reset and claim codes after they expire; devices not used for a year are forgotten. Volunteer records are kept long-term as the rules require, for certificates.', 'Uploaded photos are re-encoded without hidden data such as where they were taken.'] },
      { heading: '6. Your rights', paragraphs: ['You can see and correct your information, dispute records and withdraw consent. To close your account or for any question, contact your community volunteer station.'] },
    ],
  },
};

export function legalText(kind: LegalKind, lang: 'zh-CN' | 'en'): LegalText {
  return (lang === 'zh-CN' ? zh : en)[kind];
}
