import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** A small bar or line chart (ECharts, imported per chart type so the bundle stays small). */
export function SimpleChart({ kind, labels, series, testId, height = 260 }: { kind: 'bar' | 'line'; labels: string[]; series: Array<{ name: string; data: number[] }>; testId?: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: 'value' },
      series: series.map((s) => ({ type: kind, name: s.name, data: s.data, smooth: kind === 'line', barMaxWidth: 36 })),
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [kind, labels, series]);
  return <div ref={ref} data-testid={testId} style={{ width: '100%', height }} />;
}
