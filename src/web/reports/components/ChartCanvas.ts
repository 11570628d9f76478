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
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  DoughnutController,
  ArcElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
  Filler,
);
Chart.defaults.font.family = "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', system-ui, sans-serif";
Chart.defaults.color = '#1d2633';

export interface ChartCanvasProps {
  /** Says what the chart shows, for screen readers (the tables below carry the figures). */
  label: string;
  config: ChartConfiguration;
  /** The chart's name for tests and styling, e.g. "category". */
  name: string;
  /** A click on a mark: its index in the labels and the dataset it belongs to (drill-down). */
  onPick?: (index: number, dataset: number) => void;
}

/**
 * One Chart.js chart on a canvas; redrawn when the config changes, destroyed on unmount. With
 * onPick the marks are clickable, and the canvas lists where each mark of the first dataset is
 * (data-marks, CSS pixels), so a test can click a bar without guessing the layout.
 */
export function ChartCanvas({ label, config, name, onPick }: ChartCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // Kept in a ref: a new handler must not redraw the chart.
  const pick = useRef(onPick);
  pick.current = onPick;
  const clickable = Boolean(onPick);
  useEffect(() => {
    const el = canvas.current;
    if (!el) return undefined;
    const options = clickable
      ? {
          ...config.options,
          onClick: (_e: unknown, marks: { index: number; datasetIndex: number }[]) => {
            if (marks[0]) pick.current?.(marks[0].index, marks[0].datasetIndex);
          },
          onHover: (_e: unknown, marks: unknown[]) => {
            el.style.cursor = marks.length ? 'pointer' : 'default';
          },
        }
      : config.options;
    const chart = new Chart(el, { ...config, options } as ChartConfiguration);
    if (clickable) {
      el.dataset.marks = JSON.stringify(
        chart.getDatasetMeta(0).data.map((mark) => {
          const at = mark.tooltipPosition(true);
          return [Math.round(at.x ?? 0), Math.round(at.y ?? 0)];
        }),
      );
    }
    el.dataset.drawn = 'true';
    return () => chart.destroy();
  }, [config, clickable]);
  return html`<div class="chart-box"><canvas ref=${canvas} role="img" aria-label=${label} data-chart=${name}></canvas></div>`;
}
