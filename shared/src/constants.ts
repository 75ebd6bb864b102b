export const ROLES = ['region_admin', 'station_admin', 'org_admin', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  region_admin: { zh: '区域管理员', en: 'Region admin' },
  station_admin: { zh: '站点管理员', en: 'Station admin' },
  org_admin: { zh: '组织管理员', en: 'Organisation admin' },
  partner: { zh: '激励合作单位', en: 'Partner' },
};

export const REGION_LEVEL_LABELS: Record<number, { zh: string; en: string }> = {
  1: { zh: '省', en: 'Province' },
  2: { zh: '市', en: 'City' },
  3: { zh: '区县', en: 'District / county' },
  4: { zh: '街道 / 乡镇', en: 'Street / town' },
  5: { zh: '社区 / 村', en: 'Community / village' },
  6: { zh: '网格', en: 'Grid' },
};

export const ORG_TYPES = ['service_org', 'civility_unit_team', 'school_team', 'professional_team', 'community_team', 'grid_team'] as const;
export type OrgType = (typeof ORG_TYPES)[number];
export const ORG_TYPE_LABELS: Record<OrgType, { zh: string; en: string }> = {
  service_org: { zh: '志愿服务组织', en: 'Volunteer-service organisation' },
  civility_unit_team: { zh: '文明单位志愿服务队', en: 'Civility-unit team' },
  school_team: { zh: '学校志愿服务队', en: 'School team' },
  professional_team: { zh: '专业志愿服务队', en: 'Professional team' },
  community_team: { zh: '社区志愿服务队', en: 'Community team' },
  grid_team: { zh: '网格志愿服务队', en: 'Grid team' },
};

export const ORG_STATUSES = ['pending', 'changes_requested', 'active', 'rejected', 'suspended', 'dissolved'] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];

export const STATION_TYPES = ['lei_feng_station', 'community_station', 'civilization_practice_station', 'other'] as const;
export type StationType = (typeof STATION_TYPES)[number];
export const STATION_TYPE_LABELS: Record<StationType, { zh: string; en: string }> = {
  lei_feng_station: { zh: '学雷锋志愿服务站', en: 'Lei Feng volunteer station' },
  community_station: { zh: '社区志愿服务站', en: 'Community volunteer station' },
  civilization_practice_station: { zh: '新时代文明实践站', en: 'Civilisation practice station' },
  other: { zh: '其他站点', en: 'Other station' },
};

export const PAGE_SIZE_MAX = 100;
export const SESSION_COOKIE = 'aixin_session';
export const CSRF_COOKIE = 'aixin_csrf';
/** The primary's WAL position after the person's last write (httpOnly, minutes): their reads wait for the replica to replay it. */
export const WRITE_LSN_COOKIE = 'aixin_wlsn';
export const CSRF_HEADER = 'x-csrf-token';

/** Service categories (服务类别), shared by volunteer profiles, organisations and activities. */
export const SERVICE_CATEGORIES = [
  'elderly', 'disabled', 'children', 'traffic', 'environment', 'health', 'legal', 'psychological',
  'education', 'culture_sports', 'emergency', 'major_events', 'community_governance', 'other',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];
export const SERVICE_CATEGORY_LABELS: Record<ServiceCategory, { zh: string; en: string }> = {
  elderly: { zh: '助老', en: 'Elderly care' },
  disabled: { zh: '助残', en: 'Disability support' },
  children: { zh: '关爱儿童', en: 'Children' },
  traffic: { zh: '文明交通', en: 'Civil traffic' },
  environment: { zh: '环境保护', en: 'Environment' },
  health: { zh: '医疗健康', en: 'Health' },
  legal: { zh: '法律援助', en: 'Legal aid' },
  psychological: { zh: '心理咨询', en: 'Counselling' },
  education: { zh: '教育辅导', en: 'Tutoring' },
  culture_sports: { zh: '文化体育', en: 'Culture and sports' },
  emergency: { zh: '应急救援', en: 'Emergency relief' },
  major_events: { zh: '大型赛会', en: 'Major events' },
  community_governance: { zh: '社区治理', en: 'Community governance' },
  other: { zh: '其他', en: 'Other' },
};

/** Who an activity served (受益人群), estimated by the organiser at settlement. */
export const BENEFICIARY_CATEGORIES = ['elders', 'children', 'disabled', 'patients', 'residents', 'other'] as const;
export type BeneficiaryCategory = (typeof BENEFICIARY_CATEGORIES)[number];
export const BENEFICIARY_CATEGORY_LABELS: Record<BeneficiaryCategory, { zh: string; en: string }> = {
  elders: { zh: '老年人', en: 'Elders' },
  children: { zh: '儿童', en: 'Children' },
  disabled: { zh: '残疾人', en: 'People with disabilities' },
  patients: { zh: '患者', en: 'Patients' },
  residents: { zh: '社区居民', en: 'Residents' },
  other: { zh: '其他', en: 'Others' },
};

export const MEMBER_ROLES = ['leader', 'admin', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const MEMBERSHIP_STATUSES = ['requested', 'invited', 'active', 'rejected', 'declined', 'left', 'removed'] as const;
export const CONSENT_METHODS = ['online', 'paper', 'verbal'] as const;
export const GUARDIAN_RELATIONS = ['father', 'mother', 'grandparent', 'other_guardian'] as const;
export const TERMS_VERSION = '2026-11';
