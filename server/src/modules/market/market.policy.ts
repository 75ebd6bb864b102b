import { definePermission } from '../access/index';

/** Goods, stock, pickups, reports and settings of a station's supermarket: its admins, or a region admin holding it. */
export const MARKET_MANAGE = definePermission('market.manage', ['station_admin', 'region_admin']);
/** Confirming a pickup with the code. */
export const MARKET_FULFIL = definePermission('market.fulfil', ['station_admin', 'region_admin']);
/** Redeeming for someone without a phone (代兑换): the points come from that person. */
export const MARKET_ON_BEHALF = definePermission('market.redeem_on_behalf', ['station_admin', 'region_admin']);
/** Cancelling an open order: the person whose points pay, or the station's staff. */
export const MARKET_CANCEL = definePermission('market.cancel', ['station_admin', 'region_admin'], { owner: true });
/** Seeing one order: its owner or the station's staff. */
export const MARKET_READ_ORDER = definePermission('market.read_order', ['station_admin', 'region_admin'], { owner: true });
