export { activitiesRoutes } from './activities.routes';
export { autoCloseAttendance } from './checkin.service';
export { recordRequestService } from './records.service';
