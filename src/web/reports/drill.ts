/**
 * The drill-down on /reports: which cases stand behind a bar, a slice, a day or a table cell,
 * written as the filter GET /api/reports/cases takes, and its title in words. Pure, so the
 * page's clicks and the tests read the same mapping.
 */
import { categoryLabel, channelLabel, STATUS_LABELS } from '../agent/format';
import { addDays, type Summary } from './model';

export interface DrillFilter {
  from: string;
  to: string;
  category?: string;
  channel?: string;
  agent?: string;
  /** Shown instead of the user name: 「li（07号）」. */
  agentLabel?: string;
  status?: string;
  onTime?: boolean;
  reopened?: boolean;
  responseBucket?: number;
  /** The bar's label as the summary gave it (15分钟内 …). */
  responseLabel?: string;
  cause?: string;
}

export const labelOfCategory = (id: string) => (id === 'uncategorized' ? '未分类' : categoryLabel(id));

/** What the charts show, in their order: a click's index is a position in these lists. */
export function chartKeys(s: Summary): { categoryIds: string[]; channelIds: string[]; trendCategories: string[] } {
  const categoryIds = Object.keys(s.counts.byCategory).filter((id) => id !== 'uncategorized' || s.counts.byCategory[id] > 0);
  const channelIds = Object.keys(s.counts.byChannel).filter((id) => s.counts.byChannel[id] > 0 || id !== 'test');
  const trendCategories = categoryIds.filter((id) => s.trend.points.some((p) => (p.byCategory[id] ?? 0) > 0));
  return { categoryIds, channelIds, trendCategories };
}

export type ChartName = 'category' | 'trend' | 'channel' | 'firstResponse' | 'causes';

/**
 * The filter behind mark `index` of dataset `dataset` of a chart; undefined where there is none.
 * A day (or a week, clipped to the range) of the trend; its category lines add the category.
 */
export function chartDrill(s: Summary, chart: ChartName, index: number, dataset = 0): DrillFilter | undefined {
  const range = { from: s.from, to: s.to };
  const keys = chartKeys(s);
  switch (chart) {
    case 'category':
      return keys.categoryIds[index] === undefined ? undefined : { ...range, category: keys.categoryIds[index] };
    case 'channel':
      return keys.channelIds[index] === undefined ? undefined : { ...range, channel: keys.channelIds[index] };
    case 'firstResponse':
      return index < s.firstResponse.distribution.length
        ? { ...range, responseBucket: index, responseLabel: s.firstResponse.distribution[index].label }
        : undefined;
    case 'causes':
      return s.topCauses[index] ? { ...range, cause: s.topCauses[index].cause } : undefined;
    case 'trend': {
      const point = s.trend.points[index];
      if (!point) return undefined;
      const to = s.trend.unit === 'week' ? addDays(point.period, 6) : point.period;
      const days = { from: point.period < s.from ? s.from : point.period, to: to > s.to ? s.to : to };
      const category = dataset > 0 ? keys.trendCategories[dataset - 1] : undefined;
      return { ...days, ...(category ? { category } : {}) };
    }
  }
}

/** 「11-05 · 收费争议 · 未及时」: what the list shows, in words. */
export function drillTitle(f: DrillFilter): string {
  const parts = [f.from === f.to ? f.from : `${f.from} 至 ${f.to}`];
  if (f.agent) parts.push(f.agentLabel ?? f.agent);
  if (f.category) parts.push(labelOfCategory(f.category));
  if (f.channel) parts.push(channelLabel(f.channel));
  if (f.status) parts.push(STATUS_LABELS[f.status] ?? f.status);
  if (f.onTime !== undefined) parts.push(f.onTime ? '及时响应' : '未及时响应');
  if (f.reopened) parts.push('办结后重开');
  if (f.responseBucket !== undefined) parts.push(`首次响应${f.responseLabel ?? ''}`);
  if (f.cause) parts.push(`原因：${f.cause}`);
  return parts.join(' · ');
}

/** The query string of a filter (the label stays on the page). */
export function drillQuery(f: DrillFilter, page: { cursor?: string; limit?: number } = {}): string {
  const q = new URLSearchParams();
  const { agentLabel: _agent, responseLabel: _bucket, ...filter } = f;
  for (const [k, v] of Object.entries({ ...filter, ...page })) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}
