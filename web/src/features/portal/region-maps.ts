import jincheng from './jincheng.geo.json';

/** A GeoJSON outline as ECharts' `registerMap` takes it: one polygon per district. */
export interface Outline {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; properties: { code: string; name: string; cp?: number[] }; geometry: { type: 'Polygon'; coordinates: number[][][] } }>;
}

/**
 * The outlines bundled with the web app (no tile server is reachable): each city's districts as
 * simplified polygons, drawn by hand from known coordinates (`cp`: where a district's name goes
 * when its centre is not inside it, as for a county around the city's own district). Keyed by
 * the city's region code.
 */
const CITY_OUTLINES: Record<string, Outline> = { '140500': jincheng as Outline };

export interface RegionOutline {
  /** The name it is registered under with ECharts. */
  mapName: string;
  outline: Outline;
  /** The district picked out, when the region is a district or below. */
  districtCode: string | null;
}

/**
 * The outline to draw behind a region's stations: the whole city (all its districts) for the city
 * or anything above it that holds exactly that city, the one district for a district and every
 * region below it. `trail` is the region's path, root first, ending with the region itself.
 * Null when no outline is bundled for that part of the country.
 */
export function outlineFor(trail: readonly string[]): RegionOutline | null {
  const cityAt = trail.findIndex((code) => CITY_OUTLINES[code]);
  if (cityAt < 0) {
    const last = trail[trail.length - 1];
    // above a city (a province): the one bundled city inside it, if there is one
    const inside = last ? Object.keys(CITY_OUTLINES).filter((c) => c.startsWith(last.replace(/0+$/, ''))) : [];
    return inside.length === 1 ? { mapName: `aixin-${inside[0]}`, outline: CITY_OUTLINES[inside[0]!]!, districtCode: null } : null;
  }
  const cityCode = trail[cityAt]!;
  const city = CITY_OUTLINES[cityCode]!;
  const districtCode = trail[cityAt + 1];
  const district = districtCode ? city.features.find((f) => f.properties.code === districtCode) : undefined;
  if (!district) return { mapName: `aixin-${cityCode}`, outline: city, districtCode: null };
  return { mapName: `aixin-${district.properties.code}`, outline: { type: 'FeatureCollection', features: [district] }, districtCode: district.properties.code };
}
