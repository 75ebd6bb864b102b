/** Honours: star levels kept with the records, certificates revoked by corrections. */
export { honoursRoutes } from './honours.routes';
export { countNewHours, trackHours, grantDueStars, levelFor, noticeEnd, rebuildStarHours } from './stars.service';
export { revokeCertificatesFor, issueHonourCertificate } from './certificates.service';
export { findStars, findStarsMany } from './honours.repository';
