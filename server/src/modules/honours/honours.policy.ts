import { definePermission } from '../access/index';

/** Region admins set the star ladder (星级标准) of their regions. */
export const STAR_LADDER_EDIT = definePermission('honours.ladder.edit', ['region_admin']);
