export { setupRoutes } from './setup.routes';
export { firstRunNotes, needsAdmin, sharedSecretWarning, FIRST_ADMIN_HINT } from './setup.service';
