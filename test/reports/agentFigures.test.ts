import type { Case } from '../../src/domain/case';
import { agentFigures } from '../../src/reports/agentFigures';
import { summarize } from '../../src/reports/summary';
import { makeCase } from '../handoff/caseFactory';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-11-30T12:00:00Z');
const MIN = 60_000;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A case accepted at `at`, due `dueH` hours later; times below are minutes after acceptance. */
function kase(at: string, dueH: number, fill: (t: (minutes: number) => string) => Partial<Case>): Case {
  const t0 = Date.parse(at);
  const t = (minutes: number) => iso(t0 + minutes * MIN);
  return makeCase({ acceptedAt: at, responseDueAt: iso(t0 + dueH * HOUR), ...fill(t) });
}
const says = (by: string | undefined, at: string) => ({ from: 'agent' as const, text: '您好，我来帮您查一下', at, ...(by ? { by } : {}) });
const resolution = (at: string, by: string) => ({ cause: '计费错误', solution: '已退费', resolvedAt: at, resolvedBy: by });

/**
 * Hand-made cases with hand-computed figures. li (07) has three, wang (12) two (one of them
 * transferred from li, one recorded before assignments were kept), the supervisor one she
 * closed from the queue; a queued case and one outside the range belong to nobody's figures.
 */
const li07 = { username: 'li', agentNo: '07' };
const wang12 = { username: 'wang', agentNo: '12' };
const cases: Case[] = [
  // li: assigned at 10, claim counts as the first response (on time), first message at 14 → 4 min; resolved in 3 h; score 5; two quick replies.
  kase('2026-11-05T02:00:00Z', 1, (t) => ({
    status: 'resolved',
    owner: 'li',
    ownerAgentNo: '07',
    claimedAt: t(10),
    assignments: [{ ...li07, at: t(10) }],
    transcript: [says('li', t(14))],
    resolution: resolution(t(180), 'li'),
    satisfaction: { score: 5, words: '很满意', at: t(200) },
    quickReplyUses: [
      { replyId: 'q1', by: 'li', at: t(12) },
      { replyId: 'q2', by: 'li', at: t(13) },
    ],
  })),
  // li: claimed 90 min in, after the 1 h deadline (late); first message 10 min after the claim; still active.
  kase('2026-11-06T02:00:00Z', 1, (t) => ({
    status: 'active',
    owner: 'li',
    ownerAgentNo: '07',
    claimedAt: t(90),
    assignments: [{ ...li07, at: t(90) }],
    transcript: [says('li', t(100))],
  })),
  // li: first message 30 min after assignment; resolved, then reopened by an unhappy answer (score 2): open, no owner any more.
  kase('2026-11-07T02:00:00Z', 24, (t) => ({
    status: 'open',
    assignments: [{ ...li07, at: t(5) }],
    transcript: [says('li', t(35))],
    resolution: resolution(t(600), 'li'),
    satisfaction: { score: 2, words: '不满意', at: t(700) },
    reopened: true,
    reopenedAt: t(700),
  })),
  // li → wang: li wrote at 8 and inserted a quick reply; wang got it at 20 and wrote at 50 → 30 min for wang. Resolved in 5 h; score 4.
  kase('2026-11-08T02:00:00Z', 1, (t) => ({
    status: 'resolved',
    owner: 'wang',
    ownerAgentNo: '12',
    claimedAt: t(20),
    assignments: [
      { ...li07, at: t(5) },
      { ...wang12, at: t(20) },
    ],
    transcript: [says('li', t(8)), says('wang', t(50))],
    resolution: resolution(t(300), 'wang'),
    satisfaction: { score: 4, words: '还行', at: t(320) },
    quickReplyUses: [{ replyId: 'q1', by: 'li', at: t(7) }],
  })),
  // wang, recorded before assignments: claimedAt and an agent line without `by` → 4 min; on time.
  kase('2026-11-09T02:00:00Z', 1, (t) => ({
    status: 'active',
    owner: 'wang',
    ownerAgentNo: '12',
    claimedAt: t(2),
    transcript: [says(undefined, t(6))],
  })),
  // The supervisor closed it from the queue after 2 h, past the 1 h deadline.
  kase('2026-11-10T02:00:00Z', 1, (t) => ({ status: 'resolved', resolution: resolution(t(120), 'boss') })),
  // Waiting in the queue: nobody's.
  kase('2026-11-11T02:00:00Z', 1, () => ({ status: 'queued' })),
  // Outside the range (October): not counted, its quick reply neither.
  kase('2026-10-20T02:00:00Z', 1, (t) => ({
    status: 'active',
    owner: 'li',
    ownerAgentNo: '07',
    claimedAt: t(1),
    assignments: [{ ...li07, at: t(1) }],
    quickReplyUses: [{ replyId: 'q1', by: 'li', at: t(2) }],
  })),
];

