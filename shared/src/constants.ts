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
export const CSRF_HEADER = 'x-csrf-token';
