/** Community care: grids, buildings, grid workers and A/B building heads, households, visits, campaigns, the pension drive. */
export { careRoutes } from './care.routes';
export { escalateOverdueVisits } from './escalation.service';
export { loadDemoCare } from './care.demo';
