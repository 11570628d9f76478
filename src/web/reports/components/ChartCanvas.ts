import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';

// Only what the page draws, so the bundle stays small (Chart.js is tree-shakable).
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, DoughnutController, ArcElement, CategoryScale, LinearScale, Legend, Tooltip, Filler);
Chart.defaults.font.family = "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', system-ui, sans-serif";
Chart.defaults.color = '#1d2633';

export interface ChartCanvasProps {
  /** Says what the chart shows, for screen readers (the tables below carry the figures). */
  label: string;
  config: ChartConfiguration;
  /** The chart's name for tests and styling, e.g. "category". */
  name: string;
}

/** One Chart.js chart on a canvas; redrawn when the config changes, destroyed on unmount. */
export function ChartCanvas({ label, config, name }: ChartCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, config);
    canvas.current.dataset.drawn = 'true';
    return () => chart.destroy();
  }, [config]);
  return html`<div class="chart-box"><canvas ref=${canvas} role="img" aria-label=${label} data-chart=${name}></canvas></div>`;
}
