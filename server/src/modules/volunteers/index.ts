export { volunteersRoutes, importRoutes } from './volunteers.routes';
export { startVolunteerImport, getJobProgress } from './import.service';
export { getMyProfile, toProfile } from './volunteers.service';
