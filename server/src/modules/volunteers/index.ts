export { volunteersRoutes, importRoutes } from './volunteers.routes';
export { startVolunteerImport } from './import.service';
export { getMyProfile, toProfile } from './volunteers.service';
