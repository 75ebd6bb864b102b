export { accountsRoutes } from './accounts.routes';
export { createPerson, hashPassword, purgeStaleSignInRows, toUser } from './accounts.service';
export { findUserView, findUserByPhone, findUserRow, reserveVolunteerSequences, deviceOfSession } from './accounts.repository';
export type { UserView } from './accounts.repository';
