/** The summary as the page uses it, read defensively from the API's JSON, and how it is shown. */

export interface RateView {
  value: number | null;
  target: number;
  met: boolean | null;
  numerator: number;
  denominator: number;
  answered?: number;
}

export interface Summary {
  from: string;
  to: string;
  counts: { byCategory: Record<string, number>; byChannel: Record<string, number>; total: number };
  trend: { unit: 'day' | 'week'; points: { period: string; count: number; byCategory: Record<string, number> }[] };
  firstResponse: {
    avgMinutes: number | null;
    p50Minutes: number | null;
    p90Minutes: number | null;
    count: number;
    distribution: { label: string; count: number }[];
  };
  resolution: { avgHours: number | null; p50Hours: number | null; count: number };
  rates: { onTime: RateView; resolution: RateView; satisfaction: RateView };
  topCauses: { cause: string; count: number }[];
  compliments: { total: number; byChannel: Record<string, number>; recent: { at: string; channel: string; text: string }[] };
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const counts = (v: unknown): Record<string, number> => Object.fromEntries(Object.entries(obj(v)).map(([k, n]) => [k, num(n)]));

function rateOf(v: unknown, target: number): RateView {
  const r = obj(v);
  return {
    value: numOrNull(r.value),
    target: numOrNull(r.target) ?? target,
    met: typeof r.met === 'boolean' ? r.met : null,
    numerator: num(r.numerator),
    denominator: num(r.denominator),
    answered: typeof r.answered === 'number' ? r.answered : undefined,
  };
}

export function toSummary(raw: unknown): Summary {
  const s = obj(raw);
  const c = obj(s.counts);
  const t = obj(s.trend);
  const f = obj(s.firstResponse);
  const r = obj(s.resolution);
  const rates = obj(s.rates);
  return {
    from: String(s.from ?? ''),
    to: String(s.to ?? ''),
    counts: { byCategory: counts(c.byCategory), byChannel: counts(c.byChannel), total: num(c.total) },
    trend: {
      unit: t.unit === 'week' ? 'week' : 'day',
      points: (Array.isArray(t.points) ? t.points : []).map((p) => {
        const o = obj(p);
        return { period: String(o.period ?? ''), count: num(o.count), byCategory: counts(o.byCategory) };
      }),
    },
    firstResponse: {
      avgMinutes: numOrNull(f.avgMinutes),
      p50Minutes: numOrNull(f.p50Minutes),
      p90Minutes: numOrNull(f.p90Minutes),
      count: num(f.count),
      distribution: (Array.isArray(f.distribution) ? f.distribution : []).map((d) => ({
        label: String(obj(d).label ?? ''),
        count: num(obj(d).count),
      })),
    },
    resolution: { avgHours: numOrNull(r.avgHours), p50Hours: numOrNull(r.p50Hours), count: num(r.count) },
    rates: {
      onTime: rateOf(rates.onTime, 0.98),
      resolution: rateOf(rates.resolution, 0.99),
      satisfaction: rateOf(rates.satisfaction, 0.95),
    },
    topCauses: (Array.isArray(s.topCauses) ? s.topCauses : []).map((x) => ({
      cause: String(obj(x).cause ?? ''),
      count: num(obj(x).count),
    })),
    compliments: complimentsOf(s.compliments),
  };
}

function complimentsOf(v: unknown): Summary['compliments'] {
  const c = obj(v);
  const recent = (Array.isArray(c.recent) ? c.recent : []).map((x) => {
    const o = obj(x);
    return { at: String(o.at ?? ''), channel: String(o.channel ?? ''), text: String(o.text ?? '') };
  });
  return { total: num(c.total), byChannel: counts(c.byChannel), recent };
}

/** 0.9876 → "98.8%"; null → "—". */
export function percent(value: number | null): string {
  if (value === null) return '—';
  const p = Math.round(value * 1000) / 10;
  return `${p}%`;
}

/** 0.98 → "≥ 98%". */
export function targetText(target: number): string {
  return `≥ ${Math.round(target * 1000) / 10}%`;
}

export function minutesText(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 1) return '不到 1 分钟';
  if (minutes < 60) return `${Math.round(minutes * 10) / 10} 分钟`;
  return `${Math.round((minutes / 60) * 10) / 10} 小时`;
}

export function hoursText(hours: number | null): string {
  if (hours === null) return '—';
  if (hours < 1) return `${Math.round(hours * 60)} 分钟`;
  if (hours >= 48) return `${Math.round((hours / 24) * 10) / 10} 天`;
  return `${Math.round(hours * 10) / 10} 小时`;
}

/** "2026-11-03" → "11-03"; a week is labelled "11-02 周". */
export function periodLabel(period: string, unit: 'day' | 'week'): string {
  const short = period.slice(5);
  return unit === 'week' ? `${short} 起一周` : short;
}

/** Today and n days back, YYYY-MM-DD in Asia/Shanghai (the operator's days, whatever the browser's zone). */
export function shanghaiDay(at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Presets of the range picker. */
export function presetRange(preset: '7d' | '30d' | 'month' | 'lastMonth' | '90d', today: string): { from: string; to: string } {
  switch (preset) {
    case '7d':
      return { from: addDays(today, -6), to: today };
    case '30d':
      return { from: addDays(today, -29), to: today };
    case '90d':
      return { from: addDays(today, -89), to: today };
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'lastMonth': {
      const lastOfPrev = addDays(`${today.slice(0, 8)}01`, -1);
      return { from: `${lastOfPrev.slice(0, 8)}01`, to: lastOfPrev };
    }
  }
}
