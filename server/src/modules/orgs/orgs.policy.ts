import { definePermission } from '../access/index';

export const ORG_REVIEW = definePermission('org.review', ['region_admin']);
export const ORG_SEE_ALL = definePermission('org.see_unpublished', ['region_admin', 'org_admin']);
export const STATION_CREATE = definePermission('station.create', ['region_admin']);
