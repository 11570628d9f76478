import { createHash } from 'node:crypto';
import { LIVE_CASE_STATUSES, type Case, type CaseStatus } from '../domain/case';
import type { LiveConversation } from '../domain/liveConversation';
import { toListItem } from '../cases/caseView';
import type { ConversationRow } from './conversationShapes';
import { assessFacts, conversationFacts, STALL_WEIGHTS, type StallReason, type StallThresholds } from './stallDetector';
import { STALL_TEXT } from './stallWording';

export type { ConversationRow } from './conversationShapes';

/** The row status of a conversation with the bot that has no case yet. */
export const BOT_STAGE_STATUS = 'bot' as const;

/** The statuses that are live conversations. */
export const LIVE_STATUSES = LIVE_CASE_STATUSES;

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
  return sortRows(all.filter(isLiveCase).map((c) => toConversationRow(c, now, thresholds, (perCustomer.get(customerKey(c)) ?? 1) - 1)));
}

const RANK: Record<ConversationRow['status'], number> = { queued: 0, active: 1, open: 2, bot: 3 };

/** A case that is still a live conversation: only these are board rows. */
type LiveCase = Case & { status: Exclude<CaseStatus, 'resolved'> };
const isLiveCase = (c: Case): c is LiveCase => LIVE_STATUSES.includes(c.status);

/** Stalled first (highest score first), then queued, active, open, with the bot; then priority. */
export function sortRows(rows: ConversationRow[]): ConversationRow[] {
  return rows.sort(
    (a, b) => Number(b.stalled) - Number(a.stalled) || b.score - a.score || RANK[a.status] - RANK[b.status] || b.priority - a.priority,
  );
}

export function toConversationRow(c: LiveCase, now: Date, thresholds: StallThresholds, otherCases: number): ConversationRow {
  const facts = conversationFacts(c, now, thresholds, { otherCases });
  const stall = assessFacts(facts, thresholds, c.ownerAgentNo);
  return {
    ...toListItem(c, now),
    status: c.status,
    ...facts,
    stalled: stall.stalled,
    stallReasons: stall.reasons,
    stallCodes: stall.details.map((d) => d.code),
    score: stall.score,
    withWhom: WITH_WHOM[c.status],
    notes: c.notes?.length ?? 0,
  };
}

/**
 * Rows for the conversations the bot is serving that have no case to show instead: no live case
 * of the same conversation, and the customer spoke to the bot after the conversation's last case
 * changed (a record left over from before a handoff does not come back once the case closes).
 * Nothing personal is shown: the row's id is a digest of the conversation id, and there is no
 * text preview.
 */
export function botConversationRows(live: LiveConversation[], all: Case[], now: Date, thresholds: StallThresholds): ConversationRow[] {
  const latestCase = new Map<string, { live: boolean; updatedAt: string }>();
  const perCustomer = new Map<string, number>();
  for (const c of all) {
    perCustomer.set(customerKey(c), (perCustomer.get(customerKey(c)) ?? 0) + 1);
    const seen = latestCase.get(c.conversationId);
    latestCase.set(c.conversationId, {
      live: (seen?.live ?? false) || LIVE_STATUSES.includes(c.status),
      updatedAt: seen && seen.updatedAt > c.updatedAt ? seen.updatedAt : c.updatedAt,
    });
  }
  return live
    .filter((l) => {
      const c = latestCase.get(l.conversationId);
      return !c || (!c.live && lastActivityAt(l) > c.updatedAt);
    })
    .map((l) => toBotConversationRow(l, now, thresholds, perCustomer.get(customerKey(l)) ?? 0));
}

/** A conversation with the bot as a row: it stalls only when the customer has waited for the bot's answer too long. */
export function toBotConversationRow(l: LiveConversation, now: Date, thresholds: StallThresholds, otherCases: number): ConversationRow {
  const unanswered = !l.lastBotMessageAt || l.lastBotMessageAt < l.lastCustomerMessageAt;
  const waitingSeconds = unanswered ? Math.max(0, Math.floor((now.getTime() - Date.parse(l.lastCustomerMessageAt)) / 1000)) : 0;
  const angerTrend = l.anger === undefined ? [] : [Math.round(l.anger * 100) / 100];
  const details: StallReason[] = [];
  if (unanswered && waitingSeconds >= thresholds.customerWaitSeconds)
    details.push({ code: 'waiting', text: STALL_TEXT.botWait(waitingSeconds) });
  if (angerTrend.length && angerTrend[0] >= thresholds.angerHigh) details.push({ code: 'anger_high', text: STALL_TEXT.angerHigh() });
  if (otherCases > 0) details.push({ code: 'repeat', text: STALL_TEXT.repeat(otherCases) });
  return {
    id: botRowId(l.conversationId),
    ticketId: null,
    status: BOT_STAGE_STATUS,
    category: null,
    categoryName: null,
    priority: 0,
    waitingSince: l.lastCustomerMessageAt,
    escalationRisk: false,
    channel: l.channel,
    owner: null,
    ownerAgentNo: null,
    wantsHuman: false,
    handoffReasons: [],
    acceptedAt: null,
    responseDueAt: null,
    updatedAt: lastActivityAt(l),
    preview: '',
    waitingSeconds,
    waitingFor: unanswered ? 'reply' : null,
    agentSilentSeconds: null,
    deadlineSeconds: null,
    firstResponseGiven: false,
    angerTrend,
    repeat: { repeat: otherCases > 0, count: otherCases },
    stalled: details.some((d) => d.code === 'waiting'),
    stallReasons: details.map((d) => d.text),
    stallCodes: details.map((d) => d.code),
    score: Math.min(
      100,
      details.reduce((sum, d) => sum + STALL_WEIGHTS[d.code], 0),
    ),
    withWhom: 'bot',
    notes: 0,
  };
}

/** A stable id for a bot-stage row that does not show the conversation id (a Direct Line or WeChat handle). */
export function botRowId(conversationId: string): string {
  return `bot-${createHash('sha256').update(conversationId).digest('hex').slice(0, 16)}`;
}

function lastActivityAt(l: LiveConversation): string {
  return l.lastBotMessageAt && l.lastBotMessageAt > l.lastCustomerMessageAt ? l.lastBotMessageAt : l.lastCustomerMessageAt;
}
