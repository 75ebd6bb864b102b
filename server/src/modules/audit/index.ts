export { recordAudit } from './audit.service';
export type { AuditEvent } from './audit.service';
export { auditRoutes } from './audit.routes';
