import { definePermission } from '../access/index';

/** Region admins develop posts in their towns, keep the plan and the hardship register, run the procedure's reviews and review the checks' flags. */
export const WELFARE_POST_MANAGE = definePermission('welfare_posts.manage', ['region_admin']);
/** The post's supervising unit (its org admins) or the region's admins: attendance, closed days, the kiosk, monthly confirmation, agreement, training and start. */
export const WELFARE_POST_SUPERVISE = definePermission('welfare_posts.supervise', ['region_admin', 'org_admin']);
