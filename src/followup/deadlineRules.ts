import type { Case, DeadlineEvent, DeadlineName } from '../domain/case';
import { deadlinesOf } from '../cases/caseLifecycle';
import type { FollowupSettings } from './followupSettings';

/**
 * Which deadline warnings and breaches a case is due at a moment (pure; the watch records and
 * announces them). Each deadline raises at most one warning per lead time that passes and
 * one breach, per due time: a reopen's new due times start afresh.
 */

export const DEADLINE_NAMES: Record<DeadlineName, string> = {
  firstResponse: '首次响应',
  solution: '解决方案',
  resultNotice: '结果告知',
};

const DUE_KEY: Record<DeadlineName, 'firstResponseDueAt' | 'solutionDueAt' | 'resultNoticeDueAt'> = {
  firstResponse: 'firstResponseDueAt',
  solution: 'solutionDueAt',
  resultNotice: 'resultNoticeDueAt',
};

type Figures = Pick<FollowupSettings, 'solutionHours' | 'resultNoticeHours' | 'warnMinutes'>;

export function dueDeadlineEvents(c: Case, now: Date, figures: Figures): DeadlineEvent[] {
  const deadlines = deadlinesOf(c, figures);
  const at = now.toISOString();
  const raised: DeadlineEvent[] = [];
  for (const deadline of Object.keys(DUE_KEY) as DeadlineName[]) {
    if (isMet(c, deadline)) continue;
    const dueAt = deadlines[DUE_KEY[deadline]];
    const dueMs = Date.parse(dueAt);
    const earlier = (c.deadlineEvents ?? []).filter((e) => e.deadline === deadline && e.dueAt === dueAt);
    if (now.getTime() >= dueMs) {
      if (!earlier.some((e) => e.kind === 'breach')) raised.push({ kind: 'breach', deadline, dueAt, at });
      continue;
    }
    // Only the tightest lead time passed counts: a scan that starts late does not fire a burst.
    const passed = figures.warnMinutes.filter((lead) => now.getTime() >= dueMs - lead * 60_000);
    if (passed.length === 0) continue;
    const lead = Math.min(...passed);
    if (earlier.some((e) => e.kind === 'warning' && (e.leadMinutes ?? Infinity) <= lead)) continue;
    raised.push({ kind: 'warning', deadline, dueAt, leadMinutes: lead, at });
  }
  return raised;
}

/** Whether a deadline no longer needs watching. */
export function isMet(c: Case, deadline: DeadlineName): boolean {
  switch (deadline) {
    case 'firstResponse': {
      if (c.status === 'resolved') return true;
      // A person answered: claimed the case, or wrote to the customer, since it (re)opened.
      const since = c.reopenedAt ?? c.acceptedAt;
      return (c.claimedAt !== undefined && c.claimedAt >= since) || c.transcript.some((t) => t.from === 'agent' && t.at >= since);
    }
    case 'solution':
      return c.status === 'resolved';
    case 'resultNotice':
      // Cases resolved before the watch existed (no deadlines stamped) are not chased.
      return c.resultNoticeAt !== undefined || (c.status === 'resolved' && c.deadlines === undefined);
  }
}
