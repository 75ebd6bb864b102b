import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outlineFor, type Outline } from './region-maps';

/** Ray casting over a polygon's rings (the outer ring and its holes). */
function inside(rings: number[][][], lng: number, lat: number): boolean {
  let hit = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi! > lat !== yj! > lat && lng < ((xj! - xi!) * (lat - yi!)) / (yj! - yi!) + xi!) hit = !hit;
    }
  }
  return hit;
}

const districtAt = (o: Outline, lng: number, lat: number) => o.features.filter((f) => inside(f.geometry.coordinates, lng, lat)).map((f) => f.properties.code);

describe('the bundled region outlines', () => {
  const city = outlineFor(['140000', '140500'])!;

  it('draw the whole city for the city and for its province, one district below', () => {
    expect(city.mapName).toBe('aixin-140500');
    expect(city.outline.features.map((f) => f.properties.code).sort()).toEqual(['140502', '140521', '140522', '140524', '140525', '140581']);
    expect(outlineFor(['140000'])?.mapName).toBe('aixin-140500');
    const street = outlineFor(['140000', '140500', '140502', '140502001'])!;
    expect(street.districtCode).toBe('140502');
    expect(street.outline.features.map((f) => f.properties.code)).toEqual(['140502']);
    expect(outlineFor(['110000', '110100'])).toBeNull();
  });

  it('place every demo region’s centre inside its own district and no other', () => {
    const csv = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../server/src/modules/regions/data/jincheng.csv'), 'utf8');
    const rows = csv.trim().split('\n').slice(1).map((l) => l.split(','));
    let checked = 0;
    for (const [code, , , lat, lng] of rows) {
      if (!code || code.length < 6 || !code.startsWith('1405') || code === '140500') continue;
      expect(districtAt(city.outline, Number(lng), Number(lat)), code).toEqual([code.slice(0, 6)]);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });
});
