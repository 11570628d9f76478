import { addDays, hoursText, minutesText, percent, presetRange, shanghaiDay, targetText, toSummary } from '../../src/web/reports/model';
import { chartDrill, chartKeys, drillQuery, drillTitle } from '../../src/web/reports/drill';

/** The reports page's pure parts: reading the API's JSON, figures as text, the range presets. */
describe('reports page model', () => {
  it('shows rates, targets and durations in Chinese', () => {
    expect(percent(0.9876)).toBe('98.8%');
    expect(percent(1)).toBe('100%');
    expect(percent(null)).toBe('—');
    expect(targetText(0.98)).toBe('≥ 98%');
    expect(minutesText(0.2)).toBe('不到 1 分钟');
    expect(minutesText(42)).toBe('42 分钟');
    expect(minutesText(90)).toBe('1.5 小时');
    expect(hoursText(0.5)).toBe('30 分钟');
    expect(hoursText(5)).toBe('5 小时');
    expect(hoursText(72)).toBe('3 天');
  });

  it('counts days in Beijing and offers the usual ranges', () => {
    expect(shanghaiDay(new Date('2026-11-01T16:30:00Z'))).toBe('2026-11-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(presetRange('7d', '2026-11-22')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(presetRange('30d', '2026-11-22')).toEqual({ from: '2026-10-24', to: '2026-11-22' });
    expect(presetRange('month', '2026-11-22')).toEqual({ from: '2026-11-01', to: '2026-11-22' });
    expect(presetRange('lastMonth', '2026-03-05')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('reads a partial or odd answer without throwing', () => {
    const s = toSummary({ counts: { total: 3, byCategory: { billing_dispute: 3 } }, rates: { onTime: { value: 0.5, met: false } } });
    expect(s.counts.total).toBe(3);
    expect(s.rates.onTime).toMatchObject({ value: 0.5, met: false, target: 0.98 });
    expect(s.rates.satisfaction).toMatchObject({ value: null, met: null, target: 0.95 });
    expect(s.trend.points).toEqual([]);
    expect(toSummary(null).counts.total).toBe(0);
  });
});

describe('reports drill-down', () => {
  const summary = toSummary({
    from: '2026-10-01',
    to: '2026-11-10',
    counts: {
      total: 4,
      byCategory: { service_attitude: 0, billing_dispute: 3, uncategorized: 1 },
      byChannel: { web: 3, wechat: 1, test: 0 },
    },
    trend: {
      unit: 'week',
      points: [
        { period: '2026-09-28', count: 1, byCategory: { billing_dispute: 1 } },
        { period: '2026-11-09', count: 3, byCategory: { billing_dispute: 2, uncategorized: 1 } },
      ],
    },
    firstResponse: {
      distribution: [
        { label: '15分钟内', count: 2 },
        { label: '15–60分钟', count: 1 },
      ],
    },
    topCauses: [{ cause: '误订增值业务', count: 2 }],
  });

  it('maps a click on each chart to the filter of the cases behind it', () => {
    const range = { from: '2026-10-01', to: '2026-11-10' };
    expect(chartKeys(summary)).toEqual({
      categoryIds: ['service_attitude', 'billing_dispute', 'uncategorized'],
      channelIds: ['web', 'wechat'],
      trendCategories: ['billing_dispute', 'uncategorized'],
    });
    expect(chartDrill(summary, 'category', 2)).toEqual({ ...range, category: 'uncategorized' });
    expect(chartDrill(summary, 'channel', 1)).toEqual({ ...range, channel: 'wechat' });
    expect(chartDrill(summary, 'firstResponse', 1)).toEqual({ ...range, responseBucket: 1, responseLabel: '15–60分钟' });
    expect(chartDrill(summary, 'causes', 0)).toEqual({ ...range, cause: '误订增值业务' });
    // Weeks are clipped to the range; a category line adds its category.
    expect(chartDrill(summary, 'trend', 0)).toEqual({ from: '2026-10-01', to: '2026-10-04' });
    expect(chartDrill(summary, 'trend', 1, 2)).toEqual({ from: '2026-11-09', to: '2026-11-10', category: 'uncategorized' });
    expect(chartDrill(summary, 'category', 9)).toBeUndefined();
  });

  it('titles the list in words and leaves the labels out of the query', () => {
    const f = { from: '2026-11-05', to: '2026-11-05', agent: 'li', agentLabel: 'li（07号）', category: 'billing_dispute', onTime: false };
    expect(drillTitle(f)).toBe('2026-11-05 · li（07号） · 收费争议 · 未及时响应');
    expect(drillTitle({ from: '2026-11-01', to: '2026-11-30', responseBucket: 0, responseLabel: '15分钟内' })).toBe(
      '2026-11-01 至 2026-11-30 · 首次响应15分钟内',
    );
    expect(drillQuery(f, { limit: 50 })).toBe('from=2026-11-05&to=2026-11-05&agent=li&category=billing_dispute&onTime=false&limit=50');
  });
});
