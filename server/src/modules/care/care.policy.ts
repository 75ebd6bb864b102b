import { definePermission } from '../access/index';

/**
 * Community staff (a region admin of the community or above) keep the grids, buildings, roles,
 * households, plans, campaigns and the pension drive, read the household read log and export.
 * Grid workers and building heads are not access roles: they are assignments kept by this module
 * (care_assignments), scoped to a grid's subtree or one building, checked by care.scope.ts.
 */
export const CARE_MANAGE = definePermission('care.manage', ['region_admin']);
