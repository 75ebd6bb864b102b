export { orgsRoutes } from './orgs.routes';
export { createOrg, reviewOrg, createStation } from './orgs.service';
export { findOrg } from './orgs.repository';
export { isActiveMember } from './members.repository';
export { findOrgView } from './orgs.repository';
