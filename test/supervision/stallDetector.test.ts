import { assessStall, conversationFacts, DEFAULT_STALL_THRESHOLDS, durationText, type StallThresholds } from '../../src/supervision';
import { makeCase } from '../handoff/caseFactory';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();
const inSeconds = (seconds: number) => new Date(NOW.getTime() + seconds * 1000).toISOString();
const T: StallThresholds = { ...DEFAULT_STALL_THRESHOLDS, agentSilentSeconds: 300, customerWaitSeconds: 300, deadlineMinutes: 10 };

/** A case far from its deadline, calm, not repeated: only what a test sets can stall it. */
function calm(overrides: Parameters<typeof makeCase>[0] = {}) {
  return makeCase({
    acceptedAt: ago(60),
    queuedAt: ago(60),
    updatedAt: ago(60),
    responseDueAt: inSeconds(3 * 3600),
    transcript: [],
    ...overrides,
  });
}

describe('assessStall: reasons and thresholds', () => {
  it('a fresh queued case is not stalled and has no reasons', () => {
    const a = assessStall(calm(), NOW, T);
    expect(a).toMatchObject({ stalled: false, reasons: [], score: 0 });
  });

  it('a customer queued past STALL_WAIT_SECONDS: 客户已排队等待 6 分钟', () => {
    const a = assessStall(calm({ queuedAt: ago(372) }), NOW, T);
    expect(a.stalled).toBe(true);
    expect(a.reasons).toEqual(['客户已排队等待 6 分钟，无人接入']);
    expect(a.score).toBeGreaterThanOrEqual(30);
    // Just under the threshold: nothing.
    expect(assessStall(calm({ queuedAt: ago(299) }), NOW, T).stalled).toBe(false);
  });

  it('an active case whose customer line is unanswered: 客户已等待 6 分钟无人回复, and the agent silent', () => {
    const c = calm({
      status: 'active',
      owner: 'agent07',
      ownerAgentNo: '07',
      claimedAt: ago(600),
      transcript: [
        { from: 'agent', text: '您好', at: ago(500), by: 'agent07' },
        { from: 'customer', text: '还没好吗', at: ago(360) },
        { from: 'customer', text: '人呢', at: ago(100) },
      ],
    });
    const a = assessStall(c, NOW, T);
    expect(a.stalled).toBe(true);
    expect(a.reasons).toContain('客户已等待 6 分钟无人回复');
    expect(a.reasons).toContain('客服 07 号已 8 分钟未发言');
    expect(a.details.map((d) => d.code).sort()).toEqual(['agent_silent', 'waiting']);
  });

  it('STALL_AFTER_SECONDS: agent silence counts from the claim or the last agent line, whichever is later', () => {
    const c = calm({ status: 'active', owner: 'agent07', ownerAgentNo: '07', claimedAt: ago(200), transcript: [] });
    expect(assessStall(c, NOW, T).stalled).toBe(false);
    expect(assessStall(c, NOW, { ...T, agentSilentSeconds: 120 }).reasons).toEqual(['客服 07 号已 3 分钟未发言']);
    const answered = { ...c, claimedAt: ago(900), transcript: [{ from: 'agent' as const, text: '在查', at: ago(30), by: 'agent07' }] };
    expect(conversationFacts(answered, NOW, T).agentSilentSeconds).toBe(30);
    expect(assessStall(answered, NOW, T).stalled).toBe(false);
  });

  it('STALL_DEADLINE_MINUTES: 距回复时限不足 10 分钟 while the first response is owed; overdue after', () => {
    const near = assessStall(calm({ responseDueAt: inSeconds(8 * 60) }), NOW, T);
    expect(near.stalled).toBe(true);
    expect(near.reasons[0]).toMatch(/^距回复时限不足 10 分钟（还剩 8 分钟）$/);
    expect(assessStall(calm({ responseDueAt: inSeconds(8 * 60) }), NOW, { ...T, deadlineMinutes: 5 }).stalled).toBe(false);
    const over = assessStall(calm({ responseDueAt: ago(3 * 60) }), NOW, T);
    expect(over.reasons).toEqual(['已超过回复时限 3 分钟']);
    expect(over.score).toBeGreaterThan(near.score);
    // Once a person has answered, the first-response deadline is met.
    const answered = calm({
      status: 'active',
      owner: 'agent07',
      claimedAt: ago(30),
      responseDueAt: inSeconds(60),
      transcript: [{ from: 'agent', text: '您好', at: ago(20), by: 'agent07' }],
    });
    expect(assessStall(answered, NOW, T).stalled).toBe(false);
    expect(conversationFacts(answered, NOW, T).deadlineSeconds).toBe(60);
  });

  it('情绪持续升级 when the last readings keep rising; a calming customer is not flagged', () => {
    const rising = calm({
      anger: 0.1,
      angerHistory: [
        { at: ago(50), anger: 0.2 },
        { at: ago(20), anger: 0.45 },
      ],
    });
    const a = assessStall(rising, NOW, T);
    expect(a.stalled).toBe(true);
    expect(a.reasons).toEqual(['情绪持续升级']);
    expect(conversationFacts(rising, NOW, T).angerTrend).toEqual([0.1, 0.2, 0.45]);
    const calming = calm({
      anger: 0.6,
      angerHistory: [
        { at: ago(50), anger: 0.4 },
        { at: ago(20), anger: 0.2 },
      ],
    });
    expect(assessStall(calming, NOW, T).stalled).toBe(false);
    // Very angry now: a reason and points, but no stall on its own.
    const furious = assessStall(calm({ anger: 0.7 }), NOW, T);
    expect(furious).toMatchObject({ stalled: false, reasons: ['客户情绪激动'] });
  });

  it('重复投诉 from other tickets of the customer or from what they said; it aggravates, it does not stall alone', () => {
    const byHistory = assessStall(calm(), NOW, T, { otherCases: 2 });
    expect(byHistory).toMatchObject({ stalled: false, reasons: ['重复投诉（该客户另有 2 张工单）'] });
    expect(byHistory.score).toBe(15);
    expect(assessStall(calm({ signals: ['repeat'] }), NOW, T).reasons).toEqual(['重复投诉']);
    const both = assessStall(calm({ queuedAt: ago(400) }), NOW, T, { otherCases: 1 });
    expect(both.stalled).toBe(true);
    expect(both.reasons).toEqual(['客户已排队等待 6 分钟，无人接入', '重复投诉（该客户另有 1 张工单）']);
  });

  it('open cases with the bot have no wait and no silence; resolved cases never stall', () => {
    const open = calm({ status: 'open', queuedAt: undefined, acceptedAt: ago(4000) });
    expect(conversationFacts(open, NOW, T)).toMatchObject({ waitingSeconds: 0, waitingFor: null, agentSilentSeconds: null });
    expect(assessStall(open, NOW, T).stalled).toBe(false);
    expect(assessStall(calm({ status: 'resolved', responseDueAt: ago(4000) }), NOW, T)).toMatchObject({ stalled: false, score: 0 });
  });

  it('the score is capped at 100', () => {
    const worst = calm({
      status: 'active',
      owner: 'a',
      ownerAgentNo: '07',
      claimedAt: ago(86400),
      responseDueAt: ago(3600),
      anger: 0.2,
      signals: ['repeat'],
      angerHistory: [
        { at: ago(10), anger: 0.5 },
        { at: ago(5), anger: 0.9 },
      ],
      transcript: [{ from: 'customer', text: '？', at: ago(80000) }],
    });
    expect(assessStall(worst, NOW, T).score).toBe(100);
  });

  it('durations read naturally', () => {
    expect(durationText(5)).toBe('5 秒');
    expect(durationText(372)).toBe('6 分钟');
    expect(durationText(3600 + 6 * 60)).toBe('1 小时 6 分钟');
  });
});
