import {
  clearCase,
  countNotice,
  isUnseen,
  keepListed,
  noticeOf,
  noticeWords,
  titleFor,
  totalUnread,
  type Unread,
} from '../../src/web/agent/notices';
import type { StaffEvent } from '../../src/web/agent/model';

/** The console's unread counting (src/web/agent/notices.ts), on events shaped as the server publishes them. */
describe('agent console notices', () => {
  const me = 'agent07';
  const offered = (agent: string): StaffEvent => ({
    resource: 'case',
    type: 'offered',
    id: 'c1',
    payload: { agent, ticketId: 'TS-20261204-0001', status: 'queued', until: '2026-12-04T10:00:00Z' },
  });
  const line = (from: string, owner: string | null): StaffEvent => ({
    resource: 'message',
    type: 'created',
    id: 'c2',
    payload: { from, text: '在吗', owner, ticketId: 'TS-20261204-0002' },
  });
  const whisper = (owner: string | null): StaffEvent => ({
    resource: 'note',
    type: 'created',
    id: 'c3',
    payload: { noteId: 'n', text: '先安抚客户', by: 'boss', owner },
  });

  it('hears an offer to me, a customer line in my case and a whisper to me, and nothing else', () => {
    expect(noticeOf(offered(me), me)).toEqual({ kind: 'offered', caseId: 'c1', ticketId: 'TS-20261204-0001' });
    expect(noticeOf(offered('agent08'), me)).toBeUndefined();
    expect(noticeOf(line('customer', me), me)).toEqual({ kind: 'message', caseId: 'c2', ticketId: 'TS-20261204-0002' });
    // My own line, the bot's, and a customer's line in a colleague's case (a supervisor sees those) are not for me.
    expect(noticeOf(line('agent', me), me)).toBeUndefined();
    expect(noticeOf(line('customer', 'agent08'), me)).toBeUndefined();
    expect(noticeOf({ ...line('customer', me), type: 'typing' }, me)).toBeUndefined();
    expect(noticeOf(whisper(me), me)).toEqual({ kind: 'whisper', caseId: 'c3' });
    expect(noticeOf(whisper('agent08'), me)).toBeUndefined();
    expect(noticeOf({ resource: 'case', type: 'status', id: 'c1', payload: { status: 'active', owner: me } }, me)).toBeUndefined();
    expect(noticeOf({ ...offered(me), id: '' }, me)).toBeUndefined();
  });

  it('counts per case what the agent cannot be looking at, and clears a case once opened', () => {
    const msg = noticeOf(line('customer', me), me)!;
    const offer = noticeOf(offered(me), me)!;
    let unread: Unread = {};
    // The open case in the tab in front: seen as it comes, nothing to count.
    expect(isUnseen(msg, { openCaseId: 'c2', visible: true })).toBe(false);
    unread = countNotice(unread, msg, { openCaseId: 'c2', visible: true }, 1);
    expect(unread).toEqual({});
    // The same case with the tab in the background, another case open, no case open: counted.
    unread = countNotice(unread, msg, { openCaseId: 'c2', visible: false }, 2);
    unread = countNotice(unread, msg, { openCaseId: 'c1', visible: true }, 3);
    unread = countNotice(unread, offer, { visible: true }, 4);
    expect(unread).toEqual({ c2: { count: 2, at: 3 }, c1: { count: 1, at: 4 } });
    expect(totalUnread(unread)).toBe(3);
    unread = clearCase(unread, 'c2');
    expect(unread).toEqual({ c1: { count: 1, at: 4 } });
    expect(clearCase(unread, undefined)).toBe(unread);
    expect(clearCase(unread, 'nope')).toBe(unread);
  });

  it('forgets cases a queue read no longer lists, but not a notice newer than that read', () => {
    const unread: Unread = { gone: { count: 2, at: 100 }, listed: { count: 1, at: 100 }, fresh: { count: 1, at: 300 } };
    expect(keepListed(unread, new Set(['listed']), 200)).toEqual({ listed: { count: 1, at: 100 }, fresh: { count: 1, at: 300 } });
    expect(keepListed(unread, new Set(['gone', 'listed', 'fresh']), 200)).toBe(unread);
  });

  it('puts the count in the title, and writes notifications without the customer’s words', () => {
    expect(titleFor(0)).toBe('坐席工作台');
    expect(titleFor(3)).toBe('(3) 坐席工作台');
    expect(titleFor(120)).toBe('(99+) 坐席工作台');
    const words = noticeWords(noticeOf(line('customer', me), me)!);
    expect(words.title).toBe('客户发来新消息');
    expect(words.body).toContain('TS-20261204-0002');
    expect(words.body).not.toContain('在吗');
    expect(noticeWords(noticeOf(whisper(me), me)!).body).not.toContain('先安抚客户');
    expect(noticeWords(noticeOf(offered(me), me)!).title).toBe('有新工单分配给您');
  });
});
