import type { Case } from '../domain/case';

/**
 * Queue priority from the three inputs the desk agreed on: escalation risk, the response
 * deadline, and the time already waited. Points, so an agent can read why one case is above
 * another:
 *   escalation risk                    +100  (always above any case without it)
 *   deadline: linear over the last 24 h  0…50, overdue +60
 *   waiting: half a point a minute       0…30 (capped at an hour)
 * The caps keep the order stable: deadline and waiting together (≤ 90) never outweigh risk.
 */
export const PRIORITY_WEIGHTS = {
  escalation: 100,
  deadlineWindowHours: 24,
  deadlineMax: 50,
  overdue: 60,
  waitPerMinute: 0.5,
  waitMax: 30,
} as const;

export interface PriorityBreakdown {
  priority: number;
  escalation: number;
  deadline: number;
  waiting: number;
}

/** When a case started waiting: its entry into the queue, or its acceptance if it never queued. */
export function waitingSince(c: Pick<Case, 'queuedAt' | 'acceptedAt'>): string {
  return c.queuedAt ?? c.acceptedAt;
}

export function priorityOf(c: Pick<Case, 'escalationRisk' | 'responseDueAt' | 'queuedAt' | 'acceptedAt'>, now: Date): PriorityBreakdown {
  const w = PRIORITY_WEIGHTS;
  const escalation = c.escalationRisk ? w.escalation : 0;
  const hoursLeft = (Date.parse(c.responseDueAt) - now.getTime()) / 3600_000;
  const deadline =
    hoursLeft <= 0 ? w.overdue : Math.max(0, w.deadlineMax * (1 - Math.min(hoursLeft, w.deadlineWindowHours) / w.deadlineWindowHours));
  const waitedMinutes = Math.max(0, (now.getTime() - Date.parse(waitingSince(c))) / 60_000);
  const waiting = Math.min(w.waitMax, waitedMinutes * w.waitPerMinute);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    priority: round(escalation + deadline + waiting),
    escalation,
    deadline: round(deadline),
    waiting: round(waiting),
  };
}

/** Highest priority first; equal priority: who waited longer first, then the older ticket. */
export function byPriority(now: Date) {
  return (a: Case, b: Case): number =>
    priorityOf(b, now).priority - priorityOf(a, now).priority ||
    waitingSince(a).localeCompare(waitingSince(b)) ||
    a.ticketId.localeCompare(b.ticketId, undefined, { numeric: true });
}

/** The queue in serving order. */
export function queueOrder(queued: Case[], now: Date): Case[] {
  return queued.filter((c) => c.status === 'queued').sort(byPriority(now));
}
