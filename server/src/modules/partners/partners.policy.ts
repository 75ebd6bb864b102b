import { definePermission } from '../access/index';

/** Region admins register partners, their staff and benefits in their regions, and read their uses. */
export const PARTNER_MANAGE = definePermission('partners.manage', ['region_admin']);
