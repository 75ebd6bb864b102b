import { definePermission } from '../access/index';

export const VOLUNTEER_VIEW = definePermission('volunteer.view', ['region_admin']);
export const VOLUNTEER_CORRECT = definePermission('volunteer.correct', ['region_admin']);
/** Staff register a resident without a smartphone: region admins, and station admins at their station. */
export const VOLUNTEER_REGISTER_ON_BEHALF = definePermission('volunteer.register_on_behalf', ['region_admin', 'station_admin']);
export const VOLUNTEER_IMPORT = definePermission('volunteer.import', ['region_admin']);
