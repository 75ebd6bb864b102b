import { definePermission } from '../access/index';

/** The office's view of the figures: the work in hand, the Excel export, the monthly report. */
export const STATS_OFFICE = definePermission('stats.office', ['region_admin']);
