import { definePermission } from '../access/index';

/** Region admins set up charity sales in their regions, name the recorders and record where the money went. */
export const CHARITY_MANAGE = definePermission('charity.manage', ['region_admin']);
