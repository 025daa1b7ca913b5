/**
 * One ECharts chart in a div: made on mount, given each new option, resized with its box, disposed
 * on unmount. Drawn with echarts itself (its ES modules), which is what echarts-for-react wraps;
 * that wrapper's CommonJS typings do not resolve under this project's NodeNext module settings.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';

export type EChartsOption = echarts.EChartsOption;

export function Chart({ option, height, label }: { option: echarts.EChartsOption; height: number; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts>(undefined);
  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const made = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = made;
    const observer = new ResizeObserver(() => made.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      made.dispose();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={box} className="dashboard-canvas" role="img" aria-label={label} style={{ height }} />;
}
