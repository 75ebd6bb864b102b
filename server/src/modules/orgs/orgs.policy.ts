import { definePermission } from '../access/index';

export const ORG_REVIEW = definePermission('org.review', ['region_admin']);
export const ORG_SEE_ALL = definePermission('org.see_unpublished', ['region_admin', 'org_admin']);
export const STATION_CREATE = definePermission('station.create', ['region_admin']);
export const ORG_MANAGE = definePermission('org.manage', ['org_admin', 'region_admin']);
/** Reading and editing the organisation's own application: also while it is not (yet) active. */
export const ORG_APPLICATION = definePermission('org.application', ['org_admin', 'region_admin'], { dormantOrg: true });
export const STATION_MANAGE = definePermission('station.manage', ['station_admin', 'region_admin']);
/** Members: the organisation's admins manage them; region admins holding the org may read. */
export const MEMBERS_MANAGE = definePermission('org.members.manage', ['org_admin']);
export const MEMBERS_VIEW = definePermission('org.members.view', ['org_admin', 'region_admin']);
