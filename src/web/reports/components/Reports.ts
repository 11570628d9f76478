import type { ChartConfiguration } from 'chart.js';
import { html } from 'htm/preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../../agent/api';
import { channelLabel, formatTime } from '../../agent/format';
import type { Session } from '../../agent/model';
import type { AgentFigures } from '../../../reports/agentFigures';
import type { ReportsApi } from '../api';
import { chartDrill, chartKeys, labelOfCategory, type ChartName, type DrillFilter } from '../drill';
import { hoursText, minutesText, percent, periodLabel, presetRange, shanghaiDay, targetText, type RateView, type Summary } from '../model';
import { AgentTable } from './AgentTable';
import { CaseDrill } from './CaseDrill';
import { ChartCanvas } from './ChartCanvas';

const CATEGORY_COLORS: Record<string, string> = {
  service_attitude: '#e07a1f',
  business_handling: '#0b6bcb',
  product_quality: '#2e9d57',
  billing_dispute: '#c62828',
  after_sales: '#7b4fc4',
  uncategorized: '#8a94a3',
};
const CHANNEL_COLORS: Record<string, string> = { web: '#0b6bcb', wechat: '#1aad19', test: '#8a94a3' };
const colorOf = (id: string) => CATEGORY_COLORS[id] ?? '#8a94a3';

interface Range {
  from: string;
  to: string;
}

const PRESETS: { id: Parameters<typeof presetRange>[0]; label: string }[] = [
  { id: '7d', label: '近7天' },
  { id: '30d', label: '近30天' },
  { id: 'month', label: '本月' },
  { id: 'lastMonth', label: '上月' },
  { id: '90d', label: '近90天' },
];

export function Reports({ api, session, onLogout }: { api: ReportsApi; session: Session; onLogout(): void }) {
  const today = shanghaiDay();
  const [range, setRange] = useState<Range>(() => presetRange('30d', today));
  const [draft, setDraft] = useState<Range>(range);
  const [summary, setSummary] = useState<Summary | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [reveal, setReveal] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [agents, setAgents] = useState<AgentFigures[] | undefined>();
  const [drill, setDrill] = useState<DrillFilter | undefined>();
  // Per-agent figures and the cases behind a figure are supervisors' only (the API answers 403 to agents).
  const supervisor = session.role === 'supervisor';

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(undefined);
    Promise.all([api.summary(range), supervisor ? api.agents(range) : Promise.resolve(undefined)])
      .then(([s, a]) => {
        if (!live) return;
        setSummary(s);
        setAgents(a?.agents);
      })
      .catch((err) => live && setError(err instanceof ApiError ? err.message : '报表没有加载成功，请稍后再试。'))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [api, range, supervisor]);

  const apply = (e: Event) => {
    e.preventDefault();
    if (!draft.from || !draft.to) return setError('请选择开始和结束日期。');
    if (draft.to < draft.from) return setError('结束日期不能早于开始日期。');
    setRange({ ...draft });
  };

  const pick = (id: Parameters<typeof presetRange>[0]) => {
    const r = presetRange(id, today);
    setDraft(r);
    setRange(r);
  };

  const download = useCallback(async () => {
    setDownloading(true);
    setError(undefined);
    try {
      const { blob, filename } = await api.casesCsv(range, reveal);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '导出没有成功，请稍后再试。');
    } finally {
      setDownloading(false);
    }
  }, [api, range, reveal]);

  return html`
    <div class="page">
      <header class="topbar">
        <h1>投诉报表</h1>
        <span class="muted">${session.username}（${session.role === 'supervisor' ? '值班主管' : '在线客服'}）</span>
        <nav class="topbar__links" aria-label="页面">
          <a href="/agent">坐席工作台</a>
          ${session.role === 'supervisor' ? html`<a href="/supervisor">值班监控台</a>` : null}
          <button type="button" class="btn btn--link" onClick=${onLogout}>退出</button>
        </nav>
      </header>

      <form class="toolbar" onSubmit=${apply} aria-label="统计时间" novalidate>
        <label class="field field--inline"
          ><span>开始日期</span>
          <input
            type="date"
            name="from"
            value=${draft.from}
            max=${draft.to || today}
            onInput=${(e: Event) => setDraft({ ...draft, from: (e.target as HTMLInputElement).value })}
          />
        </label>
        <label class="field field--inline"
          ><span>结束日期</span>
          <input
            type="date"
            name="to"
            value=${draft.to}
            min=${draft.from}
            max=${today}
            onInput=${(e: Event) => setDraft({ ...draft, to: (e.target as HTMLInputElement).value })}
          />
        </label>
        <button type="submit" class="btn btn--primary">查询</button>
        <div class="presets" role="group" aria-label="快捷选择">
          ${PRESETS.map((p) => html`<button type="button" class="btn btn--ghost" onClick=${() => pick(p.id)}>${p.label}</button>`)}
        </div>
        ${
          session.role === 'supervisor'
            ? html`<div class="export">
                <label class="check"
                  ><input type="checkbox" checked=${reveal} onChange=${(e: Event) => setReveal((e.target as HTMLInputElement).checked)} />
                  含完整号码（将记入审计）</label
                >
                <button type="button" class="btn" onClick=${download} disabled=${downloading}>
                  ${downloading ? '正在导出…' : '下载 CSV'}
                </button>
              </div>`
            : null /* the export has a row per case: supervisors only (GET /api/reports/cases.csv) */
        }
      </form>

      ${error ? html`<p class="notice notice--error" role="alert">${error}</p>` : null}
      ${
        !summary
          ? html`<p class="boot">${loading ? '正在统计…' : ''}</p>`
          : html`<${Dashboard} summary=${summary} loading=${loading} agents=${agents} onDrill=${supervisor ? setDrill : undefined} />`
      }
      ${drill ? html`<${CaseDrill} api=${api} filter=${drill} onClose=${() => setDrill(undefined)} />` : null}
    </div>
  `;
}

