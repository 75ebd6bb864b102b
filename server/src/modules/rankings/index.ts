/** Rankings kept with the records: other modules count their record changes through countNewRankings / trackRankings, in their own transaction. */
export { countNewRankings, trackPointsChange, trackRankings, rebuildRankings } from './rankings.service';
export { rankingsRoutes } from './rankings.routes';
