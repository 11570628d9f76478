import type { Case } from '../../src/domain/case';
import { dayKey, weekKey } from '../../src/domain/calendar';
import { satisfactionOf } from '../../src/reports/caseFacts';
import { summarize, TARGETS } from '../../src/reports/summary';
import { makeCase } from '../handoff/caseFactory';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-11-30T12:00:00Z');
const min = 60_000;
const hour = 3_600_000;

/** A case accepted at `at` (UTC ISO), with first response after `respondMin` minutes and resolution after `resolveH` hours. */
function kase(
  at: string,
  o: {
    category?: Case['category'] | null;
    channel?: Case['channel'];
    dueH?: number;
    respondMin?: number;
    agentMsgMin?: number;
    resolveH?: number;
    cause?: string;
    satisfaction?: unknown;
  } = {},
): Case {
  const t = Date.parse(at);
  const iso = (ms: number) => new Date(ms).toISOString();
  const c = makeCase({
    acceptedAt: at,
    responseDueAt: iso(t + (o.dueH ?? 1) * hour),
    channel: o.channel ?? 'web',
    status: o.resolveH !== undefined ? 'resolved' : o.respondMin !== undefined ? 'active' : 'queued',
    ...(o.respondMin !== undefined ? { claimedAt: iso(t + o.respondMin * min), owner: 'agent07' } : {}),
    ...(o.resolveH !== undefined
      ? {
          resolution: {
            cause: o.cause ?? '系统计费错误',
            solution: '已退费',
            resolvedAt: iso(t + o.resolveH * hour),
            resolvedBy: 'agent07',
          },
        }
      : {}),
  });
  if (o.category === null) delete c.category;
  else if (o.category) c.category = o.category;
  if (o.agentMsgMin !== undefined) c.transcript.push({ from: 'agent', text: '您好', at: iso(t + o.agentMsgMin * min), by: 'agent07' });
  if (o.satisfaction !== undefined) (c as unknown as Record<string, unknown>).satisfaction = o.satisfaction;
  return c;
}

