import { html } from 'htm/preact';

const W = 72;
const H = 20;

/** The anger of the last customer messages as a small line; red when it is rising. */
export function Sparkline({ values }: { values: number[] }) {
  if (values.length === 0) return html`<span class="muted" aria-label="情绪趋势：暂无数据">—</span>`;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? (W - 4) / (values.length - 1) : 0;
  const points = values.map((v, i) => [2 + i * step, H - 2 - (Math.max(0, v) / max) * (H - 4)] as const);
  const rising = values.length > 1 && values[values.length - 1] > values[0];
  const last = values[values.length - 1];
  const hot = last / max >= 0.6;
  const label = `情绪趋势：${values.map((v) => (Math.round(v * 100) / 100).toString()).join(' → ')}${rising ? '（上升）' : ''}`;
  return html`
    <svg
      class=${`spark${rising ? ' spark--rising' : ''}${hot ? ' spark--hot' : ''}`}
      width=${W}
      height=${H}
      viewBox=${`0 0 ${W} ${H}`}
      role="img"
      aria-label=${label}
      data-points=${values.length}
    >
      <title>${label}</title>
      ${
        values.length > 1
          ? html`<polyline
              fill="none"
              stroke-width="1.5"
              stroke-linejoin="round"
              stroke-linecap="round"
              points=${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}
            />`
          : null
      }
      <circle cx=${points[points.length - 1][0]} cy=${points[points.length - 1][1]} r="2" />
    </svg>
  `;
}