describe('per-agent figures', () => {
  const report = agentFigures({ cases, from: '2026-11-01', to: '2026-11-30', now: NOW, timeZone: TZ });

  it('gives one row per agent, most cases first', () => {
    expect(report.agents.map((a) => [a.username, a.agentNo, a.cases])).toEqual([
      ['li', '07', 3],
      ['wang', '12', 2],
      ['boss', null, 1],
    ]);
    expect(report).toMatchObject({ from: '2026-11-01', to: '2026-11-30', timeZone: TZ, generatedAt: NOW.toISOString() });
  });

  it("measures first response from the agent's own assignment to their own first message", () => {
    const [li, wang, boss] = report.agents;
    // li: 4, 10, 30 → median 10, p90 (nearest rank 3 of 3) 30.
    expect(li.firstResponse).toEqual({ p50Minutes: 10, p90Minutes: 30, count: 3 });
    // wang: 30 (from his assignment, not li's) and 4 → median (rank 1 of 2) 4, p90 30.
    expect(wang.firstResponse).toEqual({ p50Minutes: 4, p90Minutes: 30, count: 2 });
    expect(boss.firstResponse).toEqual({ p50Minutes: null, p90Minutes: null, count: 0 });
  });

  it('counts resolution times, on-time rate, satisfaction and reopen rate per agent', () => {
    const [li, wang, boss] = report.agents;
    // li: only the first case is resolved now (the reopened one is open again).
    expect(li.resolution).toEqual({ p50Hours: 3, count: 1 });
    expect(li.onTime).toEqual({ value: 0.6667, target: 0.98, met: false, numerator: 2, denominator: 3 });
    expect(li.satisfaction).toEqual({ avgScore: 3.5, surveys: 2 });
    expect(li.reopen).toEqual({ value: 0.5, reopened: 1, resolved: 2 });

    expect(wang.resolution).toEqual({ p50Hours: 5, count: 1 });
    expect(wang.onTime).toMatchObject({ value: 1, met: true, numerator: 2, denominator: 2 });
    expect(wang.satisfaction).toEqual({ avgScore: 4, surveys: 1 });
    expect(wang.reopen).toEqual({ value: 0, reopened: 0, resolved: 1 });

    expect(boss.resolution).toEqual({ p50Hours: 2, count: 1 });
    expect(boss.onTime).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(boss.satisfaction).toEqual({ avgScore: null, surveys: 0 });
  });

  it('credits quick replies to whoever inserted them, in the range only', () => {
    expect(report.agents.map((a) => [a.username, a.quickReplies])).toEqual([
      ['li', 3],
      ['wang', 0],
      ['boss', 0],
    ]);
  });

  it("adds up to the desk summary's case-based figures", () => {
    const desk = summarize({ cases, from: '2026-11-01', to: '2026-11-30', now: NOW, timeZone: TZ });
    const sum = (pick: (a: (typeof report.agents)[number]) => number) => report.agents.reduce((n, a) => n + pick(a), 0);
    // Every case with a person is someone's; the queued one is nobody's.
    expect(sum((a) => a.cases)).toBe(desk.counts.total - 1);
    expect(sum((a) => a.onTime.numerator)).toBe(desk.rates.onTime.numerator);
    expect(sum((a) => a.onTime.denominator)).toBe(desk.rates.onTime.denominator - 1); // the queued one is late, and nobody's
    expect(sum((a) => a.resolution.count)).toBe(desk.resolution.count);
  });

  it('is empty for a range without cases, and refuses one that runs backwards', () => {
    expect(agentFigures({ cases, from: '2026-12-01', to: '2026-12-31', now: NOW, timeZone: TZ }).agents).toEqual([]);
    expect(() => agentFigures({ cases, from: '2026-11-02', to: '2026-11-01', now: NOW, timeZone: TZ })).toThrow(RangeError);
  });
});