interface DashboardProps {
  summary: Summary;
  loading: boolean;
  /** Supervisors only: the per-agent figures and the drill-down. */
  agents?: AgentFigures[];
  onDrill?: (f: DrillFilter) => void;
}

function Dashboard({ summary: s, loading, agents, onDrill }: DashboardProps) {
  const charts = useMemo(() => chartConfigs(s), [s]);
  const { categoryIds, channelIds } = chartKeys(s);
  const range = { from: s.from, to: s.to };
  const pick = (chart: ChartName) =>
    onDrill
      ? (index: number, dataset: number) => {
          const f = chartDrill(s, chart, index, dataset);
          if (f) onDrill(f);
        }
      : undefined;
  /** A figure cell that opens its cases (plain text for agents, who cannot drill, and for nothing to open). */
  const cell = (text: string | number, f: DrillFilter): Cell => (onDrill && text !== 0 ? { text, open: () => onDrill(f) } : text);
  return html`
    <main class="dashboard" aria-busy=${loading}>
      <p class="range muted">统计区间：${s.from} 至 ${s.to}（北京时间，按受理时间）· 共 ${s.counts.total} 件</p>
      <section class="kpis" aria-label="服务质量指标">
        <${Kpi} name="onTime" title="及时率" rate=${s.rates.onTime} hint="在回复时限内首次响应" />
        <${Kpi} name="resolution" title="解决率" rate=${s.rates.resolution} hint="已办结 / 受理" />
        <${Kpi}
          name="satisfaction"
          title="满意率"
          rate=${s.rates.satisfaction}
          hint=${`满意 / 已回访 ${s.rates.satisfaction.answered ?? s.rates.satisfaction.denominator} 件`}
        />
        <div class="kpi kpi--plain" data-kpi="total">
          <span class="kpi__title">受理量</span><strong class="kpi__value">${s.counts.total}</strong><span class="kpi__hint">件</span>
        </div>
        <div class="kpi kpi--plain" data-kpi="firstResponse">
          <span class="kpi__title">平均首次响应</span><strong class="kpi__value">${minutesText(s.firstResponse.avgMinutes)}</strong
          ><span class="kpi__hint">中位 ${minutesText(s.firstResponse.p50Minutes)} · 90% ${minutesText(s.firstResponse.p90Minutes)}</span>
        </div>
        <div class="kpi kpi--plain" data-kpi="resolutionTime">
          <span class="kpi__title">平均办结用时</span><strong class="kpi__value">${hoursText(s.resolution.avgHours)}</strong
          ><span class="kpi__hint">中位 ${hoursText(s.resolution.p50Hours)}</span>
        </div>
      </section>

      <section class="charts" aria-label="图表">
        <figure class="card">
          <figcaption>按类别</figcaption>
          <${ChartCanvas} name="category" onPick=${pick('category')} label="各类别投诉量柱状图" config=${charts.category} />
        </figure>
        <figure class="card card--wide">
          <figcaption>${s.trend.unit === 'week' ? '按周趋势' : '按日趋势'}</figcaption>
          <${ChartCanvas} name="trend" onPick=${pick('trend')} label="投诉量趋势折线图" config=${charts.trend} />
        </figure>
        <figure class="card">
          <figcaption>按渠道</figcaption>
          <${ChartCanvas} name="channel" onPick=${pick('channel')} label="各渠道投诉量环形图" config=${charts.channel} />
        </figure>
        <figure class="card">
          <figcaption>首次响应时长分布</figcaption>
          <${ChartCanvas}
            name="firstResponse"
            onPick=${pick('firstResponse')}
            label="首次响应时长分布柱状图"
            config=${charts.firstResponse}
          />
        </figure>
        <figure class="card">
          <figcaption>主要原因</figcaption>
          ${s.topCauses.length ? html`<${ChartCanvas} name="causes" onPick=${pick('causes')} label="主要原因条形图" config=${charts.causes} />` : html`<p class="empty">区间内还没有办结的工单。</p>`}
        </figure>
      </section>

      <section class="tables" aria-label="明细">
        ${agents ? html`<${AgentTable} agents=${agents} range=${range} onDrill=${onDrill} />` : null}
        <${Table}
          caption="按类别"
          head=${['类别', '件数', '占比']}
          rows=${categoryIds.map((id) => [labelOfCategory(id), cell(s.counts.byCategory[id], { ...range, category: id }), share(s.counts.byCategory[id], s.counts.total)])}
        />
        <${Table}
          caption="按渠道"
          head=${['渠道', '件数', '占比']}
          rows=${channelIds.map((id) => [channelLabel(id), cell(s.counts.byChannel[id], { ...range, channel: id }), share(s.counts.byChannel[id], s.counts.total)])}
        />
        <${Table}
          caption="服务质量指标"
          head=${['指标', '实际', '目标', '达标', '计算依据']}
          rows=${[
            [
              '及时率',
              percent(s.rates.onTime.value),
              targetText(s.rates.onTime.target),
              metText(s.rates.onTime),
              cell(`${s.rates.onTime.numerator} / ${s.rates.onTime.denominator}`, { ...range, onTime: false }),
            ],
            [
              '解决率',
              percent(s.rates.resolution.value),
              targetText(s.rates.resolution.target),
              metText(s.rates.resolution),
              cell(`${s.rates.resolution.numerator} / ${s.rates.resolution.denominator}`, { ...range, status: 'resolved' }),
            ],
            [
              '满意率',
              percent(s.rates.satisfaction.value),
              targetText(s.rates.satisfaction.target),
              metText(s.rates.satisfaction),
              `${s.rates.satisfaction.numerator} / ${s.rates.satisfaction.denominator}`,
            ],
          ]}
        />
        <${Table}
          caption="主要原因"
          head=${['原因', '件数']}
          rows=${s.topCauses.map((c) => [c.cause, cell(c.count, { ...range, cause: c.cause })])}
          empty="暂无"
        />
        <${Table}
          caption=${`客户表扬（${s.compliments.total} 条，不计入投诉）`}
          head=${['时间', '渠道', '客户原话']}
          rows=${s.compliments.recent.map((c) => [formatTime(c.at), channelLabel(c.channel), c.text])}
          empty="区间内还没有收到表扬。"
        />
        <${Table}
          caption=${s.trend.unit === 'week' ? '按周（周一起）' : '按日'}
          head=${['日期', '件数']}
          rows=${s.trend.points.map((p, i) => [p.period, cell(p.count, chartDrill(s, 'trend', i)!)])}
        />
      </section>
    </main>
  `;
}

