import { definePermission } from '../access/index';

/** Region admins run award campaigns (评选表彰): create, schedule, review nominations, decide and publish. */
export const AWARD_CAMPAIGN_MANAGE = definePermission('awards.campaign.manage', ['region_admin']);
/** Organisation admins nominate their volunteers, teams and projects. */
export const AWARD_NOMINATE = definePermission('awards.nominate', ['org_admin']);
