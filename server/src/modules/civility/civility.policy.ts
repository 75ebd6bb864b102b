import { definePermission } from '../access/index';

/** Region admins (village, community, street) set the criteria, rate households and keep the red-black board. */
export const CIVILITY_MANAGE = definePermission('civility.manage', ['region_admin']);
