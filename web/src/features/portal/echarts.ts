import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Outline } from './region-maps';

// only the charts the portal and the statistics page draw, so the bundle stays small
echarts.use([BarChart, LineChart, PieChart, ScatterChart, GeoComponent, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export type ChartOption = Parameters<echarts.ECharts['setOption']>[0];
export interface ChartClick {
  name: string;
  /** The item's index in its series; absent for a click on an axis label. */
  dataIndex?: number;
  /** An axis label's text. */
  value?: unknown;
  seriesType?: string;
  componentType?: string;
}

/** Registers a bundled outline once under its name. */
export function ensureMap(name: string, outline: Outline): void {
  if (!echarts.getMap(name)) echarts.registerMap(name, outline as never);
}

/**
 * One ECharts instance on a div: (re)draws when `option` changes, follows the window's size,
 * calls `onClick` with the clicked item, and is disposed with the component.
 */
export function useEChart(option: ChartOption | null, onClick?: (p: ChartClick) => void, onGeoPoint?: (p: { lng: number; lat: number }) => void) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const pointRef = useRef(onGeoPoint);
  pointRef.current = onGeoPoint;

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chartRef.current = chart;
    chart.on('click', (p) => clickRef.current?.(p as unknown as ChartClick));
    // a click on a map's land (not the blank around it), as a longitude and latitude (picking a place)
    chart.getZr().on('click', (e) => {
      if (!pointRef.current || !chart.getOption().geo || !chart.containPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY])) return;
      const at = chart.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]) as number[] | undefined;
      if (at && Number.isFinite(at[0]) && Number.isFinite(at[1])) pointRef.current({ lng: at[0]!, lat: at[1]! });
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (option) chartRef.current?.setOption(option, true);
  }, [option]);

  return ref;
}
