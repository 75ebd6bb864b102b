import { useMemo } from 'react';
import { ensureMap, useEChart, type ChartOption } from '../portal/echarts';
import { outlineFor } from '../portal/region-maps';

export interface PlacePoint {
  lat: number;
  lng: number;
}

/**
 * 在地图上选点: the bundled outline of the city (the portal's), a click sets the place. Its own
 * chunk with ECharts, loaded only when the organiser opens it.
 */
export default function MapPicker({ trail, value, onPick }: { trail: readonly string[]; value: PlacePoint | null; onPick: (p: PlacePoint) => void }) {
  const outline = outlineFor(trail.length ? trail : ['140500']) ?? outlineFor(['140500'])!;
  const option = useMemo<ChartOption>(() => {
    ensureMap(outline.mapName, outline.outline);
    return {
      geo: {
        map: outline.mapName,
        roam: true,
        aspectScale: 0.82,
        layoutCenter: ['50%', '50%'],
        layoutSize: '95%',
        label: { show: true, color: '#8c8c8c', fontSize: 11 },
        itemStyle: { areaColor: '#fff1f0', borderColor: '#ffa39e', borderWidth: 1 },
        emphasis: { disabled: true },
        select: { disabled: true },
        silent: true,
      },
      series: value ? [{ type: 'scatter', coordinateSystem: 'geo', data: [{ value: [value.lng, value.lat] }], symbolSize: 18, itemStyle: { color: '#e8443a', borderColor: '#fff', borderWidth: 2 }, zlevel: 2 }] : [],
    };
  }, [outline, value]);
  const ref = useEChart(option, undefined, (p) => onPick({ lat: Number(p.lat.toFixed(6)), lng: Number(p.lng.toFixed(6)) }));
  return <div ref={ref} data-testid="activity-map" style={{ width: '100%', height: 320, cursor: 'crosshair' }} />;
}
