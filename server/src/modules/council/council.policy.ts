import { definePermission } from '../access/index';

/** The community's staff (region admins of the community or above) schedule councils, record minutes and decisions. */
export const COUNCIL_MANAGE = definePermission('council.manage', ['region_admin']);
