/** The love supermarket's public face. */
export { marketRoutes } from './market.routes';
export { expireRedemptions, createProduct, recordMovement, redeem, fulfil } from './market.service';
export { loadDemoShelf } from './market.demo';
