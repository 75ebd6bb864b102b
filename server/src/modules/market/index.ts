/** The love supermarket's public face. */
export { marketRoutes } from './market.routes';
export { expireRedemptions, createProduct, recordMovement, redeem } from './market.service';
export { loadDemoShelf } from './market.demo';
