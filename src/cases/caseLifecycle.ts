// Deadlines, reopening and archiving as pure rules over one case: they sit with the case record so the case service
// applies them without importing the follow-up workflow, which builds on cases.
import type { Case, CaseDeadlineSet, TranscriptEntry } from '../domain/case';
import { DAY_MS, HOUR_MS, type FollowupSettings } from '../domain/followupSettings';

/**
 * The pure rules of a case after intake: the deadlines it is held to, what reopening changes,
 * what archiving stamps, and which earlier case a return "about the same matter" lands on.
 * No I/O here: the case service, the survey and the watch apply these under the case's lock.
 */

type DeadlineFigures = Pick<FollowupSettings, 'solutionHours' | 'resultNoticeHours'>;

/** Deadlines stamped at acceptance. The first response is the per-category DEADLINE_HOURS one. */
export function plannedDeadlines(acceptedAt: string, responseDueAt: string, figures: DeadlineFigures): CaseDeadlineSet {
  const solution = Math.max(Date.parse(acceptedAt) + figures.solutionHours * HOUR_MS, Date.parse(responseDueAt));
  return {
    firstResponseDueAt: responseDueAt,
    solutionDueAt: new Date(solution).toISOString(),
    resultNoticeDueAt: new Date(solution + figures.resultNoticeHours * HOUR_MS).toISOString(),
  };
}

/**
 * The deadlines of a case, also for cases stored before the watch existed (derived from the
 * acceptance time). A reopen's deadlines replace the original ones.
 */
export function deadlinesOf(c: Case, figures: DeadlineFigures): CaseDeadlineSet {
  return c.deadlines ?? plannedDeadlines(c.acceptedAt, c.responseDueAt, figures);
}

/**
 * What reopening a resolved case changes (DOMAIN.md: a customer unhappy with the result is
 * contacted again within 48 hours). Status goes back to 'open' with no owner; the caller then
 * puts it in the queue through the handoff, which checks and announces that transition.
 */
export function reopenedFields(
  current: Case,
  now: Date,
  settings: Pick<FollowupSettings, 'reopenHours' | 'resultNoticeHours'>,
  why: string,
): Case {
  const at = now.toISOString();
  const contactBy = new Date(now.getTime() + settings.reopenHours * HOUR_MS).toISOString();
  const next: Case = {
    ...current,
    status: 'open',
    reopened: true,
    reopenedAt: at,
    responseDueAt: contactBy,
    deadlines: {
      firstResponseDueAt: contactBy,
      solutionDueAt: contactBy,
      resultNoticeDueAt: new Date(Date.parse(contactBy) + settings.resultNoticeHours * HOUR_MS).toISOString(),
    },
    transcript: [...current.transcript, systemLine(why, at)],
    updatedAt: at,
  };
  for (const key of ['owner', 'ownerAgentNo', 'queuedAt', 'claimedAt', 'archivedAt', 'retainUntil', 'resultNoticeAt'] as const)
    delete next[key];
  return next;
}

/** 归档: stamped when a case is resolved; the retention sweep deletes it after retainUntil. */
export function archivedFields(now: Date, retentionDays: number): Pick<Case, 'archivedAt' | 'retainUntil'> {
  return { archivedAt: now.toISOString(), retainUntil: new Date(now.getTime() + retentionDays * DAY_MS).toISOString() };
}

/**
 * The case a new complaint of this customer "about the same matter" belongs to: the same
 * category, resolved or reopened within the reopen window. Newest first wins.
 */
export function sameMatterCase(candidates: Case[], category: Case['category'], now: Date, reopenHours: number): Case | undefined {
  const since = now.getTime() - reopenHours * HOUR_MS;
  const within = (iso: string | undefined) => iso !== undefined && Date.parse(iso) >= since;
  return candidates
    .filter((c) => c.category === category && c.issues.length > 0)
    .filter((c) => (c.status === 'resolved' ? within(c.resolution?.resolvedAt) : within(c.reopenedAt)))
    .sort((a, b) => lastTouch(b).localeCompare(lastTouch(a)))[0];
}

/** Earlier cases of the same customer in the same category within REPEAT_DAYS, newest first. */
export function repeatCandidates(candidates: Case[], c: Case, now: Date, repeatDays: number): Case[] {
  const since = now.getTime() - repeatDays * DAY_MS;
  return candidates
    .filter((p) => p.id !== c.id && p.category !== undefined && p.category === c.category && Date.parse(p.acceptedAt) >= since)
    .sort((a, b) => b.acceptedAt.localeCompare(a.acceptedAt));
}

function lastTouch(c: Case): string {
  return c.reopenedAt && c.reopenedAt > (c.resolution?.resolvedAt ?? '') ? c.reopenedAt : (c.resolution?.resolvedAt ?? c.updatedAt);
}

export function systemLine(text: string, at: string): TranscriptEntry {
  return { from: 'system', text, at };
}
