import type { StaffEvent } from './model';

/**
 * What the console calls the agent's attention to, read from the staff stream: a case offered to
 * me by auto-assignment, a customer's new line in one of my cases, a supervisor's whisper to me.
 * Pure: the counting, the title and when to alert, so they can be tested without a browser.
 */
export type NoticeKind = 'offered' | 'message' | 'whisper';

export interface Notice {
  kind: NoticeKind;
  caseId: string;
  ticketId?: string;
}

/** Unread notices per case, and when the latest came (ms): a queue read older than that cannot clear it. */
export type Unread = Readonly<Record<string, { count: number; at: number }>>;

/** What the agent is looking at: the open case, and whether the tab is in front. */
export interface Viewing {
  openCaseId?: string;
  visible: boolean;
}

export const CONSOLE_TITLE = '坐席工作台';

export function noticeOf(event: StaffEvent, me: string): Notice | undefined {
  if (!event.id) return undefined;
  const p = event.payload;
  const base = { caseId: event.id, ...(typeof p.ticketId === 'string' ? { ticketId: p.ticketId } : {}) };
  if (event.resource === 'case' && event.type === 'offered') return p.agent === me ? { kind: 'offered', ...base } : undefined;
  // Only my own cases: a supervisor on this console sees everyone's lines, and they are not its to answer.
  if (event.resource === 'message' && event.type === 'created')
    return p.from === 'customer' && p.owner === me ? { kind: 'message', ...base } : undefined;
  if (event.resource === 'note' && event.type === 'created') return p.owner === me ? { kind: 'whisper', ...base } : undefined;
  return undefined;
}

/** A notice the agent has not seen: anything but the open case while the tab is in front. */
export function isUnseen(notice: Notice, viewing: Viewing): boolean {
  return !viewing.visible || notice.caseId !== viewing.openCaseId;
}

export function countNotice(unread: Unread, notice: Notice, viewing: Viewing, at: number): Unread {
  if (!isUnseen(notice, viewing)) return unread;
  return { ...unread, [notice.caseId]: { count: (unread[notice.caseId]?.count ?? 0) + 1, at } };
}

export function clearCase(unread: Unread, caseId: string | undefined): Unread {
  if (!caseId || !(caseId in unread)) return unread;
  const { [caseId]: _seen, ...rest } = unread;
  return rest;
}

/**
 * Forgets cases that left my lists (claimed by a colleague, handed back), as a queue read that
 * started at `readStartedAt` saw them. A notice newer than that read may be about a case the read
 * could not know yet, so it stays.
 */
export function keepListed(unread: Unread, listed: ReadonlySet<string>, readStartedAt: number): Unread {
  const gone = Object.keys(unread).filter((id) => !listed.has(id) && unread[id].at < readStartedAt);
  if (gone.length === 0) return unread;
  return Object.fromEntries(Object.entries(unread).filter(([id]) => !gone.includes(id)));
}

export function totalUnread(unread: Unread): number {
  return Object.values(unread).reduce((sum, u) => sum + u.count, 0);
}

export function titleFor(total: number): string {
  return total > 0 ? `(${total > 99 ? '99+' : total}) ${CONSOLE_TITLE}` : CONSOLE_TITLE;
}

/**
 * The words of a desktop notification. No customer words and no phone numbers: a desktop
 * notification shows on screen beyond the console (privacy, DOMAIN.md), so it names the ticket only.
 */
export function noticeWords(notice: Notice): { title: string; body: string } {
  const ticket = notice.ticketId ? `工单 ${notice.ticketId}` : '一张工单';
  switch (notice.kind) {
    case 'offered':
      return { title: '有新工单分配给您', body: `${ticket}在等您接单，请尽快处理。` };
    case 'message':
      return { title: '客户发来新消息', body: `${ticket}的客户有新回复，请及时查看。` };
    case 'whisper':
      return { title: '值班主管给您发来悄悄话', body: `关于${ticket}，请到工作台查看。` };
  }
}
