/** 小板凳议事会: topics, supports, meetings, minutes, decisions with follow-up and overdue flags, topic → request. */
export { councilRoutes } from './council.routes';
export { loadDemoCouncil } from './council.demo';
export { notifyOverdueFollowUps } from './overdue.service';
