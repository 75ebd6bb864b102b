export { regionsRoutes } from './regions.routes';
export { importRegions, parseRegionCsv, requireRegionPath, getRegionOrThrow, regionTrail } from './regions.service';
export { inRegionSubtree, findRegion, findRegions, pathsOf, subtreeCodes, countRegions, escapeLike, rootRegionCode, regionOrCity, subtreeRegionsByName } from './regions.repository';
export type { RegionRow } from './regions.repository';
