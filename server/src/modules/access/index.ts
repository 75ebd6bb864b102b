export { authorize, can, coveringGrants, definePermission, grantCovers, hasAnyGrant, listPermissions, regionScopes } from './access.policy';
export type { Permission, Target } from './access.policy';
export { orgTarget, stationTarget, regionTarget, grantBySystem } from './access.service';
export { unconfirmedRecoveries, loadActorGrants, loadActorGrantSets, listUserGrantsDetailed, countAdmins, hasAnyAdmin } from './access.repository';
export { accessRoutes } from './access.routes';
export { assertNotSelfBenefit, benefitsSelf } from './access.four-eyes';
export type { SelfBenefitCheck } from './access.four-eyes';
export { assertMayMoveOut } from './access.recovery-hold';
