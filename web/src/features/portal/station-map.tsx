import { useMemo } from 'react';
import { useEChart, ensureMap, type ChartOption } from './echarts';
import type { RegionOutline } from './region-maps';

export interface MapPoint {
  id: string;
  name: string;
  lat: number;
  lng: number;
}

/**
 * Stations drawn from their coordinates over the region's bundled outline (districts as
 * polygons, no map tiles); without an outline, over plain longitude and latitude axes.
 * A tap on a point calls `onPick` with its id; a tap on a district of a city, `onDistrict` with its code.
 */
export function StationMap({ outline, points, selected, onPick, onDistrict, height = 360 }: { outline: RegionOutline | null; points: MapPoint[]; selected?: string | null; onPick?: (id: string) => void; onDistrict?: (code: string) => void; height?: number }) {
  const option = useMemo<ChartOption>(() => {
    const data = points.map((p) => ({ name: p.name, value: [p.lng, p.lat], id: p.id, symbolSize: p.id === selected ? 20 : 13, itemStyle: { color: p.id === selected ? '#fa8c16' : '#e8443a', borderColor: '#fff', borderWidth: 2 } }));
    const tooltip = { trigger: 'item', formatter: (p: { name: string }) => p.name };
    if (!outline) {
      return {
        tooltip,
        grid: { left: 56, right: 16, top: 16, bottom: 32 },
        xAxis: { type: 'value', scale: true, name: '°E' },
        yAxis: { type: 'value', scale: true, name: '°N' },
        series: [{ type: 'scatter', data }],
      };
    }
    ensureMap(outline.mapName, outline.outline);
    return {
      tooltip,
      geo: {
        map: outline.mapName,
        roam: true,
        aspectScale: 0.82,
        layoutCenter: ['50%', '50%'],
        layoutSize: '95%',
        // district names on the city map; a single district needs none (it would sit on the points)
        label: { show: !outline.districtCode, color: '#8c8c8c', fontSize: 11 },
        itemStyle: { areaColor: '#fff1f0', borderColor: '#ffa39e', borderWidth: 1 },
        emphasis: { label: { color: '#595959' }, itemStyle: { areaColor: '#ffe7e6' } },
        select: { disabled: true },
        tooltip: { show: false },
        silent: !onDistrict || !!outline.districtCode,
      },
      series: [{ type: 'scatter', coordinateSystem: 'geo', data, zlevel: 2, cursor: onPick ? 'pointer' : 'default' }],
    };
  }, [outline, points, selected, onPick, onDistrict]);
  const ref = useEChart(option, (p) => {
    if (p.componentType === 'geo') {
      const district = outline?.outline.features.find((f) => f.properties.name === p.name);
      if (district && !outline?.districtCode) onDistrict?.(district.properties.code);
      return;
    }
    if (p.componentType !== 'series') return;
    const point = p.dataIndex === undefined ? undefined : points[p.dataIndex];
    if (point) onPick?.(point.id);
  });
  return <div ref={ref} data-testid="station-map" data-points={points.length} data-map={outline?.mapName ?? 'none'} style={{ width: '100%', height }} />;
}
