import { addDays, hoursText, minutesText, percent, presetRange, shanghaiDay, targetText, toSummary } from '../../src/web/reports/model';

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
