export { activitiesRoutes } from './activities.routes';
export { autoCloseAttendance } from './checkin.service';
