export { setupRoutes } from './setup.routes';
export { firstRunNotes, needsAdmin, FIRST_ADMIN_HINT } from './setup.service';
