import { checkDraft } from '../../src/assist';
import { ChannelRegistry } from '../../src/domain/channels';
import { earlierCaseView, toDetail, toListItem } from '../../src/cases/caseView';
import { formatClock, formatDuration } from '../../src/web/agent/format';
import {
  applyRewrite,
  compareQueue,
  toCaseDetail,
  toCaseList,
  toEarlierCase,
  toProblems,
  type CaseSummary,
} from '../../src/web/agent/model';
import { makeCase } from '../handoff/caseFactory';

/**
 * The console's reading of the API, checked against the shapes the server really produces
 * (src/cases/caseView.ts, src/assist), so a change on either side shows up here, not in a
 * browser at an agent's desk.
 */
describe('agent console model', () => {
  const now = new Date('2026-11-22T02:00:00.000Z');

  it('reads a case page as src/cases/caseView.ts builds it', () => {
    const c = makeCase({
      status: 'active',
      owner: 'agent07',
      ownerAgentNo: '07',
      slots: { phone: '13812345678', idNumber: '110101199003077777', amount: '30', month: '这个月' },
      signals: ['regulator'],
      escalationRisk: true,
      attachments: [
        { kind: 'image', ref: 'https://files.example/bill.jpg', name: 'bill.jpg', receivedAt: now.toISOString() },
        { kind: 'file', ref: 'contract.pdf', name: 'contract.pdf', receivedAt: now.toISOString() },
      ],
      transcript: [
        { from: 'customer', text: '我的手机号13812345678被多扣了30元', at: now.toISOString() },
        { from: 'agent', text: '您好，我来帮您查', at: now.toISOString(), by: 'agent07' },
      ],
    });
    const detail = toCaseDetail(JSON.parse(JSON.stringify(toDetail(c, now, (ref) => new ChannelRegistry().attachmentSource(ref)))))!;
    expect(detail).toMatchObject({
      id: c.id,
      ticketId: c.ticketId,
      category: 'billing_dispute',
      status: 'active',
      owner: 'agent07',
      ownerAgentNo: '07',
      channel: 'web',
      escalationRisk: true,
      signals: ['regulator'],
      deadlines: { responseDueAt: c.responseDueAt },
    });
    expect(detail.agentSummary).toContain('收费争议');
    expect(detail.transcript.map((t) => [t.from, t.by])).toEqual([
      ['customer', undefined],
      ['agent', 'agent07'],
    ]);
    expect(detail.transcript[0].text).not.toContain('13812345678');
    // What the customer sent: kind, name, time and whether it opens, never the stored reference.
    expect(detail.attachments).toEqual([
      { index: 0, kind: 'image', name: 'bill.jpg', receivedAt: now.toISOString(), channel: 'web', viewable: true },
      { index: 1, kind: 'file', name: 'contract.pdf', receivedAt: now.toISOString(), channel: 'web', viewable: false },
    ]);
    expect(JSON.stringify(detail.attachments)).not.toContain('files.example');
    const slots = Object.fromEntries(detail.slots.map((s) => [s.field, s]));
    // Phone and ID number come masked and can be revealed; the rest is shown as told.
    expect(slots.phone).toEqual({ field: 'phone', value: '138****5678', revealable: true });
    expect(slots.idNumber.revealable).toBe(true);
    expect(slots.idNumber.value).not.toContain('19900307');
    expect(slots.amount).toEqual({ field: 'amount', value: '30', revealable: false });
  });

  it('reads the queue as the list route builds it, and keeps the most urgent first', () => {
    const calm = makeCase({ acceptedAt: '2026-11-22T01:00:00.000Z', queuedAt: '2026-11-22T01:00:00.000Z' });
    const angry = makeCase({ escalationRisk: true, acceptedAt: '2026-11-22T01:50:00.000Z', queuedAt: '2026-11-22T01:50:00.000Z' });
    const list = toCaseList(JSON.parse(JSON.stringify([calm, angry].map((c) => toListItem(c, now)))));
    expect(list.map((c) => c.id).sort((a, b) => a.localeCompare(b))).toEqual([calm.id, angry.id].sort((a, b) => a.localeCompare(b)));
    const row = list.find((c) => c.id === calm.id)!;
    expect(row).toMatchObject({
      status: 'queued',
      category: 'billing_dispute',
      channel: 'web',
      waitingSince: calm.queuedAt,
      responseDueAt: calm.responseDueAt,
    });
    expect(row.summary).toContain('话费多扣了');
    expect(typeof row.priority).toBe('number');
    expect([...list].sort(compareQueue).map((c) => c.id)).toEqual([angry.id, calm.id]);
  });

  it('orders by escalation risk, then priority, then the longest wait', () => {
    const row = (id: string, over: Partial<CaseSummary>): CaseSummary => ({
      id,
      ticketId: id,
      priority: 0,
      escalationRisk: false,
      channel: 'web',
      status: 'queued',
      summary: '',
      ...over,
    });
    const rows = [
      row('late-low', { priority: 10, waitingSince: '2026-11-22T01:59:00Z' }),
      row('early-low', { priority: 10, waitingSince: '2026-11-22T01:00:00Z' }),
      row('high', { priority: 55 }),
      row('risk', { priority: 100, escalationRisk: true }),
    ];
    expect(rows.sort(compareQueue).map((r) => r.id)).toEqual(['risk', 'high', 'early-low', 'late-low']);
  });

  it('rewrites the span the wording check flags, without doubling punctuation', () => {
    const draft = '您搞错了，这笔费用我帮您查过了。';
    const problems = toProblems(JSON.parse(JSON.stringify(checkDraft(draft))), draft);
    expect(problems.length).toBeGreaterThan(0);
    const p = problems[0];
    expect(draft.slice(p.start, p.end)).toContain('搞错了');
    const { text, caret } = applyRewrite(draft, p);
    expect(text).not.toContain('搞错了');
    expect(text.startsWith(p.rewrite)).toBe(true);
    expect(text).not.toMatch(/[。！？][，,]/);
    expect(text.slice(0, caret)).toBe(p.rewrite);
    // A rewrite without closing punctuation keeps what followed.
    expect(applyRewrite('你搞错了，再看', { start: 0, end: 4, reason: '', rewrite: '我再核对一下' }).text).toBe('我再核对一下，再看');
  });

  it('drops problem spans that are out of range or overlap an earlier one', () => {
    const text = '0123456789';
    const problems = toProblems(
      {
        problems: [
          { start: 4, end: 6, reason: 'b', rewrite: 'B' },
          { start: 0, end: 3, reason: 'a', rewrite: 'A' },
          { start: 2, end: 5, reason: 'overlap', rewrite: 'X' },
          { start: 8, end: 20, reason: 'beyond', rewrite: 'Y' },
          { start: 7, end: 7, reason: 'empty', rewrite: 'Z' },
        ],
      },
      text,
    );
    expect(problems.map((p) => p.reason)).toEqual(['a', 'b']);
  });

  it('reads an earlier case as src/cases/caseView.ts builds it for the read-only view, masked', () => {
    const of = makeCase({ customerId: 'returning', linkedCaseIds: [] });
    const earlier = makeCase({
      customerId: 'returning',
      status: 'resolved',
      owner: 'agent09',
      category: 'billing_dispute',
      summary: '【收费争议】号码13812345678多扣了20元',
      transcript: [{ from: 'customer', text: '我的号码13812345678多扣了20元', at: now.toISOString() }],
      resolution: {
        cause: '误开通',
        solution: '已退回20元',
        compensation: '赠送5元话费',
        resolvedAt: now.toISOString(),
        resolvedBy: 'agent09',
      },
      satisfaction: { score: 5, words: '满意', at: now.toISOString() },
    });
    const read = toEarlierCase(JSON.parse(JSON.stringify(earlierCaseView(earlier, now, of))));
    expect(read).toMatchObject({
      id: earlier.id,
      ticketId: earlier.ticketId,
      status: 'resolved',
      category: 'billing_dispute',
      channel: 'web',
      satisfaction: 5,
      resolution: { cause: '误开通', solution: '已退回20元', compensation: '赠送5元话费' },
      transcript: [{ from: 'customer', text: '我的号码138****5678多扣了20元' }],
    });
    expect(read!.summary).toContain('138****5678');
    expect(JSON.stringify(read)).not.toContain('13812345678');
    expect(toEarlierCase({ nothing: true })).toBeUndefined();
  });

  it('shows durations and countdowns the way an agent reads them', () => {
    expect(formatDuration(42_000)).toBe('42秒');
    expect(formatDuration(5 * 60_000 + 3_000)).toBe('5分03秒');
    expect(formatDuration(2 * 3600_000 + 5 * 60_000)).toBe('2小时05分');
    expect(formatDuration(3 * 86400_000 + 4 * 3600_000)).toBe('3天4小时');
    expect(formatClock(9 * 60_000 + 59_000)).toBe('09:59');
    expect(formatClock(3600_000 + 5 * 60_000 + 9_000)).toBe('1:05:09');
    expect(formatClock(-65_000)).toBe('01:05');
  });
});
