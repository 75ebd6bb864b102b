export { activitiesRoutes } from './activities.routes';
export { autoCloseAttendance } from './checkin.service';
export { recordRequestService } from './records.service';
/** For the demo city's life (modules/demo): the services it plays through. */
export { createActivity, submitActivity, reviewActivity } from './activities.service';
export { signUp } from './signups.service';
export { checkIn, checkOut, checkinCode } from './checkin.service';
export { settle } from './records.service';
