/** 十星级文明户 and 道德红黑榜: criteria, households, ratings with consent, the board with review and appeals. */
export { civilityRoutes } from './civility.routes';
export { loadDemoCivility } from './civility.demo';
