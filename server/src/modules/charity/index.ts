/** Charity sales (慈善义卖): events, stalls, sellers, sales and disbursements in fen, the public account. */
export { charityRoutes } from './charity.routes';
export { loadDemoCharity } from './charity.demo';
