import { definePermission } from '../access/index';

/** The organisation's admins draft, submit, run check-in and settle its activities. */
export const ACTIVITY_MANAGE = definePermission('activity.manage', ['org_admin']);
/** Region admins whose region holds the activity review it (审核发布). */
export const ACTIVITY_REVIEW = definePermission('activity.review', ['region_admin']);
/** Who may read an activity's roster and records besides its organisation: the region's admins. */
export const ACTIVITY_OVERSEE = definePermission('activity.oversee', ['org_admin', 'region_admin']);
/** Retroactive records (补录) and dispute answers: the organisation's admins. */
export const RECORD_MANAGE = definePermission('record.manage', ['org_admin']);
/** A second staff member approves or rejects a 补录 above the threshold: the organisation's other admins or the region's. */
export const RECORD_APPROVE = definePermission('record.approve_retro', ['org_admin', 'region_admin']);
/** A home service done in person has no organisation: the community's region admins answer its disputes. */
export const RECORD_MANAGE_COMMUNITY = definePermission('record.manage_community', ['region_admin']);