describe('report summary', () => {
  it('counts by category and channel, only for cases accepted in the range', () => {
    const cases = [
      kase('2026-11-02T02:00:00Z', { category: 'billing_dispute', channel: 'web' }),
      kase('2026-11-02T03:00:00Z', { category: 'billing_dispute', channel: 'wechat' }),
      kase('2026-11-03T03:00:00Z', { category: 'product_quality', channel: 'wechat' }),
      kase('2026-11-04T03:00:00Z', { category: null, channel: 'web' }),
      kase('2026-10-31T03:00:00Z', { category: 'after_sales' }), // before the range
      kase('2026-11-11T03:00:00Z', { category: 'after_sales' }), // after it
    ];
    const s = summarize({ cases, from: '2026-11-01', to: '2026-11-10', now: NOW, timeZone: TZ });
    expect(s.counts.total).toBe(4);
    expect(s.counts.byCategory).toEqual({
      service_attitude: 0,
      business_handling: 0,
      product_quality: 1,
      billing_dispute: 2,
      after_sales: 0,
      uncategorized: 1,
    });
    expect(s.counts.byChannel).toEqual({ web: 2, wechat: 2 });
  });

  it('counts by Asia/Shanghai days: 23:30 in Beijing is that day, 00:30 the next, whatever the UTC date', () => {
    // 2026-11-01 23:30 Beijing = 15:30 UTC on the 1st; 2026-11-02 00:30 Beijing = 16:30 UTC on the 1st.
    const late = kase('2026-11-01T15:30:00Z');
    const afterMidnight = kase('2026-11-01T16:30:00Z');
    // 2026-10-31 23:59 Beijing (15:59 UTC on the 31st) is outside a range starting on the 1st.
    const before = kase('2026-10-31T15:59:00Z');
    expect(dayKey(late.acceptedAt, TZ)).toBe('2026-11-01');
    expect(dayKey(afterMidnight.acceptedAt, TZ)).toBe('2026-11-02');
    const s = summarize({ cases: [late, afterMidnight, before], from: '2026-11-01', to: '2026-11-02', now: NOW, timeZone: TZ });
    expect(s.counts.total).toBe(2);
    expect(s.trend.unit).toBe('day');
    expect(s.trend.points.map((p) => [p.period, p.count])).toEqual([
      ['2026-11-01', 1],
      ['2026-11-02', 1],
    ]);
    // One day in UTC would have put both on the 1st.
    const utc = summarize({ cases: [late, afterMidnight, before], from: '2026-11-01', to: '2026-11-02', now: NOW, timeZone: 'UTC' });
    expect(utc.trend.points.map((p) => p.count)).toEqual([2, 0]);
  });

  it('draws a daily trend with every day (empty ones too) and by category, up to 31 days', () => {
    const cases = [
      kase('2026-11-05T02:00:00Z', { category: 'billing_dispute' }),
      kase('2026-11-05T05:00:00Z', { category: 'after_sales' }),
      kase('2026-11-07T02:00:00Z'),
    ];
    const s = summarize({ cases, from: '2026-11-01', to: '2026-11-30', now: NOW, timeZone: TZ });
    expect(s.trend.unit).toBe('day');
    expect(s.trend.points).toHaveLength(30);
    expect(s.trend.points[4]).toEqual({ period: '2026-11-05', count: 2, byCategory: { billing_dispute: 1, after_sales: 1 } });
    expect(s.trend.points[5]).toEqual({ period: '2026-11-06', count: 0, byCategory: {} });
    expect(summarize({ cases, from: '2026-10-01', to: '2026-10-31', now: NOW, timeZone: TZ }).trend.unit).toBe('day');
  });

  it('draws by ISO week (labelled by Monday) when the range is longer than 31 days', () => {
    expect(weekKey('2026-11-01')).toBe('2026-10-26'); // a Sunday belongs to the week before
    expect(weekKey('2026-11-02')).toBe('2026-11-02'); // a Monday starts its own
    const cases = [
      kase('2026-10-01T02:00:00Z'), // Thu → week of 09-28
      kase('2026-11-01T15:30:00Z'), // Sun 11-01 23:30 Beijing → week of 10-26
      kase('2026-11-01T16:30:00Z'), // Mon 11-02 00:30 Beijing → week of 11-02
    ];
    const s = summarize({ cases, from: '2026-10-01', to: '2026-11-10', now: NOW, timeZone: TZ });
    expect(s.trend.unit).toBe('week');
    expect(s.trend.points.map((p) => p.period)).toEqual([
      '2026-09-28',
      '2026-10-05',
      '2026-10-12',
      '2026-10-19',
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
    ]);
    const count = (period: string) => s.trend.points.find((p) => p.period === period)!.count;
    expect([count('2026-09-28'), count('2026-10-26'), count('2026-11-02'), count('2026-10-05')]).toEqual([1, 1, 1, 0]);
  });

  it('times first responses (claim or first agent message, whichever first) and resolutions', () => {
    const cases = [
      kase('2026-11-02T02:00:00Z', { respondMin: 10 }),
      kase('2026-11-02T03:00:00Z', { respondMin: 30, agentMsgMin: 20 }), // the message came first: 20
      kase('2026-11-02T04:00:00Z', { respondMin: 90, resolveH: 4 }),
      kase('2026-11-02T05:00:00Z', { respondMin: 300, resolveH: 26 }),
      kase('2026-11-02T06:00:00Z'), // nobody yet
    ];
    const s = summarize({ cases, from: '2026-11-01', to: '2026-11-30', now: NOW, timeZone: TZ });
    expect(s.firstResponse.count).toBe(4);
    expect(s.firstResponse.avgMinutes).toBe(105); // (10 + 20 + 90 + 300) / 4
    expect(s.firstResponse.p50Minutes).toBe(20);
    expect(s.firstResponse.p90Minutes).toBe(300);
    expect(s.firstResponse.distribution.map((d) => d.count)).toEqual([1, 1, 1, 1, 0]);
    expect(s.resolution).toEqual({ avgHours: 15, p50Hours: 4, count: 2 });
  });

  it('on-time rate: answered within the deadline among cases due or answered; cases still in time are not judged', () => {
    const now = new Date('2026-11-02T12:00:00Z');
    const cases = [
      ...Array.from({ length: 49 }, (_, i) => kase(`2026-11-01T0${i % 10}:00:00Z`, { respondMin: 5 })),
      kase('2026-11-01T02:00:00Z', { respondMin: 61, dueH: 1 }), // late
      kase('2026-11-02T11:30:00Z', { dueH: 24 }), // waiting, due tomorrow: not judged
    ];
    const s = summarize({ cases, from: '2026-11-01', to: '2026-11-02', now, timeZone: TZ });
    expect(s.rates.onTime).toEqual({ value: 0.98, target: TARGETS.onTime, met: true, numerator: 49, denominator: 50 });
    // One more unanswered past its deadline: 49/51 = 96.1%, under the target.
    const overdue = kase('2026-11-01T03:00:00Z', { dueH: 1 });
    const s2 = summarize({ cases: [...cases, overdue], from: '2026-11-01', to: '2026-11-02', now, timeZone: TZ });
    expect(s2.rates.onTime.denominator).toBe(51);
    expect(s2.rates.onTime.value).toBeCloseTo(0.9608, 4);
    expect(s2.rates.onTime.met).toBe(false);
  });

  it('resolution rate: resolved / accepted, against 99%', () => {
    const resolvedOnes = Array.from({ length: 99 }, () => kase('2026-11-03T02:00:00Z', { respondMin: 5, resolveH: 2 }));
    const open = kase('2026-11-03T02:00:00Z', { respondMin: 5 });
    const s = summarize({ cases: [...resolvedOnes, open], from: '2026-11-01', to: '2026-11-30', now: NOW, timeZone: TZ });
    expect(s.rates.resolution).toEqual({ value: 0.99, target: 0.99, met: true, numerator: 99, denominator: 100 });
    const s2 = summarize({
      cases: [...resolvedOnes.slice(0, 98), open, kase('2026-11-03T02:00:00Z')],
      from: '2026-11-01',
      to: '2026-11-30',
      now: NOW,
      timeZone: TZ,
    });
    expect(s2.rates.resolution.met).toBe(false);
    // A reopened case keeps its old resolution but is not resolved.
    const reopened = { ...resolvedOnes[0], id: 'reopened', status: 'queued' as const, reopened: true };
    const s4 = summarize({ cases: [reopened], from: '2026-11-01', to: '2026-11-30', now: NOW, timeZone: TZ });
    expect(s4.rates.resolution.numerator).toBe(0);
    expect(s4.topCauses).toHaveLength(1); // its cause was still found once
    // A resolution after `now` (a clock in the past) does not count yet.
    const s3 = summarize({
      cases: resolvedOnes.slice(0, 1),
      from: '2026-11-01',
      to: '2026-11-30',
      now: new Date('2026-11-03T03:00:00Z'),
      timeZone: TZ,
    });
    expect(s3.rates.resolution.numerator).toBe(0);
  });

  it('satisfaction rate: ≥4 or 满意 among answered surveys; unanswered cases are left out', () => {
    // The follow-up's own shape is {score, words, at}; older or other shapes are read too.
    const answers: unknown[] = [
      { score: 5, words: '挺好的', at: '2026-11-06T02:00:00Z' },
      { score: 4, words: '还行', at: '2026-11-06T02:00:00Z' },
      '满意',
      '非常满意',
      5,
      { rating: '满意' },
      { score: 3, words: '满意吧', at: '2026-11-06T02:00:00Z' },
      '不满意',
      { score: 2, words: '', at: '2026-11-06T02:00:00Z' },
    ];
    const cases = [
      ...answers.map((a) => kase('2026-11-05T02:00:00Z', { respondMin: 5, resolveH: 1, satisfaction: a })),
      kase('2026-11-05T02:00:00Z', { respondMin: 5, resolveH: 1 }),
    ];
    const s = summarize({ cases, from: '2026-11-01', to: '2026-11-30', now: NOW, timeZone: TZ });
    expect(s.rates.satisfaction).toEqual({ value: 0.6667, target: 0.95, met: false, numerator: 6, denominator: 9, answered: 9 });
    expect(satisfactionOf(kase('2026-11-05T02:00:00Z'))).toBeUndefined();
    expect(satisfactionOf(kase('2026-11-05T02:00:00Z', { satisfaction: '一般' }))).toBe(false);
  });

  it('gives null rates (not 0, not met) when there is nothing to judge', () => {
    const s = summarize({ cases: [], from: '2026-11-01', to: '2026-11-30', now: NOW, timeZone: TZ });
    expect(s.counts.total).toBe(0);
    for (const r of [s.rates.onTime, s.rates.resolution, s.rates.satisfaction]) {
      expect(r.value).toBeNull();
      expect(r.met).toBeNull();
    }
    expect(s.firstResponse.avgMinutes).toBeNull();
    expect(s.topCauses).toEqual([]);
  });

  it('lists the top causes by count, then by name, at most ten', () => {
    const causes = [
      '增值业务未经确认开通',
      '增值业务未经确认开通',
      ' 增值业务未经确认开通 ',
      '基站故障',
      '基站故障',
      '套餐变更未生效',
      ...Array.from({ length: 10 }, (_, i) => `其他原因${i}`),
    ];
    const cases = causes.map((cause) => kase('2026-11-05T02:00:00Z', { respondMin: 5, resolveH: 1, cause }));
    const s = summarize({ cases, from: '2026-11-01', to: '2026-11-30', now: NOW, timeZone: TZ });
    expect(s.topCauses).toHaveLength(10);
    expect(s.topCauses.slice(0, 2)).toEqual([
      { cause: '增值业务未经确认开通', count: 3 },
      { cause: '基站故障', count: 2 },
    ]);
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => summarize({ cases: [], from: '2026-11-02', to: '2026-11-01', now: NOW, timeZone: TZ })).toThrow(RangeError);
  });
});
