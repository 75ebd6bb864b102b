import { definePermission } from '../access/index';

/** Community staff dispatch the queue of their subtree (派单) and enter orders for residents. */
export const REQUEST_DISPATCH = definePermission('request.dispatch', ['region_admin']);
export const REQUEST_ON_BEHALF = definePermission('request.on_behalf', ['region_admin', 'station_admin']);
/** A team's admins accept or decline what was dispatched to it (接单). */
export const REQUEST_ACCEPT = definePermission('request.accept', ['org_admin']);