function Kpi({ name, title, rate, hint }: { name: string; title: string; rate: RateView; hint: string }) {
  const state = rate.met === null ? 'none' : rate.met ? 'met' : 'missed';
  return html`
    <div class=${`kpi kpi--${state}`} data-kpi=${name} data-state=${state}>
      <span class="kpi__title">${title}</span>
      <strong class="kpi__value">${percent(rate.value)}</strong>
      <span class="kpi__target"
        >目标 ${targetText(rate.target)} · ${state === 'none' ? '暂无数据' : state === 'met' ? '达标' : '未达标'}</span
      >
      <span class="kpi__hint">${hint}</span>
    </div>
  `;
}

/** A table cell: text, or a figure that opens the cases behind it. */
type Cell = string | number | { text: string | number; open(): void };

function Table({ caption, head, rows, empty }: { caption: string; head: string[]; rows: Cell[][]; empty?: string }) {
  const show = (c: Cell) =>
    typeof c === 'object'
      ? html`<button type="button" class="cell-link" aria-label=${`${c.text}，查看工单`} onClick=${c.open}>${c.text}</button>`
      : c;
  return html`
    <table class="card table">
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          ${head.map((h) => html`<th scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${
          rows.length
            ? rows.map(
                (r) =>
                  html`<tr>
                    ${r.map((c, i) => (i === 0 ? html`<th scope="row">${show(c)}</th>` : html`<td>${show(c)}</td>`))}
                  </tr>`,
              )
            : html`<tr>
                <td colspan=${head.length} class="empty">${empty ?? '暂无'}</td>
              </tr>`
        }
      </tbody>
    </table>
  `;
}

const share = (n: number, total: number) => (total ? percent(n / total) : '—');
const metText = (r: RateView) => (r.met === null ? '—' : r.met ? '是' : '否');

function chartConfigs(s: Summary): Record<'category' | 'trend' | 'channel' | 'firstResponse' | 'causes', ChartConfiguration> {
  const base = { responsive: true, maintainAspectRatio: false, animation: false as const };
  const integerAxis = { beginAtZero: true, ticks: { precision: 0 } };
  const { categoryIds, channelIds, trendCategories } = chartKeys(s);
  return {
    category: {
      type: 'bar',
      data: {
        labels: categoryIds.map(labelOfCategory),
        datasets: [{ label: '件数', data: categoryIds.map((id) => s.counts.byCategory[id]), backgroundColor: categoryIds.map(colorOf) }],
      },
      options: { ...base, plugins: { legend: { display: false } }, scales: { y: integerAxis } },
    },
    trend: {
      type: 'line',
      data: {
        labels: s.trend.points.map((p) => periodLabel(p.period, s.trend.unit)),
        datasets: [
          {
            label: '合计',
            data: s.trend.points.map((p) => p.count),
            borderColor: '#1d2633',
            backgroundColor: 'rgba(29,38,51,0.08)',
            fill: true,
            cubicInterpolationMode: 'monotone',
            borderWidth: 2.5,
          },
          ...trendCategories.map((id) => ({
            label: labelOfCategory(id),
            data: s.trend.points.map((p) => p.byCategory[id] ?? 0),
            borderColor: colorOf(id),
            backgroundColor: colorOf(id),
            cubicInterpolationMode: 'monotone' as const,
            borderWidth: 1.5,
            pointRadius: 2,
          })),
        ],
      },
      options: { ...base, interaction: { mode: 'index', intersect: false }, scales: { y: integerAxis } },
    },
    channel: {
      type: 'doughnut',
      data: {
        labels: channelIds.map(channelLabel),
        datasets: [
          {
            label: '件数',
            data: channelIds.map((id) => s.counts.byChannel[id]),
            backgroundColor: channelIds.map((id) => CHANNEL_COLORS[id] ?? '#8a94a3'),
          },
        ],
      },
      options: { ...base, plugins: { legend: { position: 'bottom' } } },
    },
    firstResponse: {
      type: 'bar',
      data: {
        labels: s.firstResponse.distribution.map((d) => d.label),
        datasets: [
          {
            label: '件数',
            data: s.firstResponse.distribution.map((d) => d.count),
            backgroundColor: ['#2e9d57', '#7cbf5a', '#e0b31f', '#e07a1f', '#c62828'],
          },
        ],
      },
      options: { ...base, plugins: { legend: { display: false } }, scales: { y: integerAxis } },
    },
    causes: {
      type: 'bar',
      data: {
        labels: s.topCauses.map((c) => (c.cause.length > 18 ? `${c.cause.slice(0, 18)}…` : c.cause)),
        datasets: [{ label: '件数', data: s.topCauses.map((c) => c.count), backgroundColor: '#0b6bcb' }],
      },
      options: { ...base, indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: integerAxis } },
    },
  };
}
