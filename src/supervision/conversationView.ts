import type { Case, CaseStatus } from '../domain/case';
import { toListItem, type CaseListItem } from '../cases/caseView';
import { assessFacts, conversationFacts, type StallThresholds } from './stallDetector';

/**
 * A live conversation as the supervisor view lists it: the case list's row (masked the same
 * way) with the measurements and the stall assessment.
 */
export interface ConversationRow extends CaseListItem {
  waitingSeconds: number;
  waitingFor: 'queue' | 'reply' | null;
  agentSilentSeconds: number | null;
  /** Until the first-response deadline; negative when overdue. */
  deadlineSeconds: number;
  firstResponseGiven: boolean;
  angerTrend: number[];
  repeat: { repeat: boolean; count: number };
  stalled: boolean;
  stallReasons: string[];
  /** Codes of the reasons, in the same order (waiting, agent_silent, deadline_near, overdue, anger_rising, anger_high, repeat). */
  stallCodes: string[];
  score: number;
  /** Where the conversation is: with the bot (open), waiting for a person (queued), with a person (active). */
  withWhom: 'bot' | 'queue' | 'person';
  notes: number;
}

/** The statuses that are live conversations. */
export const LIVE_STATUSES: readonly CaseStatus[] = ['open', 'queued', 'active'];

const WITH_WHOM: Record<string, ConversationRow['withWhom']> = { open: 'bot', queued: 'queue', active: 'person' };

export function customerKey(c: Pick<Case, 'channel' | 'customerId'>): string {
  return `${c.channel}\u0000${c.customerId}`;
}

/**
 * Rows for every live case, stalled first (highest score first), then in the case list's
 * order. `all` includes resolved cases, so repeat complaints count the customer's history.
 */
export function conversationRows(all: Case[], now: Date, thresholds: StallThresholds): ConversationRow[] {
  const perCustomer = new Map<string, number>();
  for (const c of all) perCustomer.set(customerKey(c), (perCustomer.get(customerKey(c)) ?? 0) + 1);
  const rank: Record<string, number> = { queued: 0, active: 1, open: 2 };
  return all
    .filter((c) => LIVE_STATUSES.includes(c.status))
    .map((c) => toConversationRow(c, now, thresholds, (perCustomer.get(customerKey(c)) ?? 1) - 1))
    .sort((a, b) => Number(b.stalled) - Number(a.stalled) || b.score - a.score || rank[a.status] - rank[b.status] || b.priority - a.priority);
}

export function toConversationRow(c: Case, now: Date, thresholds: StallThresholds, otherCases: number): ConversationRow {
  const facts = conversationFacts(c, now, thresholds, { otherCases });
  const stall = assessFacts(facts, thresholds, c.ownerAgentNo);
  return {
    ...toListItem(c, now),
    ...facts,
    stalled: stall.stalled,
    stallReasons: stall.reasons,
    stallCodes: stall.details.map((d) => d.code),
    score: stall.score,
    withWhom: WITH_WHOM[c.status],
    notes: c.notes?.length ?? 0,
  };
}
