export { volunteersRoutes, importRoutes } from './volunteers.routes';
export { startVolunteerImport, getJobProgress, waitForImport, recoverImports, runImportJob, RESTARTED_MESSAGE, VOLUNTEER_IMPORT_JOB } from './import.service';
export { getMyProfile, toProfile } from './volunteers.service';
